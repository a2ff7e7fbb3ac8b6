import type { MiddlewareHandler } from 'hono';
import { isAllowedPeer } from '../../domain/federation/remote-body.ts';
import { DEFAULT_PEER_REQUESTS_PER_MINUTE, type FederationSeam } from '../../infra/federation.ts';
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

const answer = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });

const WINDOW_MS = 60_000;

/**
 * Inbox requests per peer origin in fixed one-minute windows (FEDERATION_PEER_REQUESTS_PER_MINUTE):
 * a peer past its allowance is answered 429 with Retry-After (RFC 6585 section 4, RFC 9110
 * section 10.2.3), the seconds to its next window, before its body is read or its signature
 * checked, so a refused request changes nothing. Counted per process, in memory: a peer that
 * sends to several processes gets the allowance of each. Every request naming a key of the
 * origin counts, signed well or not, as each costs this server a signature check.
 */
export function peerRateLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (origin: string): { ok: true } | { ok: false; retryAfterS: number } => {
    const at = now();
    let w = windows.get(origin);
    if (!w || at - w.start >= WINDOW_MS) {
      // Old windows of other peers go when one is renewed: the map stays as small as the peers.
      for (const [o, old] of windows) if (at - old.start >= WINDOW_MS) windows.delete(o);
      w = { start: at, count: 0 };
      windows.set(origin, w);
    }
    if (w.count >= perMinute) {
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((w.start + WINDOW_MS - at) / 1000)) };
    }
    w.count++;
    return { ok: true };
  };
}

/**
 * The origin of the key a request says it is signed with, or a response refusing it. With
 * `anyOrigin` (a POST when FEDERATION_OPEN_FOLLOWS is set) a server not allowed gets through to
 * the inbox, where only its `Follow` and that Follow's `Undo` are acted on.
 */
function signingOrigin(
  seam: FederationSeam,
  headers: Headers,
  anyOrigin = false,
): string | Response {
  const keyId = signatureKeyId(headers);
  if (!keyId) return answer(401, 'Sign the request (HTTP signatures).');
  let origin: string;
  try {
    origin = new URL(keyId).origin;
  } catch {
    return answer(401, 'The signature names no key.');
  }
  if (!anyOrigin && !isAllowedPeer(seam.settings.allowedPeers, origin)) {
    return answer(403, 'This server does not federate with that one.');
  }
  return origin;
}

/** A GET of an Offer's tracking collection (federation-tracking.ts), which must be signed. */
const TRACKING = /^\/federation\/bodies\/[^/]+\/offers\/[^/]+$/;

/**
 * Mounts Fedify in the Hono app, for its own paths only (/federation/..., WebFinger, NodeInfo),
 * ahead of the session, CSRF and body-limit layers that serve people, not servers. Before Fedify
 * checks a POST's signature, the request must say it is signed, by a key of an allowed peer
 * (403 otherwise, without fetching anything from it), within the peer's rate (429), and be at
 * most INBOX_BODY_MAX bytes (413). A GET of a tracking collection must be signed by a key of an
 * allowed peer too, before Fedify fetches that key to check who asks.
 */
export function federationRoutes(
  seam: FederationSeam,
  now: () => number = Date.now,
): MiddlewareHandler<HttpEnv> {
  const limit = peerRateLimit(
    seam.settings.peerRequestsPerMinute ?? DEFAULT_PEER_REQUESTS_PER_MINUTE,
    now,
  );
  return async (c, next) => {
    const path = c.req.path;
    if (!path.startsWith('/federation/') && !path.startsWith('/.well-known/webfinger')) {
      return next();
    }
    let request = c.req.raw;
    if (c.req.method === 'POST') {
      const length = Number(c.req.header('content-length') ?? '0');
      if (length > INBOX_BODY_MAX) return answer(413, 'Too large.');
      const origin = signingOrigin(seam, request.headers, seam.settings.openFollows === true);
      if (origin instanceof Response) return origin;
      const allowed = limit(origin);
      if (!allowed.ok) {
        return answer(429, 'Too many requests from your server; try again later.', {
          'retry-after': String(allowed.retryAfterS),
        });
      }
      const body = await readCapped(request, INBOX_BODY_MAX);
      if (body === null) return answer(413, 'Too large.');
      request = new Request(request.url, { method: 'POST', headers: request.headers, body });
    }
    if (c.req.method === 'GET' && TRACKING.test(path)) {
      const origin = signingOrigin(seam, request.headers);
      if (origin instanceof Response) return origin;
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
