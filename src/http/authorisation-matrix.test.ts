import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { everyRouteAsEveryRole, ROLES, type RoleName } from '../../test/roles.ts';
import {
  appRoutes,
  changesState,
  fingerprint,
  isApi,
  requestTo,
  signsInOrOut,
  type RouteKey,
} from '../../test/route-table.ts';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.ts';

it('declares who may use every route of the app, and nothing that is not a route', async () => {
  const { freshDatabase } = await import('../../test/databases.ts');
  const open = await freshDatabase('sqlite');
  const routes = appRoutes(testContext(open));
  await open.close();
  const undeclared = routes.filter((r) => !(r in ROUTE_ACCESS));
  const stale = Object.keys(ROUTE_ACCESS).filter((k) => !routes.includes(k as RouteKey));
  // A new route needs one line in src/http/route-access.ts saying who may use it.
  expect({ undeclared, stale }).toEqual({ undeclared: [], stale: [] });
});

/** What each role should get from a route: through, refused, or (a one-time link) not found. */
function expected(access: RouteAccess, role: RoleName, may: (r: RoleName) => boolean) {
  switch (access.kind) {
    case 'public':
      return 'allowed';
    case 'signed-in':
      return role === 'anonymous' ? 'refused' : 'allowed';
    case 'site-admin':
      return role === 'site administrator' ? 'allowed' : 'refused';
    case 'secret-link':
      return 'bad-secret';
    case 'proposer':
    case 'trustee':
    case 'giver':
    case 'delegate':
      return 'refused';
    case 'body':
      return may(role) ? 'allowed' : 'refused';
  }
}

describeEachDatabase('authorisation matrix: every route × every role', (database) => {
  it('lets each role through exactly where its declaration says, and changes nothing where it refuses', async () => {
    const open = database();
    const ctx = testContext(open);
    const { fixture, routes: every, sampleBody } = await everyRouteAsEveryRole(ctx);
    const routes = every.filter((r) => r in ROUTE_ACCESS);
    // Reads first, then writes; within a route, refused roles before allowed ones, so what an
    // allowed role changes cannot hide a refusal.
    // Signing in and out comes last: it changes whose requests the clients make.
    const stage = (k: RouteKey) => (signsInOrOut(k) ? 2 : Number(changesState(k)));
    routes.sort((a, b) => stage(a) - stage(b));

    const failures: string[] = [];
    let requests = 0;
    let refusedForRole = 0;
    let refusedForContent = 0;
    for (const key of routes) {
      const access = ROUTE_ACCESS[key]!;
      const plan = ROLES.map((role) => ({
        role,
        want: expected(access, role, (r) =>
          access.kind === 'body' ? fixture.may(r, access.action, access.of) : false,
        ),
      })).sort((a, b) => Number(a.want === 'allowed') - Number(b.want === 'allowed'));
      for (const { role, want } of plan) {
        const fill = (param: string, before: string) => {
          if (param === 'secret') return randomBytes(16).toString('base64url');
          if (param === 'receipt') return 'AAAA-BBBB-CCCC';
          if (param === 'kind' && before === 'unsubscribe') return 'meetings';
          if (param === 'slug' && key.includes('/r/'))
            return key.includes('/minutes/') ? fixture.ids.minutesSlug : fixture.ids.resolutionSlug;
          if (param === 'slug' || param === 'org') return fixture.ids.organisationSlug;
          if (param === 'body') return fixture.ids.bodySlug;
          if (param === 'requestId') return 'no-such-request';
          if (param === 'upload') return 'no-such-upload';
          if (before === 'tokens') return 'no-such-token';
          if (param === 'itemId') return fixture.ids.agendaItem;
          if (param === 'nomination') return fixture.ids.nominations;
          // No proxy stands in the fixture (its rules allow none): each is refused or not found.
          if (param === 'proxy' || before === 'proxies') return 'no-such-proxy';
          if (before === 'ballots' && /nominations/.test(key)) return fixture.ids.draftBallot;
          if (before === 'meetings' && /minutes/.test(key)) return fixture.ids.heldMeeting;
          const id = fixture.ids[before as keyof typeof fixture.ids];
          if (!id) throw new Error(`no fixture id for :${param} after ${before} in ${key}`);
          return id;
        };
        const body = isApi(key) ? JSON.stringify(sampleBody(key) ?? {}) : '';
        const { path, init } = requestTo(key, fill, body);
        const before = want === 'allowed' ? '' : await fingerprint(open);
        const res = await fixture.clients[role].request(path, init);
        requests += 1;
        // A live stream never ends by itself: its status and headers are the answer.
        if (res.headers.get('content-type')?.startsWith('text/event-stream'))
          await res.body?.cancel();
        else await res.arrayBuffer();
        const toSignIn = res.status === 303 && /^\/sign-in/.test(res.headers.get('location') ?? '');
        const line = `${key} as ${role}: ${res.status}${toSignIn ? ' (to sign-in)' : ''}`;
        if (want === 'allowed') {
          // Through: not refused for who they are. A write may still be refused for what it
          // says (400, 409, or 404 for an id in the body); a read must find what it reads. A
          // public route may answer 401 to wrong credentials.
          const refused =
            res.status === 403 ||
            (toSignIn && access.kind !== 'public') ||
            (res.status === 401 && access.kind !== 'public') ||
            (res.status === 404 &&
              !changesState(key) &&
              !papersOfAPlainBallot(key) &&
              !noProviderRegistered(key)) ||
            res.status >= 500;
          if (refused) failures.push(`${line}, expected through`);
        } else if (want === 'refused') {
          // Refused for who they are (401, 403, 404 for what they may not see, or a sign-in
          // page), or refused for what the request says before the role was looked at: either
          // way a 4xx that changes nothing (checked below).
          if ([401, 403, 404].includes(res.status) || toSignIn) refusedForRole += 1;
          else if (res.status >= 400 && res.status < 500) refusedForContent += 1;
          else failures.push(`${line}, expected refused`);
        }
        if (want === 'bad-secret' && !(res.status >= 400 && res.status < 500))
          failures.push(`${line}, expected a wrong secret to be refused`);
        if (want !== 'allowed' && (await fingerprint(open)) !== before)
          failures.push(`${line}, refused but the database changed`);
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBe(routes.length * ROLES.length);
    // Most refusals must be for the role itself, not incidental to a request's content.
    expect(refusedForRole).toBeGreaterThan(refusedForContent * 4);
  }, 300_000);
});

/**
 * The paper side of a ballot exists only for a ballot of those present at a meeting; the demo's
 * ballots are not, so an allowed role reads "not found" after its role was checked (the check
 * comes first in view-paper-ballot.ts; paper-ballots.test.ts reads them for a meeting's ballot).
 */
const papersOfAPlainBallot = (key: string) => /^GET \S*\/ballots\/:id\/paper/.test(key);

/**
 * The demo organisations register no OpenID provider, so a sign-in with one finds none
 * (identity-provider.test.ts signs in through a real provider run in-process).
 */
const noProviderRegistered = (key: string) => /^GET \/sign-in\/oidc\//.test(key);
