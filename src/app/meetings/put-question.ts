import { DomainError } from '../../domain/errors.ts';
import { describeAmendment } from '../../domain/meetings/amendments.ts';
import { nextQuestion, pendingAmendments } from '../../domain/meetings/debate.ts';
import { needsSecretBallot } from '../../domain/meetings/motion.ts';
import type { RoomVoteMode, VoteMode } from '../../domain/meetings/votes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findQuestionPut, insertQuestion, type MotionRow } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import {
  advanceAmendment,
  advanceMotion,
  auditMeeting,
  loadDebate,
  motionStateOf,
  recordEvent,
  type MeetingScope,
} from './meeting-support.ts';
import { assertStepOffered } from './meeting-facts.ts';
import { stepOnMotion } from './meeting-step.ts';
import { newId } from '../common/secrets.ts';

export const VOTE_MODES = ['show-of-hands', 'roll-call', 'card'] as const;

/**
 * Puts the question before the meeting on this motion: the amendment to be taken now, or, with
 * none pending, the motion as amended (debate.ts `nextQuestion`). The quorum is checked
 * first (QUORUM_NOT_MET); an unseconded question is refused (NOT_SECONDED), a second put too
 * (QUESTION_ALREADY_PUT). A motion of no confidence or discipline whose kind the standing orders
 * list in `secretQuestions` is never put in the room (SECRET_BALLOT_REQUIRED): it goes to a
 * secret ballot of those present (put-to-secret-ballot.ts). Amendments are voted on in the room.
 * Used by the chair, and by a carried closure.
 */
export async function putQuestionIn(
  trx: Db,
  ctx: AppContext,
  scope: MeetingScope,
  motion: MotionRow,
  mode: VoteMode,
  actor: Actor | null,
  ballotId: string | null = null,
) {
  if (await findQuestionPut(trx, scope.meeting.id)) {
    throw new DomainError(
      'QUESTION_ALREADY_PUT',
      'A question has been put and its vote is still to be recorded.',
    );
  }
  const state = motionStateOf(motion);
  const loaded = await loadDebate(trx, motion, scope.rules);
  const { debate, rows } = loaded;
  const question = nextQuestion(debate);
  if (mode === 'secret-ballot' && question.kind !== 'motion') {
    throw new DomainError(
      'AMENDMENT_PENDING',
      'An amendment is before the meeting: amendments are voted on in the room, and only the question on the motion goes to a secret ballot.',
    );
  }
  if (
    question.kind === 'motion' &&
    mode !== 'secret-ballot' &&
    needsSecretBallot(motion.secret_kind, scope.rules)
  ) {
    throw new DomainError(
      'SECRET_BALLOT_REQUIRED',
      `The standing orders require a question of ${motion.secret_kind} to be decided by secret ballot, not in the room. Put it to a secret ballot of those present.`,
    );
  }
  const id = newId();
  let ref: string;
  let wording: string;
  if (question.kind === 'amendment' && state.status !== 'question-put') {
    await advanceAmendment(trx, scope, motion, loaded, question.amendmentId, {
      type: 'put-question',
    });
    ref = question.amendmentId;
    const row = rows.find((r) => r.id === ref);
    wording = row?.description ?? describeAmendment(question.change, debate.motion);
  } else {
    const pending = pendingAmendments(debate).length;
    await advanceMotion(trx, scope, motion, { type: 'put-question' }, pending);
    ref = motion.id;
    wording = motion.title;
  }
  await insertQuestion(trx, {
    id,
    meeting_id: scope.meeting.id,
    motion_id: motion.id,
    amendment_id: ref === motion.id ? null : ref,
    procedural: null,
    wording,
    mode,
    status: 'put',
    present: scope.presentIds.length,
    members: scope.members.length,
    counts: null,
    record: null,
    result: null,
    declared: null,
    put_at: scope.at,
    declared_at: null,
    ballot_id: ballotId,
    result_hash: null,
  });
  await recordEvent(trx, scope, {
    type: 'question-put',
    ref,
    vote: mode,
    ...(ref === motion.id && question.kind === 'motion' && question.substantive
      ? { substantive: true }
      : {}),
  });
  await auditMeeting(
    trx,
    ctx,
    scope,
    actor,
    'question.put',
    { questionId: id, motionId: motion.id, amendmentId: ref === motion.id ? null : ref, mode },
    `motion:${motion.id}`,
  );
  return {
    questionId: id,
    on: ref === motion.id ? ('motion' as const) : ('amendment' as const),
    wording,
  };
}

/** The chair puts the question before the meeting on this motion (see putQuestionIn). */
export function putQuestion(
  ctx: AppContext,
  props: { actor: Actor | null; motionId: string; mode: RoomVoteMode },
) {
  return stepOnMotion(
    ctx,
    { actor: props.actor, motionId: props.motionId, may: 'body.runMeetings' },
    async (trx, scope, motion) => {
      await assertStepOffered(trx, ctx, scope, {
        type: 'motion',
        motionId: motion.id,
        event: 'put-question',
      });
      return putQuestionIn(trx, ctx, scope, motion, props.mode, props.actor);
    },
    (put) => ({ type: 'question', data: { questionId: put.questionId } }),
  );
}
