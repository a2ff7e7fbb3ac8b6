import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { rolesFixture } from '../../test/roles.ts';
import {
  changesState,
  fillPath,
  fingerprint,
  methodOf,
  pathOf,
  routeTable,
} from '../../test/route-table.ts';
import { createHttpApp } from './app.tsx';

describeEachDatabase('web hardening, route by route', (database) => {
  async function setUp() {
    const open = database();
    const ctx = testContext(open);
    const fixture = await rolesFixture(ctx);
    const routes = routeTable(
      createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 }),
    );
    const pathFor = (key: string) =>
      fillPath(pathOf(key as `GET /${string}`), (param, before) =>
        param === 'slug'
          ? fixture.ids.organisationSlug
          : param === 'itemId'
            ? fixture.ids.agendaItem
            : param === 'nomination'
              ? fixture.ids.nominations
              : (fixture.ids[before as keyof typeof fixture.ids] ?? 'no-such-thing'),
      );
    return { open, ctx, fixture, routes, pathFor };
  }

  it('sends the security headers on every answer: CSP without inline script, no framing, no referrer to other sites', async () => {
    const { fixture, routes, pathFor } = await setUp();
    const reads = routes.filter((k) => !changesState(k) && !k.includes('/events'));
    for (const key of [...reads, 'GET /no/such/page', 'GET /api/v1/no-such-route']) {
      const res = await fixture.clients.secretary.request(pathFor(key));
      await res.arrayBuffer();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, key).toContain("script-src 'self'");
      expect(csp, key).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp, key).toContain("frame-ancestors 'none'");
      expect(csp, key).toContain("base-uri 'none'");
      expect(csp, key).toContain("form-action 'self'");
      expect(res.headers.get('referrer-policy'), key).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), key).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), key).toBe('nosniff');
    }
  }, 120_000);

  it('refuses every state-changing request sent from another site, and it changes nothing', async () => {
    const { open, fixture, routes, pathFor } = await setUp();
    const writes = routes.filter(changesState);
    expect(writes.length).toBeGreaterThan(50);
    const before = await fingerprint(open);
    // What a hostile page can make a browser send without a CORS preflight: a form (either
    // encoding) or text/plain, with the other site's Origin, or with no Origin at all.
    const attacks: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      { 'content-type': 'multipart/form-data; boundary=x', origin: 'https://evil.example' },
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
    ];
    for (const key of writes) {
      for (const headers of attacks) {
        const res = await fixture.clients.secretary.request(pathFor(key), {
          method: methodOf(key),
          headers,
          body: headers['content-type']!.startsWith('multipart') ? '--x--\r\n' : 'a=1',
        });
        const body = await res.text();
        expect([key, headers, res.status], body.slice(0, 200)).toEqual([key, headers, 403]);
        expect(body).toContain('sent from another site');
      }
    }
    expect(await fingerprint(open)).toBe(before);
  }, 120_000);

  it('limits invitations per person: the eleventh send in 15 minutes is refused with a clear message', async () => {
    const { fixture } = await setUp();
    const camden = fixture.ids.bodies;
    for (let i = 0; i < 5; i++) {
      expect(
        (await fixture.clients.secretary.form(`/bodies/${camden}/invitations`, {})).status,
      ).toBe(200);
      const api = await fixture.clients.secretary.json(
        'POST',
        `/api/v1/bodies/${camden}/invitations`,
        {},
      );
      expect(api.status).toBe(200);
    }
    const refused = await fixture.clients.secretary.json(
      'POST',
      `/api/v1/bodies/${camden}/invitations`,
      {},
    );
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('Too many invitations'),
    });
    // Another person's allowance is their own.
    expect(
      (await fixture.clients.admin.json('POST', `/api/v1/bodies/${camden}/invitations`, {})).status,
    ).toBe(200);
  }, 120_000);
});

describeEachDatabase('session cookies', (database) => {
  it('are Secure behind https, and always HttpOnly and SameSite=Lax', async () => {
    const ctx = testContext(database());
    const { personWithAccount } = await import('../../test/story.ts');
    await personWithAccount(ctx, 'isla@example.org');
    for (const secureCookies of [true, false]) {
      const app = createHttpApp({ ctx, secureCookies, signInAttemptsPer15Min: 10 });
      const res = await app.request('https://seconded.test/sign-in', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://seconded.test',
        },
        body: 'email=isla%40example.org&password=correct+horse+battery',
      });
      expect(res.status).toBe(303);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(/;\s*Secure/.test(cookie)).toBe(secureCookies);
    }
  });
});

it('turns Secure cookies on when BASE_URL is https', async () => {
  const { loadConfig } = await import('../config.ts');
  expect(loadConfig({ BASE_URL: 'https://vote.example.org' }).secureCookies).toBe(true);
  expect(loadConfig({ BASE_URL: 'http://localhost:3000' }).secureCookies).toBe(false);
});
