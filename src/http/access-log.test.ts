import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { createLogger } from '../infra/log.ts';
import { createHttpApp } from './app.tsx';

describeEachDatabase('the access log', (database) => {
  it('writes one line per request with its id, route pattern, status and time, and nothing personal', async () => {
    const lines: string[] = [];
    const log = createLogger('info', 'json', { write: (line: string) => void lines.push(line) });
    const ctx = testContext(database(), { log });
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const secret = 'c2VjcmV0LXJlc2V0LWxpbmstdG9rZW4tMTIzNDU2';
    const reset = await app.request(`http://seconded.test/reset/${secret}?email=ada@example.org`, {
      headers: { 'x-request-id': 'proxy-given.42' },
    });
    expect(reset.headers.get('x-request-id')).toBe('proxy-given.42');
    const odd = await app.request('http://seconded.test/healthz', {
      headers: { 'x-request-id': 'not a safe id <script>' },
    });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        msg: 'request',
        requestId: 'proxy-given.42',
        method: 'GET',
        route: '/reset/:secret',
        status: reset.status,
        ms: expect.any(Number),
      },
      expect.objectContaining({ requestId: odd.headers.get('x-request-id'), route: '/healthz' }),
    ]);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${secret}|example\\.org|127\\.0\\.0\\.1`));
  });
});
