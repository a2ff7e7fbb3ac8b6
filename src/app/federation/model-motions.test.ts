import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { carriedResolution, northfield } from '../../../test/story.ts';
import type { OpenDatabase } from '../../db/database.ts';
import { listModelAdoptions } from '../../db/queries/federation.ts';
import { findMotion } from '../../db/queries/meetings.ts';
import { decideQuestion } from '../../domain/meetings/thresholds.ts';
import { inTransaction, type AppContext } from '../common/context.ts';
import { importMembers } from '../organisations/import-members.ts';
import { adoptModelMotion } from '../resolutions/adopt-model-motion.ts';
import { publishModelMotion } from '../resolutions/publish-model-motion.ts';
import { afterMotionDecided } from '../resolutions/publish-resolution.ts';
import { viewInbox, viewModelMotion } from '../resolutions/view-inbox.ts';
import type { OutgoingPayload } from './activities.ts';
import { followBody } from './follow-body.ts';
import { receiveAdoption, receiveAdoptionAdded } from './receive-adoption.ts';
import { receiveOffer } from './receive-offer.ts';

/**
 * Model motions between servers (docs/model-motions.md), use case by use case, with two servers'
 * databases of the dialect under test: the movement's server (A) publishes a model motion of its
 * National Coordinating Group, which a body on the party's server (B) follows; B adopts it,
 * carries it, and the adoption goes back to A, recorded once. Each activity is carried from one
 * outbox to the other inbox's use case as the federation seam would (src/infra/federation.ts).
 */

const A = 'https://movement.example';
const B = 'https://party.example';

const outbox = async (ctx: AppContext, type: OutgoingPayload['type']) =>
  (await ctx.db.selectFrom('federation_outbox').selectAll().orderBy('created_at').execute())
    .map((r) => ({ ...r, payload: JSON.parse(r.payload) as OutgoingPayload }))
    .filter((r) => r.payload.type === type);

const count = async (ctx: AppContext, table: 'federation_inbox' | 'federation_model_adoptions') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const dialect of DIALECTS) {
  describe(`model motions between servers [${dialect}]`, () => {
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
      // Each administrator drafts and adopts as a member of the bodies it acts for.
      for (const [ctx, story] of [
        [ctxA, a],
        [ctxB, b],
      ] as const) {
        for (const bodyId of [story.nationalId, story.camdenId, story.hackneyId]) {
          await importMembers(ctx, {
            actor: story.admin,
            bodyId,
            csv: 'Name,Email\nAda Admin,admin@example.org',
            dryRun: false,
          });
        }
      }
      return { ctxA, ctxB, a, b };
    }

    it('publishes a model to a follower body elsewhere, which adopts and carries it; the origin records the adoption once and answers Add', async () => {
      const { ctxA, ctxB, a, b } = await twoServers();
      const nationalA = `${A}/federation/bodies/${a.nationalId}`;
      const hackneyB = `${B}/federation/bodies/${b.hackneyId}`;
      // B's Hackney group follows A's National Coordinating Group; a Mastodon account does too.
      await followBody(ctxA, {
        bodyId: a.nationalId,
        actorId: hackneyB,
        inbox: `${hackneyB}/inbox`,
        followId: `${B}/federation/activities/follow-1`,
      });
      await followBody(ctxA, {
        bodyId: a.nationalId,
        actorId: 'https://mastodon.example/users/ann',
        inbox: 'https://mastodon.example/users/ann/inbox',
        followId: 'https://mastodon.example/follows/1',
      });
      const { resolutionId } = await carriedResolution(ctxA, {
        actor: a.admin,
        bodyId: a.nationalId,
        text: {
          title: 'Defend <b>public</b> libraries',
          clauses: [
            { kind: 'notes', text: 'that three libraries are to close' },
            { kind: 'resolves', text: 'to campaign to keep them open' },
          ],
        },
      });
      expect(await publishModelMotion(ctxA, { actor: a.admin, resolutionId })).toEqual({
        publicisedTo: 2,
        sentElsewhere: 1,
      });
      // The Seconded follower body is sent the Document; the Mastodon account only posts.
      const [sent, ...more] = await outbox(ctxA, 'model');
      expect(more).toEqual([]);
      expect(sent!.recipient).toBe(hackneyB);
      if (sent!.payload.type !== 'model') throw new Error('not a model');
      expect(sent!.payload).toMatchObject({
        resolutionId,
        resolution: { title: 'Defend <b>public</b> libraries', model: true, clauseId: null },
      });

      // B takes it into Hackney's inbox as a model motion, once.
      const modelId = `${nationalA}/models/${resolutionId}`;
      const received = {
        activityId: sent!.id,
        actorId: nationalA,
        bodyId: b.hackneyId,
        resolution: sent!.payload.resolution,
        model: { modelId, adoptions: `${modelId}/adoptions` },
      };
      expect(await receiveOffer(ctxB, received)).toBe('received');
      expect(await receiveOffer(ctxB, received)).toBe('duplicate');
      const inbox = await viewInbox(ctxB, { actor: b.admin, bodyId: b.hackneyId });
      expect(inbox.items).toMatchObject([
        { kind: 'model-motion', status: 'sent', title: 'Defend <b>public</b> libraries' },
      ]);

      // Adopted as Hackney's own motion, and carried: the adoption goes back to the model.
      const { motionId } = await adoptModelMotion(ctxB, {
        actor: b.admin,
        communicationId: inbox.items[0]!.id,
      });
      expect(await outbox(ctxB, 'answer')).toEqual([]);
      await inTransaction(ctxB, async (trx) =>
        afterMotionDecided(trx, ctxB, {
          motion: (await findMotion(trx, motionId))!,
          status: 'carried',
          text: (await findMotion(trx, motionId))!.text,
          result: decideQuestion({
            counts: { for: 9, against: 1, abstain: 0 },
            threshold: 'simple-majority-of-votes-cast',
            tieRule: 'not-carried',
            present: 10,
            members: 12,
          }),
          declared: 'carried: simple majority of votes cast, 9–1, no abstentions',
          actorPersonId: b.adminId,
          at: ctxB.now().toISOString(),
        }),
      );
      const [adoption, ...again] = await outbox(ctxB, 'adoption');
      expect(again).toEqual([]);
      expect(adoption!.recipient).toBe(nationalA);
      if (adoption!.payload.type !== 'adoption') throw new Error('not an adoption');
      expect(adoption!.payload).toMatchObject({ modelId, adoptions: `${modelId}/adoptions` });
      expect(adoption!.payload.resolution.url).toMatch(/^https:\/\/party\.example\/r\//);

      // A records it once; the model's page lists it; an Add goes back.
      const told = {
        activityId: adoption!.id,
        actorId: hackneyB,
        bodyId: a.nationalId,
        resolutionId,
        modelIds: [modelId, modelId],
        objectId: adoption!.payload.resolution.url,
        title: adoption!.payload.resolution.title,
        bodyName: adoption!.payload.resolution.from.body,
      };
      expect(await receiveAdoption(ctxA, told)).toBe('recorded');
      expect(await receiveAdoption(ctxA, told)).toBe('duplicate');
      expect(await listModelAdoptions(ctxA.db, resolutionId)).toHaveLength(1);
      const model = await viewModelMotion(ctxA, { actor: null, resolutionId });
      expect(model.adoptedElsewhere).toEqual([
        expect.objectContaining({
          bodyName: 'Hackney Group',
          server: 'party.example',
          resolutionUrl: told.objectId,
        }),
      ]);
      const [added] = await outbox(ctxA, 'adoption-added');
      expect([added!.recipient, added!.payload]).toEqual([
        hackneyB,
        {
          type: 'adoption-added',
          objectId: told.objectId,
          createId: told.activityId,
          adoptions: `${modelId}/adoptions`,
        },
      ]);
      // B marks its adoption acknowledged, but only on the model's own actor's word.
      await expect(
        receiveAdoptionAdded(ctxB, {
          actorId: `${A}/federation/bodies/other`,
          adoptions: `${modelId}/adoptions`,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(
        await receiveAdoptionAdded(ctxB, { actorId: nationalA, adoptions: `${modelId}/adoptions` }),
      ).toBe(true);
      const ack = await ctxB.db.selectFrom('federation_received_models').selectAll().execute();
      expect(ack.map((m) => m.acknowledged_at !== null)).toEqual([true]);
    }, 60_000);

    it('refuses an adoption naming another model, or a collection that is not a model’s, and changes nothing', async () => {
      const { ctxA, a } = await twoServers();
      const text = (title: string) => ({
        title,
        clauses: [{ kind: 'resolves' as const, text: 'to act' }],
      });
      const one = await carriedResolution(ctxA, {
        actor: a.admin,
        bodyId: a.nationalId,
        text: text('One'),
      });
      const two = await carriedResolution(ctxA, {
        actor: a.admin,
        bodyId: a.nationalId,
        text: text('Two'),
      });
      const plain = await carriedResolution(ctxA, {
        actor: a.admin,
        bodyId: a.nationalId,
        text: text('Not a model'),
      });
      await publishModelMotion(ctxA, { actor: a.admin, resolutionId: one.resolutionId });
      await publishModelMotion(ctxA, { actor: a.admin, resolutionId: two.resolutionId });
      const modelOf = (id: string) => `${A}/federation/bodies/${a.nationalId}/models/${id}`;
      const before = [
        await count(ctxA, 'federation_inbox'),
        await count(ctxA, 'federation_model_adoptions'),
      ];
      const adoption = (n: number, resolutionId: string, modelIds: string[]) => ({
        activityId: `${B}/federation/activities/${n}`,
        actorId: `${B}/federation/bodies/hackney`,
        bodyId: a.nationalId,
        resolutionId,
        modelIds,
        objectId: `${B}/r/northfield-movement/one`,
        title: 'One',
        bodyName: 'Hackney Group',
      });
      // The collection of model one, the Document naming model two.
      await expect(
        receiveAdoption(ctxA, adoption(1, one.resolutionId, [modelOf(two.resolutionId)])),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(
        receiveAdoption(
          ctxA,
          adoption(2, one.resolutionId, [modelOf(one.resolutionId), modelOf(two.resolutionId)]),
        ),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(receiveAdoption(ctxA, adoption(3, one.resolutionId, []))).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      // A resolution that is not a model, or a model of another body, has no adoptions collection.
      await expect(
        receiveAdoption(ctxA, adoption(4, plain.resolutionId, [modelOf(plain.resolutionId)])),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        receiveAdoption(ctxA, {
          ...adoption(5, one.resolutionId, [
            `${A}/federation/bodies/${a.camdenId}/models/${one.resolutionId}`,
          ]),
          bodyId: a.camdenId,
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // An adopting resolution of another origin than its actor's.
      await expect(
        receiveAdoption(ctxA, {
          ...adoption(6, one.resolutionId, [modelOf(one.resolutionId)]),
          objectId: 'https://elsewhere.example/r/x/one',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect([
        await count(ctxA, 'federation_inbox'),
        await count(ctxA, 'federation_model_adoptions'),
      ]).toEqual(before);
      expect(await outbox(ctxA, 'adoption-added')).toEqual([]);
    }, 60_000);

    it('publishes a model of a body with no bodies below it only to its followers elsewhere, and refuses it when federation is off', async () => {
      const { ctxA, a } = await twoServers();
      const local = { ...ctxA, federation: undefined };
      await followBody(ctxA, {
        bodyId: a.camdenId,
        actorId: `${B}/federation/bodies/hackney`,
        inbox: `${B}/federation/bodies/hackney/inbox`,
        followId: `${B}/federation/activities/follow-2`,
      });
      const { resolutionId } = await carriedResolution(ctxA, {
        actor: a.admin,
        bodyId: a.camdenId,
        text: { title: 'Camden’s model', clauses: [{ kind: 'resolves', text: 'to act' }] },
      });
      // Camden has no bodies below it: without federation, no one to publicise it to.
      await expect(
        publishModelMotion(local, { actor: a.admin, resolutionId }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect(await publishModelMotion(ctxA, { actor: a.admin, resolutionId })).toEqual({
        publicisedTo: 0,
        sentElsewhere: 1,
      });
    }, 60_000);
  });
}
