import type { MiddlewareHandler } from 'hono';
import { isAllowedPeer } from '../../domain/federation/remote-body.ts';
import type { FederationSeam } from '../../infra/federation.ts';
import type { HttpEnv } from '../env.ts';

/** The largest activity an inbox reads: a resolution of 100 clauses fits many times over. */
export const INBOX_BODY_MAX = 256 * 1024;

/** The key a request says it is signed with: RFC 9421 `Signature-Input` or draft-cavage `Signature`. */
export function signatureKeyId(headers: Headers): string | null {
  const input = headers.get('signature-input');
  const rfc = input && /keyid="([^"]+)"/i.exec(input);
  if (rfc) return rfc[1]!;
  const cavage = headers.get('signature');
  const draft = cavage && /keyId="([^"]+)"/.exec(cavage);
  return draft ? draft[1]! : null;
}

const answer = (status: number, text: string) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * Mounts Fedify in the Hono app, for its own paths only (/federation/..., WebFinger, NodeInfo),
 * ahead of the session, CSRF and body-limit layers that serve people, not servers. Before Fedify
 * checks a POST's signature, the request must say it is signed, by a key of an allowed peer
 * (403 otherwise, without fetching anything from it), and be at most INBOX_BODY_MAX bytes (413).
 */
export function federationRoutes(seam: FederationSeam): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const path = c.req.path;
    if (!path.startsWith('/federation/') && !path.startsWith('/.well-known/webfinger')) {
      return next();
    }
    let request = c.req.raw;
    if (c.req.method === 'POST') {
      const length = Number(c.req.header('content-length') ?? '0');
      if (length > INBOX_BODY_MAX) return answer(413, 'Too large.');
      const keyId = signatureKeyId(request.headers);
      if (!keyId) return answer(401, 'Sign the request (HTTP signatures).');
      let origin: string;
      try {
        origin = new URL(keyId).origin;
      } catch {
        return answer(401, 'The signature names no key.');
      }
      if (!isAllowedPeer(seam.settings.allowedPeers, origin)) {
        return answer(403, 'This server does not federate with that one.');
      }
      const body = await readCapped(request, INBOX_BODY_MAX);
      if (body === null) return answer(413, 'Too large.');
      request = new Request(request.url, { method: 'POST', headers: request.headers, body });
    }
    let notFound = false;
    const response = await seam.federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => {
        notFound = true;
        return new Response(null, { status: 404 });
      },
      onNotAcceptable: () => {
        notFound = true;
        return new Response(null, { status: 406 });
      },
    });
    return notFound ? next() : response;
  };
}

/** The body, or null once it passes `max` bytes (a chunked body has no length to check first). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
