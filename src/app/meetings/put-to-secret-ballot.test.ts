import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { giveCard, movableContext } from '../../../test/factories.ts';
import { amendmentSeconded, camdenInSession } from '../../../test/meeting-in-session.ts';
import { inClause } from '../../../test/motion-texts.ts';
import type { PresetName, StandingOrders } from '../../domain/organisations/standing-orders.ts';
import { castBallot } from '../ballots/cast-ballot.ts';
import { closeBallot } from '../ballots/close-ballot.ts';
import { closeMeeting } from './close-meeting.ts';
import { putToSecretBallot } from './put-to-secret-ballot.ts';
import { recordVote } from './record-vote.ts';
import { signInToMeeting } from './sign-in-to-meeting.ts';
import { signOutOfMeeting } from './sign-out-of-meeting.ts';
import { viewMeeting, viewMotion } from './view-meeting.ts';
import { viewMinutes } from './view-minutes.ts';

/**
 * Camden's meeting in session (12 members, 10 present) under a preset and `rules`, with a motion
 * of no confidence in the Treasurer moved and seconded; `vote` has members 0.. cast `choices`.
 */
async function inSession(
  ctx: Parameters<typeof camdenInSession>[0],
  preset: PresetName,
  rules: Partial<StandingOrders> = {},
) {
  const meeting = await camdenInSession(ctx, {
    preset,
    rules,
    secretKind: 'no-confidence',
    motion: {
      title: 'No confidence in the Treasurer',
      clauses: [{ kind: 'resolves', text: 'that this branch has no confidence in the Treasurer' }],
    },
  });
  const vote = async (choices: readonly string[], ballotId: string) => {
    for (const [i, choice] of choices.entries())
      await castBallot(ctx, { actor: await meeting.member(i), ballotId, choice });
  };
  return { ...meeting, vote };
}

describeEachDatabase('a question put to a secret ballot of those present', (database) => {
  it('freezes the electorate from the attendance, keeps the vote secret, and declares on close as a room vote is', async () => {
    const ctx = movableContext(database());
    const { chair, ids, meetingId, motionId, member, vote } = await inSession(ctx, 'citrine', {
      secretQuestions: ['elections', 'no-confidence'],
    });
    const put = await putToSecretBallot(ctx, { actor: chair, motionId });
    expect(put).toMatchObject({ on: 'motion', electorate: 10 });
    expect((await viewMotion(ctx, { actor: chair, motionId })).status).toBe('question-put');

    // Arriving after the question was put gives no vote; leaving does not take it away.
    await signInToMeeting(ctx, { actor: chair, meetingId, personId: ids[10]! });
    await expect(
      castBallot(ctx, { actor: await member(10), ballotId: put.ballotId, choice: 'for' }),
    ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    await signOutOfMeeting(ctx, { actor: chair, meetingId, personId: ids[9]! });

    await vote(['for', 'for', 'for', 'for', 'for', 'for', 'against', 'abstain'], put.ballotId);
    await castBallot(ctx, { actor: await member(9), ballotId: put.ballotId, choice: 'against' });
    await expect(
      castBallot(ctx, { actor: await member(0), ballotId: put.ballotId, choice: 'against' }),
    ).rejects.toMatchObject({ code: 'ALREADY_VOTED' });

    const live = await viewMeeting(ctx, { actor: await member(2), meetingId });
    expect(live.questionPut?.ballot).toMatchObject({
      id: put.ballotId,
      state: 'open',
      electorate: 10,
      voted: 9,
      mine: { voted: true },
    });
    // The box holds choices and weights only: nothing names a voter.
    const box = await ctx.db
      .selectFrom('ballot_box')
      .selectAll()
      .where('ballot_id', '=', put.ballotId)
      .execute();
    expect(box).toHaveLength(9);
    expect(box.every((b) => b.voter_person_id === null)).toBe(true);

    // The meeting cannot end with the ballot undeclared.
    await expect(closeMeeting(ctx, { actor: chair, meetingId })).rejects.toMatchObject({
      code: 'QUESTION_ALREADY_PUT',
    });

    await closeBallot(ctx, { actor: chair, ballotId: put.ballotId, confirmed: true });
    const after = await viewMeeting(ctx, { actor: chair, meetingId });
    expect(after.questionPut).toBeNull();
    expect(after.questions.at(-1)).toMatchObject({
      mode: 'secret-ballot',
      declared: 'carried: simple majority of votes cast, 6–2, 1 abstention',
    });
    expect((await viewMotion(ctx, { actor: chair, motionId })).status).toBe('carried');
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('action', 'in', ['question.declared', 'ballot.opened', 'ballot.closed'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'ballot.closed',
      'ballot.opened',
      'question.declared',
    ]);
    const declared = JSON.parse(audit.find((a) => a.action === 'question.declared')!.data);
    expect(declared).toMatchObject({
      mode: 'secret-ballot',
      counts: { for: 6, against: 2, abstain: 1 },
      outcome: 'carried',
    });
    await closeMeeting(ctx, { actor: chair, meetingId });
    const minutes = await viewMinutes(ctx, { actor: chair, meetingId });
    expect(minutes.text).toContain('by secret ballot of the members present');
    expect(minutes.text).toContain('carried: simple majority of votes cast, 6–2, 1 abstention');
  });

  it('checks the quorum before the question is put, and opens no ballot without it', async () => {
    const ctx = movableContext(database());
    const { chair, ids, meetingId, motionId } = await inSession(ctx, 'citrine', {
      quorum: { kind: 'count', members: 10 },
    });
    await signOutOfMeeting(ctx, { actor: chair, meetingId, personId: ids[9]! });
    await expect(putToSecretBallot(ctx, { actor: chair, motionId })).rejects.toMatchObject({
      code: 'QUORUM_NOT_MET',
    });
    const ballots = await ctx.db.selectFrom('ballots').select('id').execute();
    expect(ballots).toHaveLength(0);
    expect((await viewMotion(ctx, { actor: chair, motionId })).status).toBe('seconded');
  });

  it('takes amendments in the room first: the ballot is on the motion only', async () => {
    const ctx = movableContext(database());
    const { chair, ids, motionId } = await inSession(ctx, 'citrine');
    const motion = await viewMotion(ctx, { actor: chair, motionId });
    await amendmentSeconded(ctx, {
      actor: chair,
      motionId,
      by: ids[3]!,
      secondedBy: ids[4]!,
      change: inClause(motion.text.clauses[0]!.id).replace(
        'the Treasurer',
        'the Treasurer and the Secretary',
      ),
    });
    await expect(putToSecretBallot(ctx, { actor: chair, motionId })).rejects.toMatchObject({
      code: 'AMENDMENT_PENDING',
    });
  });

  it('waits for the chair’s casting vote when the votes are equal and the standing orders give one', async () => {
    const ctx = movableContext(database());
    const { chair, meetingId, motionId, vote } = await inSession(ctx, 'citrine', {
      tieRule: 'casting-vote',
    });
    const put = await putToSecretBallot(ctx, { actor: chair, motionId });
    await vote(['for', 'against', 'for', 'against', 'abstain'], put.ballotId);
    await closeBallot(ctx, { actor: chair, ballotId: put.ballotId, confirmed: true });
    const waiting = await viewMeeting(ctx, { actor: chair, meetingId });
    expect(waiting.questionPut?.ballot).toMatchObject({
      state: 'closed',
      counts: { for: 2, against: 2, abstain: 1 },
    });
    await expect(
      recordVote(ctx, {
        actor: chair,
        questionId: put.questionId,
        vote: { mode: 'show-of-hands', counts: { for: 3, against: 2, abstain: 0 } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const result = await recordVote(ctx, {
      actor: chair,
      questionId: put.questionId,
      vote: { mode: 'secret-ballot' },
      castingVote: 'against',
    });
    expect(result.declared).toBe(
      "lost on the chair's casting vote: votes equal, 2–2, 1 abstention",
    );
    expect((await viewMotion(ctx, { actor: chair, motionId })).status).toBe('lost');
  });

  it('settles a tie at once where the standing orders give no casting vote (RONR: lost)', async () => {
    const ctx = movableContext(database());
    const { chair, meetingId, motionId, vote } = await inSession(ctx, 'ronr');
    const put = await putToSecretBallot(ctx, { actor: chair, motionId });
    await vote(['for', 'against'], put.ballotId);
    await closeBallot(ctx, { actor: chair, ballotId: put.ballotId, confirmed: true });
    const view = await viewMeeting(ctx, { actor: chair, meetingId });
    expect(view.questions.at(-1)?.declared).toBe(
      'lost: votes equal, 1–1, no abstentions; a tie vote is lost',
    );
  });

  it('counts card weights in a secret card vote of those present', async () => {
    const ctx = movableContext(database());
    const { chair, ids, camdenId, meetingId, motionId, vote } = await inSession(ctx, 'citrine');
    await giveCard(ctx, { bodyId: camdenId, personId: ids[1]! }, 5);
    const put = await putToSecretBallot(ctx, { actor: chair, motionId, weighted: true });
    await vote(['for', 'against', 'for', 'for'], put.ballotId);
    await closeBallot(ctx, { actor: chair, ballotId: put.ballotId, confirmed: true });
    const view = await viewMeeting(ctx, { actor: chair, meetingId });
    const last = view.questions.at(-1)!;
    expect(last.declared).toBe('lost: simple majority of votes cast, 3–5, no abstentions');
    // P is the weight signed in (9 × 1 + 5), M the weight of the body (11 × 1 + 5).
    expect(last.result?.ruleApplied).toMatchObject({ present: 14, members: 16 });
  });
});
