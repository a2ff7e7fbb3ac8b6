import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { api, expectFormRefused, ORIGIN, signedIn } from '../../../test/http-client.ts';
import { northfield } from '../../../test/story.ts';
import { createFederationSeam } from '../../infra/federation.ts';

/**
 * A body's secretary follows a body on another server from the page, without JavaScript, and
 * through its JSON twin (docs/model-motions.md). The network is a stand-in that knows one body.
 */

const PEER = 'https://movement.example';
const NATIONAL = `${PEER}/federation/bodies/national`;

describeEachDatabase('following a body elsewhere, pages and API', (database) => {
  async function setUp() {
    const ctx = {
      ...testContext(database(), { baseUrl: ORIGIN }),
      federation: { origin: ORIGIN, allowedPeers: [PEER] },
    };
    const story = await northfield(ctx);
    const seam = createFederationSeam(ctx, {
      origin: ORIGIN,
      allowedPeers: [PEER],
      allowPrivateAddresses: false,
      retryFirstMs: 1000,
    });
    const federation = {
      ...seam,
      findActor: () =>
        Promise.resolve({ id: NATIONAL, isGroup: true, name: 'National <b>Group</b>' }),
    };
    const admin = await signedIn(ctx, 'admin@example.org', undefined, federation);
    return { ctx, story, admin };
  }

  it('follows from the form, lists the following with its state, and unfollows', async () => {
    const { ctx, story, admin } = await setUp();
    const path = `/bodies/${story.hackneyId}/following`;
    const empty = await (await admin.request(path)).text();
    expect(empty).toContain('This body follows no body on another server.');
    expect(empty).toContain(`action="${path}"`);

    const res = await admin.form(path, { address: '@national@movement.example' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(path);
    const listed = await (await admin.request(path)).text();
    expect(listed).toContain('National &lt;b&gt;Group&lt;/b&gt;');
    expect(listed).toContain('Asked, not yet accepted');
    await admin.form(path, { address: '@national@movement.example' });
    const queued = await ctx.db.selectFrom('federation_outbox').selectAll().execute();
    expect(queued).toHaveLength(1);

    await expectFormRefused(
      await admin.form(path, { address: '@nec@elsewhere.example' }),
      'elsewhere.example is not a server this one federates with',
    );
    expect(
      (await admin.form(`/bodies/${story.hackneyId}/unfollowing`, { actorId: NATIONAL })).status,
    ).toBe(303);
    expect(await (await admin.request(path)).text()).toContain('This body follows no body');
    expect(await ctx.db.selectFrom('federation_outbox').selectAll().execute()).toHaveLength(2);
  });

  it('does the same through the JSON API', async () => {
    const { story, admin } = await setUp();
    const call = api(admin);
    const path = `/bodies/${story.camdenId}`;
    expect(await call('POST', `${path}/following`, { address: NATIONAL })).toMatchObject({
      status: 201,
      body: { ok: true, actorId: NATIONAL, state: 'pending', server: 'movement.example' },
    });
    expect(await call('GET', `${path}/following`)).toMatchObject({
      status: 200,
      body: { federates: true, followings: [{ actorId: NATIONAL, state: 'pending' }] },
    });
    expect(await call('POST', `${path}/unfollowing`, { actorId: NATIONAL })).toMatchObject({
      status: 200,
    });
    expect((await call('GET', `${path}/following`)).body.followings).toEqual([]);
  });
});
