import { presentForQuorumOf } from './meeting-support.ts';
import { handsInRoom, proxiesInRoom } from '../../domain/meetings/proxies.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { assertQuorum } from '../../domain/meetings/quorum.ts';
import {
  describeResult,
  type CastingVote,
  type VoteCounts,
} from '../../domain/meetings/thresholds.ts';
import type { BallotResult } from '../../domain/ballots/ballot.ts';
import {
  cardVote,
  decideRoomVote,
  rollCall,
  secretBallot,
  showOfHands,
  type Choice,
  type RoomVote,
} from '../../domain/meetings/votes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findBallot } from '../../db/queries/ballots.ts';
import { findQuestion, updateQuestion, type QuestionRow } from '../../db/queries/meetings.ts';
import { questionSealText, sealOf } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { afterMotionDecided } from '../resolutions/publish-resolution.ts';
import {
  advanceAmendment,
  advanceMotion,
  auditMeeting,
  loadDebate,
  loadMotionAt,
  recordEvent,
  type MeetingScope,
} from './meeting-support.ts';
import { stepAtMeeting } from './meeting-step.ts';

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
 * result (a carried amendment becomes part of the substantive motion). A question put to a
 * secret ballot is declared when its ballot closes (close-ballot.ts); here only when the votes
 * were equal and the chair is to give, or decline, a casting vote (`{ mode: 'secret-ballot' }`).
 */
export async function recordVote(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    questionId: string;
    vote: VoteTaken | { readonly mode: 'secret-ballot' };
    castingVote?: CastingVote | null | undefined;
  },
) {
  const found = await findQuestion(ctx.db, props.questionId);
  if (!found) throw notFound('That question');
  const result = await stepAtMeeting(
    ctx,
    { actor: props.actor, meetingId: found.meeting_id, may: 'body.runMeetings' },
    async (trx, scope) => {
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
      if (props.vote.mode === 'secret-ballot') {
        const ballot = question.ballot_id ? await findBallot(trx, question.ballot_id) : undefined;
        if (!ballot?.result) {
          throw new DomainError(
            'CONFLICT',
            'The secret ballot on this question is still open: close it, and the result is declared.',
          );
        }
        return declareIn(trx, ctx, scope, question, {
          vote: secretBallot(countsOfBallot(ballot.result), question.present ?? 0),
          members: question.members ?? scope.members.length,
          castingVote: props.castingVote ?? null,
          actor: props.actor,
        });
      }
      assertQuorum(presentForQuorumOf(scope), scope.members.length, scope.rules);
      // A show of hands may count a hand for each proxy held by a member present (proxies.ts).
      const present = handsInRoom(scope.presentIds, scope.proxies, scope.rules);
      const weightOf = new Map(scope.members.map((m) => [m.person_id, m.vote_weight ?? 1]));
      // By name, a member present answers for each member away whose proxy they hold.
      const proxies = proxiesInRoom(scope.presentIds, scope.proxies, scope.rules);
      const vote: RoomVote =
        props.vote.mode === 'show-of-hands'
          ? showOfHands(props.vote.counts, present)
          : props.vote.mode === 'roll-call'
            ? rollCall(props.vote.answers, scope.presentIds, proxies)
            : cardVote(props.vote.votes, [
                ...scope.presentIds.map((personId) => ({
                  personId,
                  weight: weightOf.get(personId) ?? 1,
                })),
                ...proxies.map((p) => ({
                  personId: p.giverId,
                  weight: weightOf.get(p.giverId) ?? 1,
                  heldBy: p.holderId,
                })),
              ]);
      const members =
        vote.mode === 'card'
          ? [...weightOf.values()].reduce((a, b) => a + b, 0)
          : scope.members.length;
      return declareIn(trx, ctx, scope, question, {
        vote,
        members,
        castingVote: props.castingVote ?? null,
        actor: props.actor,
      });
    },
    ({ declared }) => ({ type: 'declared', data: { questionId: props.questionId, declared } }),
  );
  mailQueued(ctx);
  return result;
}

/** The for, against and abstain of a closed yes/no ballot. */
export function countsOfBallot(result: BallotResult): VoteCounts {
  if (result.kind !== 'yes-no') throw new Error('A question is put to a yes/no ballot.');
  return { for: result.for, against: result.against, abstain: result.abstain };
}

/**
 * Declares the result of the question put, in the caller's transaction, from the vote taken:
 * decided by the standing orders, recorded on the question, the motion or amendment, the
 * meeting's record (for the minutes) and the audit chain, exactly alike for a vote in the room
 * and a secret ballot.
 */
export async function declareIn(
  trx: Db,
  ctx: AppContext,
  scope: MeetingScope,
  question: QuestionRow,
  props: {
    vote: RoomVote;
    /** M: members of the body (for a card vote, the total weight of all cards). */
    members: number;
    castingVote: CastingVote | null;
    actor: Actor | null;
  },
) {
  const { vote, members } = props;
  if (!question.motion_id) throw notFound('That question');
  const decided = decideRoomVote(vote, {
    rules: scope.rules,
    members,
    castingVote: props.castingVote,
  });
  const motion = await loadMotionAt(trx, ctx, scope, question.motion_id);
  let resolution;
  if (question.amendment_id) {
    const debate = await loadDebate(trx, motion, scope.rules);
    await advanceAmendment(trx, scope, motion, debate, question.amendment_id, {
      type: 'declare',
      result: decided,
    });
  } else {
    const next = await advanceMotion(trx, scope, motion, { type: 'declare', result: decided });
    const { debate } = await loadDebate(trx, motion, scope.rules);
    if (decided.outcome === 'carried') resolution = debate.motion;
    // Publishes a carried motion and records the outcome on the communications it answers.
    await afterMotionDecided(trx, ctx, {
      motion,
      status: next.status,
      text: debate.motion,
      result: decided,
      declared: describeResult(decided),
      actorPersonId: props.actor?.personId ?? null,
      at: scope.at,
    });
  }
  const declared = describeResult(decided);
  const published = {
    counts: JSON.stringify(vote.counts),
    record: vote.record.length ? JSON.stringify(vote.record) : null,
    result: JSON.stringify(decided),
    declared,
  };
  await updateQuestion(trx, question.id, {
    status: 'declared',
    present: vote.present,
    members,
    ...published,
    declared_at: scope.at,
  });
  const ref = question.amendment_id ?? motion.id;
  await recordEvent(trx, scope, {
    type: 'result',
    ref,
    result: decided,
    ...(resolution ? { resolution } : {}),
  });
  const sealed = await auditMeeting(
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
      seal: sealOf('question', question.id, questionSealText(published)),
    },
    `motion:${motion.id}`,
  );
  await updateQuestion(trx, question.id, { result_hash: sealed.hash });
  return { outcome: decided.outcome, declared, result: decided };
}
