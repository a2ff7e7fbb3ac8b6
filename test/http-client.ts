import type { AppContext } from '../src/app/context.ts';
import { createHttpApp } from '../src/http/app.tsx';

/**
 * A browser-like client of the in-process app: it keeps the session cookie and sends forms with
 * our own Origin, as a browser would.
 */
export const ORIGIN = 'http://seconded.test';

export function client(ctx: AppContext, attempts = 10) {
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: attempts });
  let cookie = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await app.request(`${ORIGIN}${path}`, { ...init, headers });
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
