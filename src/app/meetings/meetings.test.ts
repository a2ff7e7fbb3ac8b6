import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { giveCard, movableContext } from '../../../test/factories.ts';
import { amendmentSeconded, camdenInSession } from '../../../test/meeting-in-session.ts';
import { inClause } from '../../../test/motion-texts.ts';
import { northfield } from '../../../test/story.ts';
import type { PresetName } from '../../domain/organisations/standing-orders.ts';
import { moveAmendment } from './move-amendment.ts';
import { openMeeting } from './open-meeting.ts';
import { decideProceduralMotion } from './procedural-motion.ts';
import { putQuestion } from './put-question.ts';
import { recordVote } from './record-vote.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import { takeMotionStep } from './take-motion-step.ts';
import { meetingCalendar } from './meeting-calendar.ts';
import { viewMeeting, viewMotion } from './view-meeting.ts';
import { viewMinutes } from './view-minutes.ts';
import { cancelMeeting } from './cancel-meeting.ts';
import { closeMeeting } from './close-meeting.ts';

/** Camden's meeting in session under a preset, with a motion on housing moved and seconded. */
const inSession = (ctx: Parameters<typeof camdenInSession>[0], preset: PresetName) =>
  camdenInSession(ctx, {
    preset,
    motion: {
      title: 'Housing',
      clauses: [
        { kind: 'notes', text: 'that rents rose by a tenth' },
        { kind: 'resolves', text: 'to campaign for rent control' },
      ],
    },
  });

/**
 * A procedural motion before Camden's meeting, moved by member 2 and (unless `seconded` is
 * false) seconded by member 3, decided on a show of hands: for, against, abstaining.
 */
function procedural(
  ctx: Parameters<typeof decideProceduralMotion>[0],
  session: Awaited<ReturnType<typeof inSession>>,
  kind: Parameters<typeof decideProceduralMotion>[1]['kind'],
  [forVotes, against, abstain]: [number, number, number],
  seconded = true,
) {
  return decideProceduralMotion(ctx, {
    actor: session.chair,
    meetingId: session.meetingId,
    kind,
    moverId: session.ids[2]!,
    ...(seconded ? { seconderId: session.ids[3]! } : {}),
    counts: { for: forVotes, against, abstain },
  });
}

describeEachDatabase('meetings: votes, procedural motions, withdrawal', (database) => {
  it('takes a roll call by name and refuses an answer from someone not present', async () => {
    const ctx = movableContext(database());
    const { chair, ids, motionId } = await inSession(ctx, 'citrine');
    const { questionId } = await putQuestion(ctx, { actor: chair, motionId, mode: 'roll-call' });
    await expect(
      recordVote(ctx, {
        actor: chair,
        questionId,
        vote: { mode: 'roll-call', answers: [{ personId: ids[11]!, choice: 'for' }] },
      }),
    ).rejects.toMatchObject({ code: 'NOT_PRESENT' });
    const answers = ids.slice(0, 10).map((personId, i) => ({
      personId,
      choice: i < 5 ? ('for' as const) : i < 9 ? ('against' as const) : ('abstain' as const),
    }));
    const result = await recordVote(ctx, {
      actor: chair,
      questionId,
      vote: { mode: 'roll-call', answers },
    });
    expect(result.declared).toBe('carried: simple majority of votes cast, 5–4, 1 abstention');
  });

  it('takes a card vote weighted by each member’s card', async () => {
    const ctx = movableContext(database());
    const { chair, ids, motionId, camdenId } = await inSession(ctx, 'citrine');
    await giveCard(ctx, { bodyId: camdenId, personId: ids[0]! }, 5);
    const { questionId } = await putQuestion(ctx, { actor: chair, motionId, mode: 'card' });
    const result = await recordVote(ctx, {
      actor: chair,
      questionId,
      vote: {
        mode: 'card',
        votes: [
          { personId: ids[0]!, choice: 'for' },
          ...ids.slice(1, 4).map((personId) => ({ personId, choice: 'against' as const })),
        ],
      },
    });
    expect(result.declared).toBe('carried: simple majority of votes cast, 5–3, no abstentions');
    expect(result.result.ruleApplied).toMatchObject({ present: 14, members: 16 });
  });

  it('settles a tie by the rules: not carried under Citrine without a casting vote', async () => {
    const ctx = movableContext(database());
    const { chair, motionId } = await inSession(ctx, 'citrine');
    const { questionId } = await putQuestion(ctx, {
      actor: chair,
      motionId,
      mode: 'show-of-hands',
    });
    await expect(
      recordVote(ctx, {
        actor: chair,
        questionId,
        vote: { mode: 'show-of-hands', counts: { for: 4, against: 4, abstain: 2 } },
        castingVote: 'for',
      }),
    ).rejects.toMatchObject({ code: 'CASTING_VOTE_NOT_ALLOWED' });
    const result = await recordVote(ctx, {
      actor: chair,
      questionId,
      vote: { mode: 'show-of-hands', counts: { for: 4, against: 4, abstain: 2 } },
    });
    expect(result.outcome).toBe('not-carried');
  });

  it('a carried closure puts the question at once; next business passes a motion over', async () => {
    const ctx = movableContext(database());
    const session = await inSession(ctx, 'citrine');
    const { chair, meetingId, motionId } = session;
    await expect(procedural(ctx, session, 'closure', [6, 2, 0], false)).rejects.toMatchObject({
      code: 'NOT_SECONDED',
    });
    const closure = await procedural(ctx, session, 'closure', [6, 2, 0]);
    expect(closure).toMatchObject({ outcome: 'carried', effect: 'put-question' });
    expect((await viewMeeting(ctx, { actor: chair, meetingId })).questionPut).toMatchObject({
      id: closure.questionId,
    });
    // While the question is put, nothing else is moved.
    await expect(procedural(ctx, session, 'next-business', [6, 2, 0])).rejects.toMatchObject({
      code: 'QUESTION_ALREADY_PUT',
    });
    await recordVote(ctx, {
      actor: chair,
      questionId: closure.questionId!,
      vote: { mode: 'show-of-hands', counts: { for: 3, against: 6, abstain: 1 } },
    });
    const view = await viewMeeting(ctx, { actor: chair, meetingId });
    expect(view.motions[0]).toMatchObject({ id: motionId, status: 'lost' });
    expect(view.questions.map((q) => q.wording)).toEqual([
      'That the question be now put',
      'Housing',
    ]);
  });

  it('next business drops the motion; adjourning closes the meeting and drafts the minutes', async () => {
    const ctx = movableContext(database());
    const session = await inSession(ctx, 'citrine');
    const { chair, meetingId, motionId } = session;
    const next = await procedural(ctx, session, 'next-business', [6, 2, 0]);
    expect(next.effect).toBe('motion-event');
    expect((await viewMeeting(ctx, { actor: chair, meetingId })).motions[0]).toMatchObject({
      id: motionId,
      status: 'next-business',
    });
    const adjourned = await procedural(ctx, session, 'adjourn', [9, 0, 0]);
    expect(adjourned.effect).toBe('adjourn-meeting');
    const minutes = await viewMinutes(ctx, { actor: chair, meetingId });
    expect(minutes.text).toContain('was not voted on: the meeting moved to next business');
    expect(minutes.text).toContain('“That the meeting now adjourn”');
    await expect(closeMeeting(ctx, { actor: chair, meetingId })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('withdrawal needs the meeting’s consent once moved', async () => {
    const ctx = movableContext(database());
    const { chair, motionId } = await inSession(ctx, 'citrine');
    await expect(
      takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'withdraw', consent: false } }),
    ).rejects.toMatchObject({ code: 'WITHDRAWAL_NEEDS_CONSENT' });
    const { status } = await takeMotionStep(ctx, {
      actor: chair,
      motionId,
      step: { type: 'withdraw', consent: true },
    });
    expect(status).toBe('withdrawn');
  });

  it('RONR: an amendment to an amendment is taken first, then the amendment as amended, then the motion as amended', async () => {
    const ctx = movableContext(database());
    const { chair, ids, motionId, text } = await inSession(ctx, 'ronr');
    const primary = await amendmentSeconded(ctx, {
      actor: chair,
      motionId,
      by: ids[2]!,
      secondedBy: ids[3]!,
      change: inClause(text.clauses[0]!.id).replace('a tenth', 'ten per cent'),
    });
    // RONR: one primary amendment at a time.
    await expect(
      moveAmendment(ctx, {
        actor: chair,
        motionId,
        by: ids[4],
        change: { kind: 'delete-clause', clauseId: text.clauses[0]!.id },
      }),
    ).rejects.toMatchObject({ code: 'AMENDMENT_PENDING' });
    const secondary = await amendmentSeconded(ctx, {
      actor: chair,
      motionId,
      by: ids[4]!,
      secondedBy: ids[5]!,
      parentId: primary.amendmentId,
      change: { kind: 'delete-and-insert', delete: 'ten', insert: 'twelve' },
    });
    expect(secondary.description).toBe('In the amendment, delete “ten” and insert “twelve”');
    const carried = { mode: 'show-of-hands' as const, counts: { for: 7, against: 2, abstain: 1 } };
    const q1 = await putQuestion(ctx, { actor: chair, motionId, mode: 'show-of-hands' });
    expect(q1.wording).toBe(secondary.description);
    await recordVote(ctx, { actor: chair, questionId: q1.questionId, vote: carried });
    const q2 = await putQuestion(ctx, { actor: chair, motionId, mode: 'show-of-hands' });
    expect(q2.on).toBe('amendment');
    await recordVote(ctx, { actor: chair, questionId: q2.questionId, vote: carried });
    const q3 = await putQuestion(ctx, { actor: chair, motionId, mode: 'show-of-hands' });
    expect(q3.on).toBe('motion');
    await recordVote(ctx, { actor: chair, questionId: q3.questionId, vote: carried });
    const motion = await viewMotion(ctx, { actor: chair, motionId });
    expect(motion.status).toBe('carried');
    expect(motion.debate!.substantive.clauses[0]!.sentence).toBe(
      'notes that rents rose by twelve per cent',
    );
  });

  it('cancels a meeting that has not opened; the calendar shows it cancelled', async () => {
    const ctx = movableContext(database());
    const story = await northfield(ctx);
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      title: 'Special meeting',
      startsAt: '2026-07-20T18:00:00Z',
      giveNotice: true,
    });
    await cancelMeeting(ctx, { actor: story.admin, meetingId });
    const ics = await meetingCalendar(ctx, { actor: story.admin, meetingId });
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('SEQUENCE:1');
    await expect(openMeeting(ctx, { actor: story.admin, meetingId })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await expect(cancelMeeting(ctx, { actor: story.admin, meetingId })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });
});
