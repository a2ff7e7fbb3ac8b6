import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext } from '../../../test/factories.ts';
import { amendmentSeconded, camdenInSession } from '../../../test/meeting-in-session.ts';
import { inClause } from '../../../test/motion-texts.ts';
import type { Step } from '../../domain/meetings/next-steps.ts';
import { takeAmendmentStep } from './amendment-step.ts';
import { moveAmendment } from './move-amendment.ts';
import { openMeeting } from './open-meeting.ts';
import { putQuestion } from './put-question.ts';
import { putToSecretBallot } from './put-to-secret-ballot.ts';
import { putToVerifiableBallot } from './put-to-verifiable-ballot.ts';
import { signOutOfMeeting } from './sign-out-of-meeting.ts';
import { viewMeeting } from './view-meeting.ts';

/**
 * Issue 15: the console offers only the steps the rules allow (domain/meetings/next-steps.ts), and
 * the use cases behind its buttons refuse what it does not offer. For each of the steps the
 * console once showed without asking the domain (open, move an amendment, second or withdraw one,
 * put the question to a ballot), a meeting where it is not offered, and the use case refusing it.
 */
const MOTION = {
  title: 'Open the books',
  clauses: [
    { kind: 'notes' as const, text: 'that the accounts are not published' },
    { kind: 'resolves' as const, text: 'to publish the accounts every quarter' },
  ],
};

async function inSession(ctx: ReturnType<typeof movableContext>) {
  const meeting = await camdenInSession(ctx, { preset: 'citrine', motion: MOTION });
  const offered = async (test: (s: Step) => boolean) =>
    (await viewMeeting(ctx, { actor: meeting.chair, meetingId: meeting.meetingId })).steps.some(
      test,
    );
  const clauseIds = meeting.text.clauses.map((c) => c.id);
  return { ...meeting, offered, clauseIds };
}

describeEachDatabase('the console’s steps and the use cases behind them', (database) => {
  it('offers no "open" for a meeting in session, and opening it again is refused', async () => {
    const ctx = movableContext(database());
    const { chair, meetingId, offered } = await inSession(ctx);
    expect(await offered((s) => s.type === 'open')).toBe(false);
    await expect(openMeeting(ctx, { actor: chair, meetingId })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('offers no amendment while a question is put, and moving one is refused', async () => {
    const ctx = movableContext(database());
    const { chair, motionId, ids, offered, clauseIds } = await inSession(ctx);
    expect(await offered((s) => s.type === 'amend')).toBe(true);
    await putQuestion(ctx, { actor: chair, motionId, mode: 'show-of-hands' });
    expect(await offered((s) => s.type === 'amend')).toBe(false);
    await expect(
      moveAmendment(ctx, {
        actor: chair,
        motionId,
        by: ids[2]!,
        change: inClause(clauseIds[1]!).replace('every quarter', 'every month'),
      }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('offers no withdrawal of an amendment whose question is put, and withdrawing it is refused', async () => {
    const ctx = movableContext(database());
    const { chair, motionId, ids, offered, clauseIds } = await inSession(ctx);
    const { amendmentId } = await amendmentSeconded(ctx, {
      actor: chair,
      motionId,
      by: ids[2]!,
      secondedBy: ids[3]!,
      change: inClause(clauseIds[1]!).replace('every quarter', 'every month'),
    });
    const withdraw = (s: Step) => s.type === 'amendment' && s.event === 'withdraw';
    expect(await offered(withdraw)).toBe(true);
    await putQuestion(ctx, { actor: chair, motionId, mode: 'show-of-hands' });
    expect(await offered(withdraw)).toBe(false);
    await expect(
      takeAmendmentStep(ctx, {
        actor: chair,
        amendmentId,
        step: { type: 'withdraw', consent: true },
      }),
    ).rejects.toMatchObject({ code: 'QUESTION_ALREADY_PUT' });
  });

  it('offers no ballot when the meeting is not quorate, and putting the question to one is refused', async () => {
    const ctx = movableContext(database());
    const { chair, meetingId, motionId, ids, offered } = await inSession(ctx);
    const putQuestionStep = (s: Step) => s.type === 'motion' && s.event === 'put-question';
    expect(await offered(putQuestionStep)).toBe(true);
    // Eight of the ten leave: two are present, the quorum is three.
    for (const personId of ids.slice(2, 10))
      await signOutOfMeeting(ctx, { actor: chair, meetingId, personId });
    expect(await offered(putQuestionStep)).toBe(false);
    await expect(putToSecretBallot(ctx, { actor: chair, motionId })).rejects.toMatchObject({
      code: 'QUORUM_NOT_MET',
    });
    await expect(
      putToVerifiableBallot(ctx, { actor: chair, motionId, trustees: [ids[0]!, ids[1]!] }),
    ).rejects.toMatchObject({ code: 'QUORUM_NOT_MET' });
  });
});
