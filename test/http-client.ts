import { expect } from 'vitest';
import type { AppContext } from '../src/app/common/context.ts';
import { createHttpApp } from '../src/http/app.tsx';
import type { FederationSeam } from '../src/infra/federation.ts';
import { PASSWORD } from './story.ts';

/**
 * A browser-like client of the in-process app: it keeps the session cookie and sends forms with
 * our own Origin, as a browser would.
 */
export const ORIGIN = 'http://seconded.test';

/**
 * Where requests come from: the socket's address (by default none, read as 'local') and the
 * proxies the app trusts (TRUST_PROXY); with `forwardedFor`, each request carries that
 * X-Forwarded-For, as a reverse proxy would add it.
 */
export interface Network {
  readonly socket?: string;
  readonly trustProxy?: readonly string[];
  readonly forwardedFor?: string;
}

export function client(
  ctx: AppContext,
  attempts = 10,
  network: Network = {},
  federation?: FederationSeam,
) {
  const app = createHttpApp({
    ...(federation ? { federation } : {}),
    ctx,
    secureCookies: false,
    signInAttemptsPer15Min: attempts,
    trustProxy: network.trustProxy,
    checkAnswers: true,
  });
  const env = network.socket ? { incoming: { socket: { remoteAddress: network.socket } } } : {};
  let cookie = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    if (network.forwardedFor) headers.set('x-forwarded-for', network.forwardedFor);
    const res = await app.request(`${ORIGIN}${path}`, { ...init, headers }, env);
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!;
    return res;
  };
  return {
    request,
    json: (method: string, path: string, body?: unknown) =>
      request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    form: (path: string, fields: Record<string, string>, origin = ORIGIN) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams(fields).toString(),
      }),
  };
}

/** A client signed in through the sign-in form, as a browser would be. */
export async function signedIn(
  ctx: AppContext,
  email: string,
  password = PASSWORD,
  federation?: FederationSeam,
) {
  const who = client(ctx, 10, {}, federation);
  const res = await who.form('/sign-in', { email, password });
  if (res.status !== 303) throw new Error(`${email} could not sign in (${res.status})`);
  return who;
}

type Reply = { status: number; body: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The JSON API as `who`: `api(who)('POST', '/bodies/…', body)` gives the status and parsed body. */
export const api =
  (who: ReturnType<typeof client>) =>
  async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const res = await who.json(method, `/api/v1${path}`, body);
    return { status: res.status, body: (await res.json()) as Reply['body'] };
  };

/** A form refused as mistaken: a 400 whose page, shown again, says each of `shown`. */
export async function expectFormRefused(res: Response, ...shown: string[]) {
  expect(res.status).toBe(400);
  const page = await res.text();
  for (const words of shown) expect(page).toContain(words);
}
