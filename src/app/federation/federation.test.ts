import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { signedIn } from '../../../test/http-client.ts';
import { carriedResolution, northfield } from '../../../test/story.ts';
import { importMembers } from '../organisations/import-members.ts';
import { answerCommunication } from '../resolutions/answer-communication.ts';
import { viewInbox } from '../resolutions/view-inbox.ts';
import { viewResolution } from '../resolutions/view-resolution.ts';
import type { AppContext } from '../common/context.ts';
import type { OfferedResolution, OutgoingPayload } from './activities.ts';
import { receiveAnswer } from './receive-answer.ts';
import type { AnswerType } from '../../domain/federation/remote-body.ts';
import { receiveOffer } from './receive-offer.ts';
import { receiveWithdrawal } from './receive-withdrawal.ts';
import { withdrawResolution } from '../resolutions/withdraw-communication.ts';
import { decideQuestion } from '../../domain/meetings/thresholds.ts';

const PARTY = 'https://party.example';
const NEC = `${PARTY}/federation/bodies/nec`;

const offered = (bodyName = 'the NEC'): OfferedResolution => ({
  url: `${PARTY}/r/northfield-party/no-confidence`,
  title: 'No confidence in the Leader <b>now</b>',
  text: {
    title: 'No confidence in the Leader <b>now</b>',
    clauses: [
      { id: 'c1', kind: 'notes', text: 'that <script>alert(1)</script> is text' },
      {
        id: 'c2',
        kind: 'calls-on',
        text: 'to pass a motion',
        addressee: { kind: 'body', bodyId: 'their-id', name: bodyName },
      },
    ],
  },
  clauseId: 'c2',
  declared: 'carried: simple majority of votes cast, 23–4, 2 abstentions',
  result: decideQuestion({
    counts: { for: 23, against: 4, abstain: 2 },
    threshold: 'simple-majority-of-votes-cast',
    tieRule: 'not-carried',
    present: 29,
    members: 40,
  }),
  passedAt: '2026-07-01T20:00:00.000Z',
  from: { body: 'Camden Town Group', organisation: 'Northfield Movement' },
});

const federated = (ctx: AppContext): AppContext => ({
  ...ctx,
  federation: { origin: 'https://movement.example', allowedPeers: [PARTY] },
});

const outbox = async (ctx: AppContext) =>
  (await ctx.db.selectFrom('federation_outbox').selectAll().orderBy('created_at').execute()).map(
    (r) => ({ ...r, payload: JSON.parse(r.payload) as OutgoingPayload }),
  );

describeEachDatabase('federation: the use cases', (database) => {
  it('takes an offered resolution into the inbox once, and queues each answer back', async () => {
    const ctx = federated(testContext(database()));
    const story = await northfield(ctx);
    const offer = {
      activityId: `${PARTY}/federation/activities/1`,
      actorId: NEC,
      bodyId: story.nationalId,
      resolution: offered(),
    };
    expect(await receiveOffer(ctx, offer)).toBe('received');
    expect(await receiveOffer(ctx, offer)).toBe('duplicate');
    const inbox = await viewInbox(ctx, { actor: story.admin, bodyId: story.nationalId });
    expect(inbox.items).toMatchObject([
      {
        title: 'No confidence in the Leader <b>now</b>',
        status: 'sent',
        from: 'Camden Town Group, Northfield Movement (party.example)',
      },
    ]);
    // Its pages show text from elsewhere as text, never as markup.
    const who = await signedIn(ctx, 'admin@example.org');
    for (const path of [
      `/bodies/${story.nationalId}/inbox`,
      `/communications/${inbox.items[0]!.id}`,
    ]) {
      const res = await who.request(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('No confidence in the Leader &lt;b&gt;now&lt;/b&gt;');
      expect(html).not.toContain('<script>alert(1)</script>');
    }
    await answerCommunication(ctx, {
      actor: story.admin,
      communicationId: inbox.items[0]!.id,
      answer: { type: 'rule', inOrder: false, reason: 'Not within our powers.' },
    });
    expect((await outbox(ctx)).map((r) => [r.recipient, r.payload])).toEqual([
      [
        NEC,
        {
          type: 'answer',
          offerId: offer.activityId,
          status: 'ruled-out',
          note: 'Not within our powers.',
        },
      ],
    ]);
  });

  it('refuses an offered text that is incomplete, or a result its figures do not give, and changes nothing', async () => {
    const ctx = federated(testContext(database()));
    const story = await northfield(ctx);
    const bad = { ...offered(), text: { title: '', clauses: [] } };
    const odd = { ...offered(), text: { title: 'x', clauses: [null] } } as never;
    const base = offered();
    const untrue = { ...base, result: { ...base.result, outcome: 'lost' as const } };
    await expect(
      receiveOffer(ctx, {
        activityId: `${PARTY}/federation/activities/4`,
        actorId: NEC,
        bodyId: story.nationalId,
        resolution: untrue,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      receiveOffer(ctx, {
        activityId: `${PARTY}/federation/activities/3`,
        actorId: NEC,
        bodyId: story.nationalId,
        resolution: odd,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      receiveOffer(ctx, {
        activityId: `${PARTY}/federation/activities/2`,
        actorId: NEC,
        bodyId: story.nationalId,
        resolution: bad,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await ctx.db.selectFrom('federation_inbox').selectAll().execute()).toEqual([]);
    expect(await ctx.db.selectFrom('communications').selectAll().execute()).toEqual([]);
  });

  it('offers a resolution to an allowed peer, records its answers in order, and refuses others', async () => {
    const ctx = federated(testContext(database()));
    const story = await northfield(ctx);
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      csv: 'Name,Email\nAda Admin,admin@example.org',
      dryRun: false,
    });
    await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      text: {
        title: 'No confidence',
        clauses: [
          { kind: 'calls-on', text: 'to act', bodyName: '@nec@party.example' },
          { kind: 'calls-on', text: 'to act too', bodyName: '@ncg@elsewhere.example' },
        ],
      },
    });
    const [sent] = await outbox(ctx);
    expect(sent).toMatchObject({ recipient: 'acct:nec@party.example', payload: { type: 'offer' } });
    // The worker looks the handle up; here it found the NEC's actor.
    await ctx.db.updateTable('federation_links').set({ remote_actor: NEC }).execute();
    const view = () =>
      viewResolution(ctx, {
        actor: null,
        organisationSlug: 'northfield-movement',
        slug: 'no-confidence',
      });
    expect((await view()).deliveries.map((d) => d.status)).toEqual(['sent', 'not-deliverable']);

    const answer = (n: number, type: AnswerType, status: string, actorId = NEC) =>
      receiveAnswer(ctx, {
        activityId: `${PARTY}/federation/activities/a${n}`,
        actorId,
        type,
        offerId: sent!.id,
        status,
        note: status === 'carried' ? 'carried, 31–4' : null,
      });
    await expect(
      answer(1, 'Read', 'acknowledged', `${PARTY}/federation/bodies/other`),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Decided before it was ruled in: out of order, refused.
    await expect(answer(2, 'Update', 'carried')).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await expect(answer(3, 'Update', 'acknowledged')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await view()).deliveries[0]!.status).toBe('sent');
    expect(await answer(4, 'Read', 'acknowledged')).toBe('recorded');
    expect(await answer(4, 'Read', 'acknowledged')).toBe('duplicate');
    expect((await view()).deliveries[0]!.history.map((h) => h.status)).toEqual([
      'sent',
      'acknowledged',
    ]);
    // Ruled in, put to the members' ballot, and carried with its figures.
    await answer(5, 'Accept', 'ruled-in');
    await answer(6, 'Add', 'balloting');
    await answer(7, 'Update', 'carried');
    const decided = (await view()).deliveries[0]!;
    expect(decided.history.map((h) => h.status)).toEqual([
      'sent',
      'acknowledged',
      'ruled-in',
      'balloting',
      'carried',
    ]);
    expect(decided.history.at(-1)!.note).toBe('carried, 31–4');
  });

  it('withdraws an offered resolution on an Undo from the body that offered it, once, and not once decided', async () => {
    const ctx = federated(testContext(database()));
    const story = await northfield(ctx);
    const offer = (n: number) => ({
      activityId: `${PARTY}/federation/activities/o${n}`,
      actorId: NEC,
      bodyId: story.nationalId,
      resolution: offered(),
    });
    await receiveOffer(ctx, offer(1));
    await receiveOffer(ctx, offer(2));
    const undo = (n: number, offerId: string, actorId = NEC) =>
      receiveWithdrawal(ctx, {
        activityId: `${PARTY}/federation/activities/u${n}`,
        actorId,
        offerId,
      });
    const statuses = async () =>
      (await viewInbox(ctx, { actor: story.admin, bodyId: story.nationalId })).items
        .map((i) => i.status)
        .sort();
    // Only the actor that made the Offer may undo it; an unknown Offer is refused.
    await expect(
      undo(1, offer(1).activityId, `${PARTY}/federation/bodies/other`),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(undo(2, `${PARTY}/federation/activities/none`)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await statuses()).toEqual(['sent', 'sent']);
    expect(await undo(3, offer(1).activityId)).toBe('withdrawn');
    expect(await undo(3, offer(1).activityId)).toBe('duplicate');
    // The second was ruled out first: decided, so its withdrawal is refused.
    const second = (
      await viewInbox(ctx, { actor: story.admin, bodyId: story.nationalId })
    ).items.find((i) => i.status === 'sent')!;
    await answerCommunication(ctx, {
      actor: story.admin,
      communicationId: second.id,
      answer: { type: 'rule', inOrder: false, reason: 'Not ours.' },
    });
    await expect(undo(4, offer(2).activityId)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await statuses()).toEqual(['ruled-out', 'withdrawn']);
    // No answer goes back about a withdrawal: the sender withdrew it.
    expect((await outbox(ctx)).map((r) => r.payload.type)).toEqual(['answer']);
  });

  it('sends an Undo of its Offer when the sender withdraws a resolution offered elsewhere', async () => {
    const ctx = federated(testContext(database()));
    const story = await northfield(ctx);
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      csv: 'Name,Email\nAda Admin,admin@example.org',
      dryRun: false,
    });
    const { resolutionId } = await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      text: {
        title: 'No confidence',
        clauses: [{ kind: 'calls-on', text: 'to act', bodyName: NEC }],
      },
    });
    const [sent] = await outbox(ctx);
    const delivery = (
      await viewResolution(ctx, {
        actor: null,
        organisationSlug: 'northfield-movement',
        slug: 'no-confidence',
      })
    ).deliveries[0]!;
    await withdrawResolution(ctx, {
      actor: story.admin,
      resolutionId,
      communicationId: delivery.id,
    });
    const [, undo] = await outbox(ctx);
    expect(undo).toMatchObject({
      recipient: NEC,
      sender_body_id: story.camdenId,
      payload: { type: 'withdraw', offerId: sent!.id },
    });
    // A late answer from the NEC finds it withdrawn, and is refused.
    await expect(
      receiveAnswer(ctx, {
        activityId: `${PARTY}/federation/activities/late`,
        actorId: NEC,
        type: 'Read',
        offerId: sent!.id,
        status: 'acknowledged',
        note: null,
      }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});
