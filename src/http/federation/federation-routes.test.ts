import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { northfield } from '../../../test/story.ts';
import { createFederationSeam } from '../../infra/federation.ts';
import { createHttpApp } from '../app.tsx';
import {
  federationRoutes,
  INBOX_BODY_MAX,
  peerRateLimit,
  signatureKeyId,
} from './federation-routes.ts';
import { Hono } from 'hono';

const ORIGIN = 'http://seconded.test';

it('reads the key a request is signed with, in either signature scheme', () => {
  expect(
    signatureKeyId(
      new Headers({
        signature: 'keyId="https://a.example/b#main-key",headers="date",signature="x"',
      }),
    ),
  ).toBe('https://a.example/b#main-key');
  expect(
    signatureKeyId(
      new Headers({ 'signature-input': 'sig1=("@method");keyid="https://a.example/b#key-2"' }),
    ),
  ).toBe('https://a.example/b#key-2');
  expect(signatureKeyId(new Headers())).toBeNull();
});

it('counts inbox requests per peer in one-minute windows, and says when to come back', () => {
  let now = 1_000_000;
  const limit = peerRateLimit(2, () => now);
  expect(limit('https://party.example')).toEqual({ ok: true });
  expect(limit('https://party.example')).toEqual({ ok: true });
  now += 15_000;
  expect(limit('https://party.example')).toEqual({ ok: false, retryAfterS: 45 });
  // Another peer has an allowance of its own.
  expect(limit('https://union.example')).toEqual({ ok: true });
  now += 45_000;
  expect(limit('https://party.example')).toEqual({ ok: true });
});

describeEachDatabase('federation routes', (database) => {
  const appWith = (federated: boolean) => {
    const ctx = testContext(database(), { baseUrl: ORIGIN });
    const seam = createFederationSeam(ctx, {
      origin: ORIGIN,
      allowedPeers: ['https://party.example'],
      allowPrivateAddresses: false,
      retryFirstMs: 1000,
    });
    return {
      ctx,
      app: createHttpApp({
        ctx,
        secureCookies: false,
        signInAttemptsPer15Min: 10,
        ...(federated ? { federation: seam } : {}),
      }),
    };
  };
  const asJson = { accept: 'application/activity+json' };

  it('serves nothing of federation when it is off', async () => {
    const { ctx, app } = appWith(false);
    const story = await northfield(ctx);
    const res = await app.request(`${ORIGIN}/federation/bodies/${story.nationalId}`, {
      headers: asJson,
    });
    expect(res.status).toBe(404);
  });

  it('shows a body as a Group with its key, and refuses unsigned, foreign and oversized posts', async () => {
    const { ctx, app } = appWith(true);
    const story = await northfield(ctx);
    const actor = `${ORIGIN}/federation/bodies/${story.nationalId}`;
    const res = await app.request(actor, { headers: asJson });
    expect(res.status).toBe(200);
    const group = (await res.json()) as Record<string, unknown>;
    expect(group).toMatchObject({
      id: actor,
      type: 'Group',
      name: 'National Coordinating Group',
      preferredUsername: 'national-coordinating-group',
      inbox: `${actor}/inbox`,
    });
    expect(JSON.stringify(group.publicKey)).toContain('BEGIN PUBLIC KEY');
    // The same keys on the next request: they are kept.
    const again = (await (await app.request(actor, { headers: asJson })).json()) as typeof group;
    expect(again.publicKey).toEqual(group.publicKey);
    const finger = await app.request(
      `${ORIGIN}/.well-known/webfinger?resource=acct:national-coordinating-group@seconded.test`,
    );
    expect(finger.status).toBe(200);

    const post = (headers: Record<string, string>, body = '{}') =>
      app.request(`${actor}/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json', ...headers },
        body,
      });
    expect((await post({})).status).toBe(401);
    expect(
      (await post({ signature: 'keyId="https://stranger.example/a#k",signature="x"' })).status,
    ).toBe(403);
    expect(
      (
        await post(
          { signature: 'keyId="https://party.example/a#k",signature="x"' },
          'x'.repeat(INBOX_BODY_MAX + 1),
        )
      ).status,
    ).toBe(413);
  });

  it('answers a peer past its rate 429 with Retry-After, before reading or checking anything', async () => {
    const ctx = testContext(database(), { baseUrl: ORIGIN });
    const story = await northfield(ctx);
    const seam = createFederationSeam(ctx, {
      origin: ORIGIN,
      allowedPeers: ['https://party.example', 'https://union.example'],
      allowPrivateAddresses: false,
      retryFirstMs: 1000,
      peerRequestsPerMinute: 2,
    });
    const app = new Hono().use(federationRoutes(seam, () => 5_000));
    const inbox = `${ORIGIN}/federation/bodies/${story.nationalId}/inbox`;
    const post = (peer: string) =>
      app.request(inbox, {
        method: 'POST',
        headers: {
          'content-type': 'application/activity+json',
          signature: `keyId="${peer}/federation/bodies/x#main-key",headers="date",signature="x"`,
        },
        body: '{"type":"Offer"}',
      });
    // Refused by Fedify's own checks (the activity, its signature), each counts against the peer.
    const turnedAway = [400, 401];
    expect(turnedAway).toContain((await post('https://party.example')).status);
    expect(turnedAway).toContain((await post('https://party.example')).status);
    const refused = await post('https://party.example');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(turnedAway).toContain((await post('https://union.example')).status);
    expect(await ctx.db.selectFrom('federation_inbox').selectAll().execute()).toEqual([]);
    expect(await ctx.db.selectFrom('communications').selectAll().execute()).toEqual([]);
  });
});
