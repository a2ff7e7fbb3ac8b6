import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findAgendaItemOfMotion } from '../../db/queries/meetings.ts';
import { signedIn } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { afterMotionDecided } from '../resolutions/publish-resolution.ts';
import {
  advanceMotion,
  auditMeeting,
  chairOrOwnStep,
  motionBeforeMeeting,
  motionStateOf,
  motionTextOf,
  nameOf,
  recordEvent,
} from './meeting-support.ts';
import { assertStepOffered } from './meeting-facts.ts';
import { stepOnMotion } from './meeting-step.ts';

/** The steps of a motion taken at the meeting, other than putting the question and the vote. */
export type MotionStep =
  | { readonly type: 'move'; readonly by?: string | undefined }
  | { readonly type: 'second'; readonly by?: string | undefined }
  | { readonly type: 'fall' }
  | { readonly type: 'open-debate' }
  | { readonly type: 'withdraw'; readonly consent: boolean }
  | { readonly type: 'next-business' }
  | { readonly type: 'refer'; readonly to: string }
  | { readonly type: 'remit'; readonly to: string; readonly moverConsents: boolean };

export const MOTION_STEPS = [
  'move',
  'second',
  'fall',
  'open-debate',
  'withdraw',
  'next-business',
  'refer',
  'remit',
] as const;

/** The steps on the motion before the meeting that the console offers (next-steps.ts). */
const CONSOLE_STEPS: ReadonlySet<string> = new Set([
  'second',
  'open-debate',
  'withdraw',
  'fall',
  'remit',
]);

/**
 * Takes one step of a motion's lifecycle at an open meeting, through motion.ts `transition`, so
 * an illegal step is refused with the domain's code (ILLEGAL_TRANSITION, NOT_PRESENT,
 * SECONDER_IS_PROPOSER, WITHDRAWAL_NEEDS_CONSENT, ...). The chair (secretary, admin) records
 * any step; a member may record only their own moving or seconding.
 */
export async function takeMotionStep(
  ctx: AppContext,
  props: { actor: Actor | null; motionId: string; step: MotionStep },
) {
  const actor = signedIn(props.actor);
  const { step } = props;
  const status = await stepOnMotion(
    ctx,
    { actor, motionId: props.motionId, may: 'body.participate' },
    async (trx, scope, motion) => {
      const state = motionStateOf(motion);
      // The steps the console offers are the only ones taken (next-steps.ts); next business and
      // reference, carried procedural motions, are the domain's alone.
      if ((step.type === 'move' || step.type === 'fall') && state.status === 'on-agenda') {
        await assertStepOffered(trx, ctx, scope, {
          type: 'take-up',
          motionId: motion.id,
          event: step.type,
        });
      } else if (CONSOLE_STEPS.has(step.type) && state.status !== 'on-agenda') {
        await assertStepOffered(trx, ctx, scope, {
          type: 'motion',
          motionId: motion.id,
          event: step.type as 'second',
        });
      }
      let by: string | undefined;
      if (step.type === 'move') by = step.by ?? state.proposerId;
      if (step.type === 'second') by = step.by ?? state.seconderId ?? actor.personId;
      const event = await chairOrOwnStep(trx, scope, actor, step, by);
      if (step.type === 'move') {
        const current = await motionBeforeMeeting(trx, scope.meeting.id);
        if (current && current.id !== motion.id) {
          throw new DomainError(
            'ILLEGAL_TRANSITION',
            `Another motion (“${current.title}”) is before the meeting; it is settled first.`,
          );
        }
      }
      const next = await advanceMotion(trx, scope, motion, event);
      if (step.type === 'refer' || step.type === 'remit') {
        // A motion made from communications that is referred: each sender is told so.
        await afterMotionDecided(trx, ctx, {
          motion,
          status: next.status,
          text: motionTextOf(motion),
          result: null,
          declared: `${next.status} to ${step.to}`,
          actorPersonId: actor.personId,
          at: scope.at,
        });
      }

      if (step.type === 'move') {
        const item = await findAgendaItemOfMotion(trx, motion.id);
        if (item) await recordEvent(trx, scope, { type: 'agenda-item', title: item.title });
        await recordEvent(trx, scope, {
          type: 'motion-moved',
          ref: motion.id,
          title: motion.title,
          proposer: nameOf(scope, state.proposerId),
          ...(by !== state.proposerId ? { mover: nameOf(scope, by) } : {}),
        });
      } else if (step.type === 'second') {
        await recordEvent(trx, scope, {
          type: 'motion-seconded',
          ref: motion.id,
          seconder: nameOf(scope, by),
        });
      } else if (step.type !== 'open-debate') {
        await recordEvent(trx, scope, {
          type: 'closed-without-vote',
          ref: motion.id,
          status:
            step.type === 'fall'
              ? 'fell'
              : step.type === 'withdraw'
                ? 'withdrawn'
                : step.type === 'refer'
                  ? 'referred'
                  : step.type === 'remit'
                    ? 'remitted'
                    : 'next-business',
          ...('to' in step ? { to: step.to } : {}),
        });
      }
      await auditMeeting(
        trx,
        ctx,
        scope,
        actor,
        `motion.${step.type}`,
        { motionId: motion.id, from: state.status, to: next.status, ...(by ? { by } : {}) },
        `motion:${motion.id}`,
      );
      return next.status;
    },
    (status) => ({ type: 'motion', data: { motionId: props.motionId, status } }),
  );
  mailQueued(ctx);
  return { status };
}
