import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { DomainError } from '../domain/errors.ts';
import type { StartedSession } from '../app/sign-in.ts';
import { SESSION_COOKIE, type HttpEnv } from './env.ts';

const FORM_CONTENT = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

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
      FORM_CONTENT.test(c.req.header('content-type') ?? '')
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
      throw new DomainError(
        'TOO_MANY_REQUESTS',
        'Too many sign-in attempts. Wait 15 minutes and try again, or reset your password.',
      );
    }
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/** The client address, as the socket saw it (a proxy in front should be configured to pass it). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

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
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  );
  c.header('X-Content-Type-Options', 'nosniff');
  // same-origin: links carrying one-time secrets (setup, invitations) never leak to other sites,
  // and browsers still send a real Origin on our own form posts (no-referrer makes it "null").
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
};
