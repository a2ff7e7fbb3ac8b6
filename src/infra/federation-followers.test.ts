import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { expect, it, onTestFinished } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { startFediversePeer } from '../../test/fediverse-peer.ts';
import {
  actorFor,
  carriedResolution,
  ISLA,
  northfieldWithCamdenMembers,
  personIdOf,
} from '../../test/story.ts';
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
 * Issue 19: a Mastodon-like account on another server (not an allowed Seconded peer) follows a
 * body, is accepted, and receives the body's public resolutions as `Create` of a `Note`, signed,
 * and nothing Seconded-only; the body's outbox lists them.
 */
describeEachDatabase('fediverse followers of a body', (database) => {
  it('accepts a follow, sends a public resolution as a Note to the follower only, and lists it in the outbox', async () => {
    const peer = await startFediversePeer();
    onTestFinished(() => peer.close());
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const ctx = {
      ...testContext(database(), { now: () => new Date() }),
      federation: { origin, allowedPeers: [] },
    };
    const seam = createFederationSeam(ctx, {
      origin,
      allowedPeers: [],
      allowPrivateAddresses: true,
      retryFirstMs: 30_000,
      openFollows: true,
    });
    const app = createHttpApp({
      ctx,
      federation: seam,
      secureCookies: false,
      signInAttemptsPer15Min: 10,
    });
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const story = await northfieldWithCamdenMembers(ctx, [ISLA]);
    const isla = await actorFor(ctx, await personIdOf(ctx, ISLA[0]));
    const camden = `${origin}/federation/bodies/${story.camdenId}`;

    // The actor says where its followers and outbox are, and that it accepts follows itself.
    const actor = (await (
      await fetch(camden, { headers: { accept: 'application/activity+json' } })
    ).json()) as Record<string, unknown>;
    expect(actor).toMatchObject({
      type: 'Group',
      followers: `${camden}/followers`,
      outbox: `${camden}/outbox`,
      manuallyApprovesFollowers: false,
    });

    const followId = await peer.follow(camden);
    const follower = await ctx.db.selectFrom('federation_followers').selectAll().execute();
    expect(follower).toMatchObject([
      { body_id: story.camdenId, actor_id: peer.actorUrl('alice'), follow_id: followId },
    ]);
    expect(await seam.deliverDue()).toBe(1);
    await eventually(async () => peer.received.length === 1);
    const accept = peer.received[0]!;
    expect(accept.constructor.name).toBe('Accept');
    expect(accept.objectId?.href).toBe(followId);

    // A resolution of Camden carried: its followers get it as a post, nothing else.
    const { resolutionId } = await carriedResolution(ctx, {
      actor: isla,
      bodyId: story.camdenId,
      text: {
        title: 'Rents <now>',
        clauses: [{ kind: 'resolves', text: 'to campaign for a rent cap' }],
      },
    });
    expect(await seam.deliverDue()).toBe(1);
    await eventually(async () => peer.received.length === 2);
    expect(peer.received.map((a) => a.constructor.name)).toEqual(['Accept', 'Create']);
    const json = (await peer.received[1]!.toJsonLd({ format: 'compact' })) as Record<
      string,
      any // eslint-disable-line @typescript-eslint/no-explicit-any
    >;
    const note = json.object;
    expect(note.type).toBe('Note');
    expect(json.to).toBe('as:Public');
    expect(json.cc).toBe(`${camden}/followers`);
    expect(note.attributedTo).toBe(camden);
    expect(note.content).toContain('Camden Town Group resolved: Rents &#60;now&#62;');
    expect(note.content).toMatch(new RegExp(`href="${origin}/r/northfield-movement/rents-now"`));
    expect(note.id).toBe(`${camden}/resolutions/${resolutionId}`);

    // The outbox lists the resolution's post; the Note is at its own address.
    const outbox = (await (
      await fetch(`${camden}/outbox`, { headers: { accept: 'application/activity+json' } })
    ).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(outbox.totalItems).toBe(1);
    const listed = JSON.stringify(outbox);
    expect(listed).toContain(`${camden}/resolutions/${resolutionId}`);
    const fetched = await fetch(note.id, { headers: { accept: 'application/activity+json' } });
    expect(fetched.status).toBe(200);

    // Unfollowing removes the follower: the next resolution goes to no one.
    await peer.follow(camden, { undo: true });
    expect(await ctx.db.selectFrom('federation_followers').selectAll().execute()).toEqual([]);
    await carriedResolution(ctx, {
      actor: isla,
      bodyId: story.camdenId,
      text: { title: 'Buses', clauses: [{ kind: 'resolves', text: 'to save the buses' }] },
    });
    expect(await seam.deliverDue()).toBe(0);
  });
});
