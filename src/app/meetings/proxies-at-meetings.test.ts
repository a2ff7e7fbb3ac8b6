import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { giveAccounts, movableContext } from '../../../test/factories.ts';
import { northfield } from '../../../test/story.ts';
import {
  presetStandingOrders,
  type ProxyRules,
} from '../../domain/organisations/standing-orders.ts';
import { listCurrentMembers } from '../../db/queries/meetings.ts';
import { upsertStandingOrders } from '../../db/queries/standing-orders.ts';
import { loadActor } from '../common/actor.ts';
import { castBallot } from '../ballots/cast-ballot.ts';
import { closeBallot } from '../ballots/close-ballot.ts';
import { lodgeProxy } from '../ballots/lodge-proxy.ts';
import { viewBallot } from '../ballots/view-ballot.ts';
import { importMembers } from '../organisations/import-members.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { draftMotion } from './draft-motion.ts';
import { openMeeting } from './open-meeting.ts';
import { putToSecretBallot } from './put-to-secret-ballot.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import { signInToMeeting } from './sign-in-to-meeting.ts';
import { submitMotion } from './submit-motion.ts';
import { takeMotionStep } from './take-motion-step.ts';
import { viewQuorum } from './view-quorum.ts';
import { giveCard } from '../../../test/factories.ts';
import { findQuestion } from '../../db/queries/meetings.ts';
import { putQuestion } from './put-question.ts';
import { recordVote } from './record-vote.ts';
import { viewMeeting } from './view-meeting.ts';

const meetingProxies: ProxyRules = {
  allowed: true,
  maxPerHolder: 2,
  kinds: ['meeting-votes', 'ballots'],
  deadlineHours: 24,
  countToQuorum: true,
};

/**
 * Camden with 12 members under Citrine's rules with a quorum of 5 and proxies as `proxies`
 * says; its general meeting of 20 July 2026 18:00 called, with a motion on the agenda. Members
 * 10 and 11 give member 0 their proxies, member 9 gives member 5 theirs, on 1 July.
 */
async function camdenWithProxies(ctx: ReturnType<typeof movableContext>, proxies: ProxyRules) {
  const story = await northfield(ctx);
  const csv = [
    'Name,Email',
    ...Array.from({ length: 12 }, (_, i) => `Member ${i + 1},m${i + 1}@example.org`),
  ].join('\n');
  await importMembers(ctx, { actor: story.admin, bodyId: story.camdenId, csv, dryRun: false });
  await upsertStandingOrders(ctx.db, {
    body_id: story.camdenId,
    preset: 'citrine',
    rules: JSON.stringify({
      ...presetStandingOrders('citrine'),
      quorum: { kind: 'count', members: 5 },
      proxies,
    }),
    updated_at: ctx.now().toISOString(),
  });
  const ids = (await listCurrentMembers(ctx.db, story.camdenId, '2026-07-01')).map(
    (m) => m.person_id,
  );
  await giveAccounts(ctx, ids);
  const member = (i: number) => loadActor(ctx.db, ids[i]!, '2026-07-01');
  const chair = story.admin;
  const { meetingId } = await scheduleMeeting(ctx, {
    actor: chair,
    bodyId: story.camdenId,
    title: 'General meeting',
    startsAt: '2026-07-20T18:00:00Z',
    giveNotice: true,
  });
  const { motionId } = await draftMotion(ctx, {
    actor: await member(0),
    bodyId: story.camdenId,
    meetingId,
    text: { title: 'Affiliation', clauses: [{ kind: 'resolves', text: 'to affiliate' }] },
  });
  await submitMotion(ctx, { actor: await member(0), motionId });
  await addAgendaItem(ctx, { actor: chair, meetingId, motionId });
  const target = { meetingId };
  for (const [giver, holder] of [
    [10, 0],
    [11, 0],
    [9, 5],
  ] as const)
    await lodgeProxy(ctx, { actor: await member(giver), target, holder: ids[holder]! });
  return { ...story, chair, ids, member, meetingId, motionId, target };
}

describeEachDatabase('proxies at meetings', (database) => {
  it('count towards the quorum for members present who hold them, and vote in the meeting’s secret ballot', async () => {
    const ctx = movableContext(database());
    const { chair, ids, member, meetingId, motionId, target } = await camdenWithProxies(
      ctx,
      meetingProxies,
    );
    ctx.setNow('2026-07-20T17:00:00Z');
    await expect(
      lodgeProxy(ctx, { actor: await member(8), target, holder: ids[1]! }),
    ).rejects.toMatchObject({ code: 'PROXY_DEADLINE_PASSED' });
    ctx.setNow('2026-07-20T18:00:00Z');
    await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[1]! });
    await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[2]! });
    // Members 1 and 2 present, no holder among them: 2 of 5.
    expect(await viewQuorum(ctx, { actor: chair, meetingId })).toMatchObject({
      present: 2,
      met: false,
    });
    // Member 0 comes in with two proxies: 3 present and 2 proxies make 5, a quorum. Member 5,
    // holding member 9's, is away: that proxy does not count.
    const { quorum } = await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[0]! });
    expect(quorum).toMatchObject({ present: 5, required: 5, met: true });
    expect(await viewQuorum(ctx, { actor: chair, meetingId })).toMatchObject({
      present: 5,
      met: true,
    });
    await openMeeting(ctx, { actor: chair, meetingId });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'move' } });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'second', by: ids[1] } });
    const { ballotId, electorate } = await putToSecretBallot(ctx, { actor: chair, motionId });
    // Those present and the two whose proxies member 0 holds.
    expect(electorate).toBe(5);
    const holder = await member(0);
    expect((await viewBallot(ctx, { actor: holder, ballotId })).me.proxies).toHaveLength(2);
    await castBallot(ctx, { actor: holder, ballotId, choice: 'for' });
    await castBallot(ctx, { actor: holder, ballotId, choice: 'for', onBehalfOf: ids[10] });
    await castBallot(ctx, { actor: holder, ballotId, choice: 'against', onBehalfOf: ids[11] });
    await expect(
      castBallot(ctx, { actor: holder, ballotId, choice: 'for', onBehalfOf: ids[11] }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    // Member 9's proxy is held by someone away: nobody may use it.
    await expect(
      castBallot(ctx, { actor: await member(1), ballotId, choice: 'for', onBehalfOf: ids[9] }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    await castBallot(ctx, { actor: await member(1), ballotId, choice: 'for' });
    const result = await closeBallot(ctx, { actor: chair, ballotId, confirmed: true });
    expect(result).toMatchObject({ for: 3, against: 1, votes: 4 });
  });

  it('do not count towards the quorum where the rules say they do not', async () => {
    const ctx = movableContext(database());
    const { chair, ids, meetingId } = await camdenWithProxies(ctx, {
      ...meetingProxies,
      countToQuorum: false,
    });
    ctx.setNow('2026-07-20T18:00:00Z');
    for (const i of [0, 1, 2])
      await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[i]! });
    expect(await viewQuorum(ctx, { actor: chair, meetingId })).toMatchObject({
      present: 3,
      met: false,
    });
  });

  it('are answered for by name in a roll call, recorded as the giver’s vote by proxy held by the holder', async () => {
    const ctx = movableContext(database());
    const { chair, ids, meetingId, motionId } = await camdenWithProxies(ctx, meetingProxies);
    ctx.setNow('2026-07-20T18:00:00Z');
    for (const i of [0, 1, 2, 3])
      await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[i]! });
    await openMeeting(ctx, { actor: chair, meetingId });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'move' } });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'second', by: ids[1] } });
    // The chair's console names the two givers member 0 answers for; member 9's holder is away.
    const seen = await viewMeeting(ctx, { actor: chair, meetingId });
    expect(seen.byProxy.map((p) => [p.personId, p.holderId])).toEqual(
      expect.arrayContaining([
        [ids[10], ids[0]],
        [ids[11], ids[0]],
      ]),
    );
    expect(seen.byProxy).toHaveLength(2);
    const { questionId } = await putQuestion(ctx, { actor: chair, motionId, mode: 'roll-call' });
    const answers = [
      { personId: ids[0]!, choice: 'for' as const },
      { personId: ids[10]!, choice: 'for' as const },
      { personId: ids[11]!, choice: 'against' as const },
      { personId: ids[1]!, choice: 'for' as const },
    ];
    // Member 9's proxy is held by a member away: nobody may answer for them.
    await expect(
      recordVote(ctx, {
        actor: chair,
        questionId,
        vote: { mode: 'roll-call', answers: [...answers, { personId: ids[9]!, choice: 'for' }] },
      }),
    ).rejects.toMatchObject({ code: 'NOT_PRESENT' });
    // A third answer from the holder, for a giver already answered for, is refused.
    await expect(
      recordVote(ctx, {
        actor: chair,
        questionId,
        vote: { mode: 'roll-call', answers: [...answers, { personId: ids[10]!, choice: 'for' }] },
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    const result = await recordVote(ctx, {
      actor: chair,
      questionId,
      vote: { mode: 'roll-call', answers },
    });
    // 4 present and 2 proxies: P is 6, as for a show of hands.
    expect(result.declared).toBe('carried: simple majority of votes cast, 3–1, no abstentions');
    const question = await findQuestion(ctx.db, questionId);
    expect(question?.present).toBe(6);
    expect(JSON.parse(question!.record!)).toEqual([
      { personId: ids[0], choice: 'for', weight: 1 },
      { personId: ids[10], choice: 'for', weight: 1, heldBy: ids[0] },
      { personId: ids[11], choice: 'against', weight: 1, heldBy: ids[0] },
      { personId: ids[1], choice: 'for', weight: 1 },
    ]);
  });

  it('raise the giver’s card, with its weight, in a card vote', async () => {
    const ctx = movableContext(database());
    const { chair, ids, meetingId, motionId, camdenId } = await camdenWithProxies(
      ctx,
      meetingProxies,
    );
    await giveCard(ctx, { bodyId: camdenId, personId: ids[10]! }, 5);
    ctx.setNow('2026-07-20T18:00:00Z');
    for (const i of [0, 1, 2])
      await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[i]! });
    await openMeeting(ctx, { actor: chair, meetingId });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'move' } });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'second', by: ids[1] } });
    const { questionId } = await putQuestion(ctx, { actor: chair, motionId, mode: 'card' });
    const result = await recordVote(ctx, {
      actor: chair,
      questionId,
      vote: {
        mode: 'card',
        votes: [
          { personId: ids[0]!, choice: 'for' },
          { personId: ids[10]!, choice: 'against' },
          { personId: ids[1]!, choice: 'for' },
        ],
      },
    });
    expect(result.declared).toBe('lost: simple majority of votes cast, 2–5, no abstentions');
    // P: three cards of 1 present, and the two proxies' cards of 5 and 1.
    expect(result.result.ruleApplied).toMatchObject({ present: 9 });
    const question = await findQuestion(ctx.db, questionId);
    expect(JSON.parse(question!.record!)).toContainEqual({
      personId: ids[10],
      choice: 'against',
      weight: 5,
      heldBy: ids[0],
    });
  });

  it('are not answered for in the room where the rules allow them only in ballots', async () => {
    const ctx = movableContext(database());
    const { chair, ids, meetingId, motionId } = await camdenWithProxies(ctx, {
      ...meetingProxies,
      kinds: ['ballots'],
      countToQuorum: false,
    });
    ctx.setNow('2026-07-20T18:00:00Z');
    for (const i of [0, 1, 2, 3, 4])
      await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[i]! });
    await openMeeting(ctx, { actor: chair, meetingId });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'move' } });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'second', by: ids[1] } });
    expect((await viewMeeting(ctx, { actor: chair, meetingId })).byProxy).toEqual([]);
    const { questionId } = await putQuestion(ctx, { actor: chair, motionId, mode: 'roll-call' });
    await expect(
      recordVote(ctx, {
        actor: chair,
        questionId,
        vote: { mode: 'roll-call', answers: [{ personId: ids[10]!, choice: 'for' }] },
      }),
    ).rejects.toMatchObject({ code: 'NOT_PRESENT' });
  });
});
