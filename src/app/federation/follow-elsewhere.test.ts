import { createServer } from 'node:http';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { actorFor, carriedResolution, northfield, personWithAccount } from '../../../test/story.ts';
import type { OpenDatabase } from '../../db/database.ts';
import { createFederationSeam } from '../../infra/federation.ts';
import type { AppContext } from '../common/context.ts';
import type { OutgoingPayload } from './activities.ts';
import { followBody } from './follow-body.ts';
import {
  followElsewhere,
  receiveFollowAnswer,
  unfollowElsewhere,
  viewFollowings,
} from './follow-elsewhere.ts';
import type { FindActor } from './look-up-remote-body.ts';
import { importMembers } from '../organisations/import-members.ts';
import { publishModelMotion } from '../resolutions/publish-model-motion.ts';

/**
 * A body here follows a body on another server (docs/model-motions.md), on each database: the
 * party's server (B) makes its Hackney group follow the movement's National Coordinating Group
 * on A; the Follow is queued once, answered, undone; and a model A publishes then reaches it.
 */

const A = 'https://movement.example';
const B = 'https://party.example';

const outbox = async (ctx: AppContext) =>
  (await ctx.db.selectFrom('federation_outbox').selectAll().orderBy('created_at').execute()).map(
    (r) => ({ ...r, payload: JSON.parse(r.payload) as OutgoingPayload }),
  );

const followings = (ctx: AppContext) =>
  ctx.db.selectFrom('federation_followings').selectAll().execute();

for (const dialect of DIALECTS) {
  describe(`following a body elsewhere [${dialect}]`, () => {
    const opened: OpenDatabase[] = [];
    afterEach(async () => {
      for (const open of opened.splice(0)) await open.close();
    });

    async function twoServers() {
      opened.push(await freshDatabase(dialect), await freshDatabase(dialect));
      const serverAt = (open: OpenDatabase, origin: string, peer: string): AppContext => ({
        ...testContext(open, { baseUrl: origin }),
        federation: { origin, allowedPeers: [peer] },
      });
      const ctxA = serverAt(opened[0]!, A, B);
      const ctxB = serverAt(opened[1]!, B, A);
      const [a, b] = [await northfield(ctxA), await northfield(ctxB)];
      const nationalA = `${A}/federation/bodies/${a.nationalId}`;
      // What the network would find at A's handle (the seam's look-up, src/infra/federation.ts).
      const find: FindActor = (address) =>
        Promise.resolve(
          address.text === '@national@movement.example'
            ? { id: nationalA, isGroup: true, name: 'National Coordinating Group' }
            : null,
        );
      return { ctxA, ctxB, a, b, nationalA, find };
    }

    it('queues one Follow however often the body follows, and marks it accepted on the Accept of the body followed only', async () => {
      const { ctxB, b, nationalA, find } = await twoServers();
      const follow = {
        actor: b.admin,
        bodyId: b.hackneyId,
        address: '@national@movement.example',
        find,
      };
      const first = await followElsewhere(ctxB, follow);
      expect(first).toMatchObject({
        actorId: nationalA,
        state: 'pending',
        server: 'movement.example',
      });
      expect(await followElsewhere(ctxB, follow)).toEqual(first);
      const sent = await outbox(ctxB);
      expect(sent.map((r) => [r.recipient, r.payload])).toEqual([[nationalA, { type: 'follow' }]]);
      const followId = sent[0]!.id;

      // Another actor's Accept of our Follow is refused and changes nothing.
      await expect(
        receiveFollowAnswer(ctxB, {
          actorId: `${A}/federation/bodies/other`,
          followId,
          accepted: true,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await followings(ctxB))[0]!.state).toBe('pending');
      // An Accept of something else is not ours to handle (an Offer's answer).
      expect(
        await receiveFollowAnswer(ctxB, { actorId: nationalA, followId: `${A}/x`, accepted: true }),
      ).toBe(false);

      expect(
        await receiveFollowAnswer(ctxB, { actorId: nationalA, followId, accepted: true }),
      ).toBe(true);
      const view = await viewFollowings(ctxB, { actor: b.admin, bodyId: b.hackneyId });
      expect(view.followings).toMatchObject([
        { actorId: nationalA, name: 'National Coordinating Group', state: 'accepted' },
      ]);
      expect(await followElsewhere(ctxB, follow)).toMatchObject({ state: 'accepted' });
      expect(await outbox(ctxB)).toHaveLength(1);
    });

    it('marks a following refused on a Reject, and asks again when followed again', async () => {
      const { ctxB, b, nationalA, find } = await twoServers();
      const follow = {
        actor: b.admin,
        bodyId: b.hackneyId,
        address: '@national@movement.example',
        find,
      };
      await followElsewhere(ctxB, follow);
      const followId = (await outbox(ctxB))[0]!.id;
      await receiveFollowAnswer(ctxB, { actorId: nationalA, followId, accepted: false });
      expect((await followings(ctxB))[0]!.state).toBe('refused');
      expect(await followElsewhere(ctxB, follow)).toMatchObject({ state: 'pending' });
      const sent = await outbox(ctxB);
      expect(sent).toHaveLength(2);
      expect((await followings(ctxB))[0]!.follow_id).toBe(sent[1]!.id);
    });

    it('unfollows with an Undo of the Follow', async () => {
      const { ctxB, b, nationalA, find } = await twoServers();
      await followElsewhere(ctxB, {
        actor: b.admin,
        bodyId: b.hackneyId,
        address: '@national@movement.example',
        find,
      });
      const followId = (await outbox(ctxB))[0]!.id;
      await unfollowElsewhere(ctxB, { actor: b.admin, bodyId: b.hackneyId, actorId: nationalA });
      expect(await followings(ctxB)).toEqual([]);
      const undo = (await outbox(ctxB))[1]!;
      expect([undo.recipient, undo.payload]).toEqual([nationalA, { type: 'unfollow', followId }]);
      await expect(
        unfollowElsewhere(ctxB, { actor: b.admin, bodyId: b.hackneyId, actorId: nationalA }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('refuses a server not allowed, a private address, and someone who does not answer for the body, saving nothing', async () => {
      const { ctxB, b, find } = await twoServers();
      const outsider = await actorFor(ctxB, await personWithAccount(ctxB, 'out@example.org'));
      const tries = [
        { actor: b.admin, address: '@nec@elsewhere.example', code: 'VALIDATION_FAILED' },
        { actor: outsider, address: '@national@movement.example', code: 'NOT_FOUND' },
      ];
      for (const t of tries) {
        await expect(
          followElsewhere(ctxB, { actor: t.actor, bodyId: b.hackneyId, address: t.address, find }),
        ).rejects.toMatchObject({ code: t.code });
      }
      // A peer allowed by name whose address is the loopback: Fedify's guard fetches nothing.
      let asked = 0;
      const listener = createServer((_req, res) => {
        asked++;
        res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const port = (listener.address() as { port: number }).port;
      onTestFinished(() => new Promise<void>((resolve) => listener.close(() => resolve())));
      const peer = `http://127.0.0.1:${port}`;
      const ctx = { ...ctxB, federation: { origin: B, allowedPeers: [peer] } };
      const seam = createFederationSeam(ctx, {
        origin: B,
        allowedPeers: [peer],
        allowPrivateAddresses: false,
        retryFirstMs: 30_000,
      });
      await expect(
        followElsewhere(ctx, {
          actor: b.admin,
          bodyId: b.hackneyId,
          address: `${peer}/federation/bodies/x`,
          find: seam.findActor,
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(asked).toBe(0);
      expect(await followings(ctxB)).toEqual([]);
      expect(await outbox(ctxB)).toEqual([]);
    });

    it('gets the model motions of the body it followed this way', async () => {
      const { ctxA, ctxB, a, b, nationalA, find } = await twoServers();
      const hackneyB = `${B}/federation/bodies/${b.hackneyId}`;
      await followElsewhere(ctxB, {
        actor: b.admin,
        bodyId: b.hackneyId,
        address: '@national@movement.example',
        find,
      });
      const followId = (await outbox(ctxB))[0]!.id;
      // A's inbox takes the Follow (federation-followers.ts) and answers Accept of it.
      await followBody(ctxA, {
        bodyId: a.nationalId,
        actorId: hackneyB,
        inbox: `${hackneyB}/inbox`,
        followId,
      });
      const accept = (await outbox(ctxA)).find((r) => r.payload.type === 'accept-follow')!;
      expect(accept.payload).toEqual({ type: 'accept-follow', followId });
      await receiveFollowAnswer(ctxB, { actorId: nationalA, followId, accepted: true });
      expect((await followings(ctxB))[0]!.state).toBe('accepted');

      await importMembers(ctxA, {
        actor: a.admin,
        bodyId: a.nationalId,
        csv: 'Name,Email\nAda Admin,admin@example.org',
        dryRun: false,
      });
      const { resolutionId } = await carriedResolution(ctxA, {
        actor: a.admin,
        bodyId: a.nationalId,
        text: {
          title: 'Defend public libraries',
          clauses: [{ kind: 'resolves', text: 'to campaign' }],
        },
      });
      expect(await publishModelMotion(ctxA, { actor: a.admin, resolutionId })).toMatchObject({
        sentElsewhere: 1,
      });
      const model = (await outbox(ctxA)).filter((r) => r.payload.type === 'model');
      expect(model.map((r) => r.recipient)).toEqual([hackneyB]);
    });
  });
}
