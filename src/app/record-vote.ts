import { DomainError, notFound } from '../domain/errors.ts';
import { amendmentEvent } from '../domain/meetings/amendments.ts';
import { transition } from '../domain/meetings/motion.ts';
import { assertQuorum } from '../domain/meetings/quorum.ts';
import {
  describeResult,
  type CastingVote,
  type VoteCounts,
} from '../domain/meetings/thresholds.ts';
import {
  cardVote,
  decideRoomVote,
  rollCall,
  showOfHands,
  type Choice,
  type RoomVote,
} from '../domain/meetings/votes.ts';
import type { Actor } from '../domain/policy.ts';
import { findQuestion, updateQuestion } from '../db/queries/meetings.ts';
import { type AppContext, inTransaction } from './context.ts';
import {
  auditMeeting,
  loadDebate,
  loadMeeting,
  loadMotionAt,
  motionStateOf,
  publishMeeting,
  recordEvent,
  saveDebate,
  saveMotionState,
  transitionContext,
} from './meeting-support.ts';

/** The vote as the chair (or tellers) took it. */
export type VoteTaken =
  | { readonly mode: 'show-of-hands'; readonly counts: VoteCounts }
  | {
      readonly mode: 'roll-call';
      readonly answers: readonly { readonly personId: string; readonly choice: Choice }[];
    }
  | {
      readonly mode: 'card';
      readonly votes: readonly { readonly personId: string; readonly choice: Choice }[];
    };

/**
 * Records the vote on the question put and declares the result (secretary, chair, admin): the
 * quorum is checked again, the counts decided by the standing orders (votes.ts, thresholds.ts)
 * with the chair's casting vote where they give one, and the amendment or motion takes the
 * result (a carried amendment becomes part of the substantive motion).
 */
export async function recordVote(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    questionId: string;
    vote: VoteTaken;
    castingVote?: CastingVote | null | undefined;
  },
) {
  const found = await findQuestion(ctx.db, props.questionId);
  if (!found) throw notFound('That question');
  const result = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, props.actor, found.meeting_id, 'body.runMeetings');
    const question = await findQuestion(trx, props.questionId);
    if (!question || !question.motion_id) throw notFound('That question');
    if (question.status !== 'put') {
      throw new DomainError('QUESTION_ALREADY_PUT', 'The result of this question was declared.');
    }
    if (props.vote.mode !== question.mode) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `The question was put to a ${question.mode} vote, not a ${props.vote.mode}.`,
        [{ path: 'mode', message: `Use ${question.mode}.` }],
      );
    }
    const present = scope.presentIds.length;
    assertQuorum(present, scope.members.length, scope.rules);
    const weightOf = new Map(scope.members.map((m) => [m.person_id, m.vote_weight ?? 1]));
    const vote: RoomVote =
      props.vote.mode === 'show-of-hands'
        ? showOfHands(props.vote.counts, present)
        : props.vote.mode === 'roll-call'
          ? rollCall(props.vote.answers, scope.presentIds)
          : cardVote(
              props.vote.votes,
              scope.presentIds.map((personId) => ({
                personId,
                weight: weightOf.get(personId) ?? 1,
              })),
            );
    const members =
      vote.mode === 'card'
        ? [...weightOf.values()].reduce((a, b) => a + b, 0)
        : scope.members.length;
    const decided = decideRoomVote(vote, {
      rules: scope.rules,
      members,
      castingVote: props.castingVote ?? null,
    });
    const motion = await loadMotionAt(trx, ctx, scope, question.motion_id);
    let resolution;
    if (question.amendment_id) {
      const { debate, rows } = await loadDebate(trx, motion, scope.rules);
      const after = amendmentEvent(
        debate,
        question.amendment_id,
        { type: 'declare', result: decided },
        transitionContext(scope),
      );
      await saveDebate(trx, motion, rows, after, scope.at);
    } else {
      const next = transition(
        motionStateOf(motion),
        { type: 'declare', result: decided },
        transitionContext(scope),
      );
      await saveMotionState(trx, motion.id, next, scope.at);
      if (decided.outcome === 'carried') {
        const { debate } = await loadDebate(trx, motion, scope.rules);
        resolution = debate.motion;
      }
    }
    const declared = describeResult(decided);
    await updateQuestion(trx, question.id, {
      status: 'declared',
      present: vote.present,
      members,
      counts: JSON.stringify(vote.counts),
      record: vote.record.length ? JSON.stringify(vote.record) : null,
      result: JSON.stringify(decided),
      declared,
      declared_at: scope.at,
    });
    const ref = question.amendment_id ?? motion.id;
    await recordEvent(trx, scope, {
      type: 'result',
      ref,
      result: decided,
      ...(resolution ? { resolution } : {}),
    });
    await auditMeeting(
      trx,
      ctx,
      scope,
      props.actor,
      'question.declared',
      {
        questionId: question.id,
        motionId: motion.id,
        amendmentId: question.amendment_id,
        mode: vote.mode,
        counts: vote.counts,
        outcome: decided.outcome,
        declared,
      },
      `motion:${motion.id}`,
    );
    return { outcome: decided.outcome, declared, result: decided };
  });
  publishMeeting(ctx, found.meeting_id, 'declared', {
    questionId: props.questionId,
    declared: result.declared,
  });
  return result;
}
