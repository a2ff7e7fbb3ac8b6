import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { Accept, Follow, Undo } from '@fedify/vocab';
import { expect, it, onTestFinished } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { startFediversePeer } from '../../test/fediverse-peer.ts';
import { northfield } from '../../test/story.ts';
import { followElsewhere, unfollowElsewhere } from '../app/federation/follow-elsewhere.ts';
import { createHttpApp } from '../http/app.tsx';
import { createFederationSeam } from './federation.ts';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 20_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * On the wire (docs/model-motions.md): a body here follows the `nec` Group of a peer server on
 * 127.0.0.1; the signed `Follow` reaches it once; an `Accept` of it signed by another actor of
 * that server changes nothing; the `Accept` of `nec` itself marks the following accepted; the
 * `Undo` of the Follow reaches it when the body unfollows.
 */
describeEachDatabase('following a body elsewhere, on the wire', (database) => {
  it('sends the Follow once and takes the Accept of the body followed only', async () => {
    const peer = await startFediversePeer();
    onTestFinished(() => peer.close());
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const ctx = {
      ...testContext(database(), { now: () => new Date() }),
      federation: { origin, allowedPeers: [peer.origin] },
    };
    const seam = createFederationSeam(ctx, {
      origin,
      allowedPeers: [peer.origin],
      allowPrivateAddresses: true,
      retryFirstMs: 30_000,
    });
    const app = createHttpApp({
      ctx,
      federation: seam,
      secureCookies: false,
      signInAttemptsPer15Min: 10,
    });
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const story = await northfield(ctx);
    const nec = peer.actorUrl('nec');

    const following = await followElsewhere(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      address: nec,
      find: seam.findActor,
    });
    expect(following).toMatchObject({ actorId: nec, name: 'National Executive Committee' });
    expect(await seam.deliverDue()).toBe(1);
    expect(await seam.deliverDue()).toBe(0);
    const follows = peer.received.filter((a) => a instanceof Follow);
    expect(follows.map((f) => f.objectId?.href)).toEqual([nec]);
    const followId = follows[0]!.id!.href;
    const state = async () =>
      (await ctx.db.selectFrom('federation_followings').select('state').executeTakeFirstOrThrow())
        .state;

    const ourActor = `${origin}/federation/bodies/${story.camdenId}`;
    const acceptBy = (name: string) =>
      peer.sendAs(
        name,
        ourActor,
        (actor) =>
          new Accept({
            id: new URL(`${peer.origin}/accepts/${name}`),
            actor,
            object: new URL(followId),
          }),
      );
    await acceptBy('alice');
    expect(await state()).toBe('pending');
    await acceptBy('nec');
    await eventually(async () => (await state()) === 'accepted');

    // Unfollowing sends an Undo of that Follow, once.
    await unfollowElsewhere(ctx, { actor: story.admin, bodyId: story.camdenId, actorId: nec });
    expect(await seam.deliverDue()).toBe(1);
    const undos = peer.received.filter((a) => a instanceof Undo);
    expect(undos.map((u) => u.objectId?.href)).toEqual([followId]);
  }, 60_000);
});
