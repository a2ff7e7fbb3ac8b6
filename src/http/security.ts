import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { DomainError } from '../domain/errors.ts';
import type { StartedSession } from '../app/accounts/sign-in.ts';
import { SESSION_COOKIE, type HttpEnv } from './env.ts';

const FORM_CONTENT = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

/**
 * An email's one-click unsubscribe address (RFC 8058): the mail provider posts it from its own
 * servers, with no Origin of ours and no cookie. It is not forgeable the way a form is: it acts
 * only with the secret token in its path, and only to stop one kind of email for its holder.
 */
const ONE_CLICK_UNSUBSCRIBE = /^\/mail\/[^/]+\/unsubscribe\/[a-z]+$/;

/**
 * Cross-site request forgery protection for every state-changing request a browser form can
 * make: the request must come from our own origin, shown by the Origin header or, where a
 * browser omits it, by Sec-Fetch-Site. JSON requests cannot be sent cross-site without a CORS
 * preflight, which Seconded never grants. Session cookies are also SameSite=Lax.
 */
export function csrfProtection(baseUrl: string): MiddlewareHandler<HttpEnv> {
  const ownOrigin = new URL(baseUrl).origin;
  return async (c, next) => {
    if (
      !/^(GET|HEAD|OPTIONS)$/.test(c.req.method) &&
      FORM_CONTENT.test(c.req.header('content-type') ?? '') &&
      !ONE_CLICK_UNSUBSCRIBE.test(c.req.path)
    ) {
      // An opaque origin ("null": privacy settings, sandboxed frames) says nothing; fall back.
      const origin = c.req.header('origin') === 'null' ? undefined : c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      const ok = origin
        ? origin === ownOrigin || origin === new URL(c.req.url).origin
        : site === 'same-origin' || site === 'none';
      if (!ok) {
        throw new DomainError(
          'CSRF_REJECTED',
          'This form was sent from another site, so it was refused. Go back, reload the page and try again.',
        );
      }
    }
    await next();
  };
}

const TEXT_CONTENT = /^\s*(application\/json|application\/x-www-form-urlencoded|text\/plain)/i;

/**
 * Refuses a NUL character anywhere in the address or a text body: no name, motion or vote has
 * one, SQLite would store it and PostgreSQL cannot (it failed with a 500), so both databases
 * now refuse it the same way, before any handler sees it. Uploads (multipart) are read where
 * they are expected.
 */
export const refuseNulCharacters: MiddlewareHandler<HttpEnv> = async (c, next) => {
  let address: string;
  try {
    address = decodeURIComponent(c.req.url);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The address is not valid (bad % escape).');
  }
  const body = TEXT_CONTENT.test(c.req.header('content-type') ?? '') ? await c.req.text() : '';
  if (address.includes('\0') || body.includes('\0') || /\\u0000/i.test(body) || /%00/.test(body)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The request contains a NUL character, which Seconded does not accept.',
    );
  }
  await next();
};

/**
 * Counts attempts per key in fixed 15-minute windows (in memory: one process; a restart forgets,
 * which errs towards letting people in). Keys are an address and an account, so one attacker
 * cannot lock out everyone and many addresses cannot hammer one account.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly message = 'Too many sign-in attempts. Wait 15 minutes and try again, or reset your password.',
  ) {}

  /** Records an attempt; throws TOO_MANY_REQUESTS once any key is over the limit. */
  hit(keys: readonly string[]): void {
    const now = this.now();
    if (this.windows.size > 100_000) this.sweep(now);
    for (const key of keys) {
      const w = this.windows.get(key);
      if (!w || now - w.start >= this.windowMs) this.windows.set(key, { start: now, count: 1 });
      else w.count += 1;
    }
    if (keys.some((k) => (this.windows.get(k)?.count ?? 0) > this.limit)) {
      throw new DomainError('TOO_MANY_REQUESTS', this.message);
    }
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/** The client's address, as `clientAddresses` resolved it for this request. */
export function clientAddress(c: Context<HttpEnv>): string {
  return c.get('clientAddress') ?? socketAddress(c);
}

function socketAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * Resolves each request's client address once. Only a connection from a trusted proxy may name
 * the client: its `X-Forwarded-For` is read from the right (the hop the proxy itself added),
 * skipping further trusted proxies, and the first address not trusted is the client. Anything a
 * client writes to the left of that is never believed, so a forged header changes nothing.
 */
export function clientAddresses(trusted: readonly string[]): MiddlewareHandler<HttpEnv> {
  const isProxy = trustedProxies(trusted);
  return async (c, next) => {
    // Believed only from a trusted proxy: with none, not even read.
    const forwardedFor = trusted.length ? c.req.header('x-forwarded-for') : undefined;
    c.set('clientAddress', forwardedClient(socketAddress(c), forwardedFor, isProxy));
    await next();
  };
}

/** TRUST_PROXY's entries, addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`), as a test. */
export function trustedProxies(entries: readonly string[]): (address: string) => boolean {
  // No proxy trusted (the default): every request would otherwise ask the empty list.
  if (!entries.length) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const type = isIP(address);
    return type !== 0 && list.check(address, type === 6 ? 'ipv6' : 'ipv4');
  };
}

export function forwardedClient(
  socket: string,
  forwardedFor: string | undefined,
  isProxy: (address: string) => boolean,
): string {
  let client = plainAddress(socket);
  if (!isProxy(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((h) => plainAddress(h.trim()));
  while (isProxy(client) && hops.length) {
    const hop = hops.pop()!;
    if (isIP(hop) === 0) break;
    client = hop;
  }
  return client;
}

/** `::ffff:192.0.2.1` (how Node reports IPv4 on a dual-stack socket) as `192.0.2.1`. */
const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.)/i, '');

export function setSessionCookie(c: Context<HttpEnv>, session: StartedSession, secure: boolean) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(c: Context<HttpEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export const readSessionCookie = (c: Context) => getCookie(c, SESSION_COOKIE);

/** Security headers for every response: no framing, no inline script, no referrer leaks. */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  ],
  ['X-Content-Type-Options', 'nosniff'],
  // same-origin: links carrying one-time secrets (setup, invitations) never leak to other sites,
  // and browsers still send a real Origin on our own form posts (no-referrer makes it "null").
  ['Referrer-Policy', 'same-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // Set on the finished response's own headers: c.header() at this point would rebuild the
  // response (in the Node adapter, a full web Response with a body stream) for every request.
  const headers = c.res.headers;
  for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
};

/**
 * Where to send a person after signing in, from a `next` they brought in the address: only a
 * path on this site, else the home page. Browsers read more than a path into a Location header:
 * `//host` and `/\host` are other sites, and tabs and newlines are dropped before it is read
 * (so `/\t/host` becomes `//host`). The target is resolved as a browser would and must stay on
 * our origin, and what is sent back is the resolved path, which cannot start with two slashes
 * (`/.//host` resolves to `//host`).
 */
export function sameSitePath(next: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!next || !next.startsWith('/') || /[\\\s\u0000-\u001f\u007f]/.test(next)) return '/';
  const base = 'http://seconded.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  const path = url.pathname + url.search + url.hash;
  return url.origin === base && /^\/(?![/\\])/.test(path) ? path : '/';
}
