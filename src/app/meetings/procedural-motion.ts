import { presentForQuorumOf } from './meeting-support.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  assertMayMoveProcedural,
  decideProcedural,
  type ProceduralKind,
} from '../../domain/meetings/procedural.ts';
import { assertQuorum } from '../../domain/meetings/quorum.ts';
import {
  describeResult,
  type CastingVote,
  type VoteCounts,
} from '../../domain/meetings/thresholds.ts';
import { showOfHands } from '../../domain/meetings/votes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findQuestionPut, insertQuestion, updateQuestion } from '../../db/queries/meetings.ts';
import { questionSealText, sealOf } from '../common/audit-log.ts';
import { closeIn } from './close-meeting.ts';
import type { AppContext } from '../common/context.ts';
import {
  advanceMotion,
  auditMeeting,
  motionBeforeMeeting,
  nameOf,
  participant,
  recordEvent,
} from './meeting-support.ts';
import { assertStepOffered } from './meeting-facts.ts';
import { stepAtMeeting } from './meeting-step.ts';
import { putQuestionIn } from './put-question.ts';
import { newId } from '../common/secrets.ts';

/**
 * A procedural motion (next business, closure, refer back, adjourn, suspend standing orders,
 * challenge to the chair), moved, seconded and decided at once by a show of hands the chair
 * enters: its own threshold (procedural.ts), the quorum checked first, and its effect applied
 * when carried: the motion before the meeting passed over or referred, the question put at
 * once, or the meeting adjourned (closed, with its minutes drafted).
 */
export function decideProceduralMotion(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    kind: ProceduralKind;
    moverId: string;
    seconderId?: string | undefined;
    counts: VoteCounts;
    castingVote?: CastingVote | null | undefined;
    /** Reference back: where the motion goes. */
    referTo?: string | undefined;
  },
) {
  const { actor, meetingId } = props;
  return stepAtMeeting(
    ctx,
    { actor, meetingId, may: 'body.runMeetings', inSession: true },
    async (trx, scope) => {
      if (await findQuestionPut(trx, scope.meeting.id)) {
        throw new DomainError(
          'QUESTION_ALREADY_PUT',
          'A question has been put; its vote is taken before anything else.',
        );
      }
      await assertStepOffered(trx, ctx, scope, { type: 'procedural', kind: props.kind });
      const current = await motionBeforeMeeting(trx, scope.meeting.id);
      const inDebate =
        !!current && (current.status === 'seconded' || current.status === 'in-debate');
      const rule = assertMayMoveProcedural(props.kind, {
        rules: scope.rules,
        questionBeforeMeeting: inDebate,
      });
      const mover = await participant(trx, scope, props.moverId);
      if (!mover.isMember || !mover.isPresent) {
        throw new DomainError('NOT_PRESENT', 'The mover must be a member present at the meeting.');
      }
      if (rule.needsSeconder) {
        if (!props.seconderId) {
          throw new DomainError('NOT_SECONDED', `“${rule.wording}” needs a seconder.`);
        }
        const seconder = await participant(trx, scope, props.seconderId);
        if (!seconder.isMember || !seconder.isPresent) {
          throw new DomainError(
            'NOT_PRESENT',
            'The seconder must be a member present at the meeting.',
          );
        }
        if (props.seconderId === props.moverId) {
          throw new DomainError('SECONDER_IS_PROPOSER', 'The mover cannot also second it.');
        }
      }
      const present = scope.presentIds.length;
      assertQuorum(presentForQuorumOf(scope), scope.members.length, scope.rules);
      const vote = showOfHands(props.counts, present);
      const decision = decideProcedural({
        kind: props.kind,
        counts: vote.counts,
        rules: scope.rules,
        present,
        members: scope.members.length,
        castingVote: props.castingVote ?? null,
        ...(props.referTo ? { referTo: props.referTo } : {}),
      });
      const declared = describeResult(decision.result);
      const published = {
        counts: JSON.stringify(vote.counts),
        record: null,
        result: JSON.stringify(decision.result),
        declared,
      };
      const proceduralId = newId();
      await insertQuestion(trx, {
        id: proceduralId,
        meeting_id: scope.meeting.id,
        motion_id: current?.id ?? null,
        amendment_id: null,
        procedural: props.kind,
        wording: rule.wording,
        mode: 'show-of-hands',
        status: 'declared',
        present,
        members: scope.members.length,
        ...published,
        put_at: scope.at,
        declared_at: scope.at,
        result_hash: null,
      });
      await recordEvent(trx, scope, {
        type: 'procedural',
        motion: rule.wording,
        kind: props.kind,
        mover: nameOf(scope, props.moverId),
        ...(props.seconderId ? { seconder: nameOf(scope, props.seconderId) } : {}),
        result: decision.result,
      });
      const sealed = await auditMeeting(trx, ctx, scope, props.actor, 'procedural.decided', {
        kind: props.kind,
        counts: vote.counts,
        outcome: decision.result.outcome,
        declared,
        effect: decision.effect.kind,
        seal: sealOf('question', proceduralId, questionSealText(published)),
      });
      await updateQuestion(trx, proceduralId, { result_hash: sealed.hash });
      const { effect } = decision;
      let questionId: string | null = null;
      if (effect.kind === 'motion-event' && current) {
        await advanceMotion(trx, scope, current, effect.event);
        await recordEvent(trx, scope, {
          type: 'closed-without-vote',
          ref: current.id,
          status: effect.event.type === 'refer' ? 'referred' : 'next-business',
          ...(effect.event.type === 'refer' ? { to: effect.event.to } : {}),
        });
      } else if (effect.kind === 'put-question' && current) {
        questionId = (await putQuestionIn(trx, ctx, scope, current, 'show-of-hands', props.actor))
          .questionId;
      } else if (effect.kind === 'adjourn-meeting') {
        await closeIn(trx, ctx, scope, props.actor);
      }
      return {
        outcome: decision.result.outcome,
        declared,
        effect: effect.kind,
        explanation: effect.explanation,
        questionId,
      };
    },
    (decided) => ({ type: 'procedural', data: { effect: decided.effect } }),
  );
}
