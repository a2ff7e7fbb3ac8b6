import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from './env.ts';

/**
 * A public page may be kept by a shared cache (a proxy, a CDN) or a browser, but is checked with
 * the server each time it is shown (`no-cache`, RFC 9111 §5.2.2.4), and the ETag makes that check
 * cheap: 304, no body. Not a max-age: a secretary who has just approved minutes or a result, and
 * looks at the public page, must see it there at once, not a minute later.
 */
export const PUBLIC_CACHE = 'public, no-cache';

/**
 * What a signed-in reader is sent: the page names them (the header's account link) and may show
 * what only members see, so no shared cache may keep it (RFC 9111 §5.2.2.7), and their own
 * browser asks each time (`no-cache`), answered 304 while nothing changed.
 */
export const PRIVATE_CACHE = 'private, no-cache';

/** The suffixes compression.ts adds to an ETag for a compressed representation of the same body. */
const ENCODING_SUFFIX = /-(?:br|gz)"$/;

/** A strong validator: the body's SHA-256, so two bodies share a tag only if byte-identical. */
export const bodyTag = (body: ArrayBuffer | Uint8Array) =>
  `"${createHash('sha256')
    .update(body instanceof Uint8Array ? body : new Uint8Array(body))
    .digest('base64url')
    .slice(0, 27)}"`;

/**
 * The tag in `If-None-Match` that matches `tag`, if any. RFC 9110 §13.1.2 compares weakly (a
 * `W/` prefix is ignored), `*` matches any current representation, and a tag our compression
 * suffixed (`"…-br"`) names the same content as the bare tag.
 */
export function matchingTag(ifNoneMatch: string | undefined, tag: string): string | undefined {
  if (!ifNoneMatch) return undefined;
  for (const raw of ifNoneMatch.split(',')) {
    const candidate = raw.trim();
    if (candidate === '*') return tag;
    const bare = candidate.replace(/^W\//, '');
    if (bare === tag || bare.replace(ENCODING_SUFFIX, '"') === tag) return candidate;
  }
  return undefined;
}

/**
 * Public answers cached and revalidated: a successful GET gets a strong ETag of its body and a
 * Cache-Control, and a matching `If-None-Match` gets 304 with no body (RFC 9110 §15.4.5).
 *
 * `sameForEveryone`: the answer is built without the reader (Atom feeds read as nobody), so it
 * is public even to a signed-in reader. Otherwise a signed-in reader's answer is private: the
 * page carries their name and may carry what only members see. The answer stays public for the
 * anonymous, and `Vary: Cookie` (set for every answer in app.tsx) keeps a shared cache from
 * handing the anonymous copy to someone with a session cookie.
 *
 * The page is still built before it is hashed: a 304 saves the bytes on the wire and the
 * reader's parsing, not the query. Never put this on a route with a secret in its address or
 * an answer with personal data: nothing here can tell.
 */
export function cachedWhenPublic(
  opts: { sameForEveryone?: boolean } = {},
): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return;
    // Errors, redirects, and any answer that sets a cookie are never cached.
    if (c.res.status !== 200 || c.res.headers.has('Set-Cookie')) return;
    const signedIn = c.get('signedIn') !== null || c.req.header('Authorization') !== undefined;
    const cacheControl = signedIn && !opts.sameForEveryone ? PRIVATE_CACHE : PUBLIC_CACHE;
    const body = await c.res.arrayBuffer();
    const tag = bodyTag(body);
    const headers = new Headers(c.res.headers);
    headers.set('ETag', tag);
    headers.set('Cache-Control', cacheControl);
    const matched = matchingTag(c.req.header('If-None-Match'), tag);
    if (matched) {
      // The 304 names the representation the reader holds (compressed or not), and carries no
      // body and none of its description (RFC 9110 §15.4.5).
      headers.set('ETag', matched === '*' ? tag : matched.replace(/^W\//, ''));
      for (const name of ['Content-Type', 'Content-Length', 'Content-Disposition']) {
        headers.delete(name);
      }
      c.res = undefined;
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    c.res = undefined;
    c.res = new Response(body, { status: 200, headers });
  };
}
