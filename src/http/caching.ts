import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { recentDataVersion } from '../db/queries/data-version.ts';
import type { Db } from '../db/database.ts';
import { currentLocale } from '../messages/messages.ts';
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

/** A public answer as it was built, and the database's version read before building it. */
interface Kept {
  readonly version: string;
  readonly body: Uint8Array<ArrayBuffer>;
  readonly tag: string;
  /** What the route set (type, disposition); the middleware around it sets the rest again. */
  readonly headers: Record<string, string>;
}

/** Answers kept per route (most recently used last), and the largest answer worth keeping. */
const KEPT_ANSWERS = 256;
const KEPT_BYTES = 1024 * 1024;
const KEPT_HEADERS = ['Content-Type', 'Content-Disposition'];

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
 * What a reader without a session cookie or a token is sent is also kept here, with its ETag,
 * keyed by its address and language, and sent again without being rebuilt for as long as the
 * database's version (src/db/queries/data-version.ts, read before building it) is unchanged:
 * one query instead of a page's dozen, and no rendering or hashing. Anything committed since,
 * by any process, changes the version, so a secretary who has just published sees the new page
 * at once. Only what the page's address, the reader's language and the database decide may be
 * kept this way: never an answer that depends on the clock, the reader or a secret.
 *
 * Never put this on a route with a secret in its address or an answer with personal data:
 * nothing here can tell.
 */
export function cachedWhenPublic(
  db: Db,
  opts: { sameForEveryone?: boolean } = {},
): MiddlewareHandler<HttpEnv> {
  const kept = new Map<string, Kept>();
  return async (c, next) => {
    const method = c.req.method;
    const anonymous =
      (method === 'GET' || method === 'HEAD') &&
      c.get('sessionToken') === undefined &&
      c.get('signedIn') === null &&
      c.req.header('Authorization') === undefined;
    let key: string | undefined;
    let version: string | undefined;
    if (anonymous) {
      const url = c.req.url;
      key = `${currentLocale()} ${url.slice(url.indexOf('/', url.indexOf('//') + 2))}`;
      version = await recentDataVersion(db);
      const hit = kept.get(key);
      if (hit && hit.version === version) {
        kept.delete(key);
        kept.set(key, hit);
        return answerKept(c, hit, PUBLIC_CACHE);
      }
    }
    await next();
    if (method !== 'GET' && method !== 'HEAD') return;
    // Errors, redirects, and any answer that sets a cookie are never cached.
    if (c.res.status !== 200 || c.res.headers.has('Set-Cookie')) return;
    const signedIn = c.get('signedIn') !== null || c.req.header('Authorization') !== undefined;
    const cacheControl = signedIn && !opts.sameForEveryone ? PRIVATE_CACHE : PUBLIC_CACHE;
    const body = new Uint8Array(await c.res.arrayBuffer());
    const tag = bodyTag(body);
    if (key && version && method === 'GET' && body.byteLength <= KEPT_BYTES) {
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = c.res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      kept.delete(key);
      kept.set(key, { version, body, tag, headers });
      if (kept.size > KEPT_ANSWERS) kept.delete(kept.keys().next().value!);
    }
    const headers = new Headers(c.res.headers);
    headers.set('ETag', tag);
    headers.set('Cache-Control', cacheControl);
    const matched = matchingTag(c.req.header('If-None-Match'), tag);
    c.res = undefined;
    c.res = matched
      ? notModified(headers, matched, tag)
      : new Response(body, { status: 200, headers });
  };
}

/**
 * The 304 names the representation the reader holds (compressed or not), and carries no body
 * and none of its description (RFC 9110 §15.4.5).
 */
function notModified(headers: Headers, matched: string, tag: string) {
  headers.set('ETag', matched === '*' ? tag : matched.replace(/^W\//, ''));
  for (const name of ['Content-Type', 'Content-Length', 'Content-Disposition']) {
    headers.delete(name);
  }
  return new Response(null, { status: 304, headers });
}

/** A kept answer, with the headers this request's middleware has set (language, request id). */
function answerKept(c: Context<HttpEnv>, hit: Kept, cacheControl: string) {
  const matched = matchingTag(c.req.header('If-None-Match'), hit.tag);
  if (matched) {
    c.header('ETag', matched === '*' ? hit.tag : matched.replace(/^W\//, ''));
    c.header('Cache-Control', cacheControl);
    return c.body(null, 304);
  }
  return c.body(hit.body, 200, { ...hit.headers, ETag: hit.tag, 'Cache-Control': cacheControl });
}
