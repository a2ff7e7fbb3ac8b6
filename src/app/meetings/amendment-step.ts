import { DomainError, notFound } from '../../domain/errors.ts';
import { amendmentEvent } from '../../domain/meetings/debate.ts';
import type { MotionEvent } from '../../domain/meetings/motion.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findAmendment } from '../../db/queries/meetings.ts';
import { type AppContext, inTransaction } from '../shared/context.ts';
import {
  assertInSession,
  auditMeeting,
  loadDebate,
  loadMeeting,
  loadMotionAt,
  meetingIdOfMotion,
  nameOf,
  participant,
  publishMeeting,
  recordEvent,
  saveDebate,
  transitionContext,
} from './meeting-support.ts';

export type AmendmentStep =
  | { readonly type: 'second'; readonly by?: string | undefined }
  | { readonly type: 'withdraw'; readonly consent: boolean }
  | { readonly type: 'fall' };

async function motionIdOfAmendment(db: Db, amendmentId: string) {
  const row = await findAmendment(db, amendmentId);
  if (!row) throw notFound('That amendment');
  return row.motion_id;
}

/**
 * Seconds, withdraws (with the meeting's consent) or lets fall an amendment, through
 * debate.ts `amendmentEvent`. Amendments left impossible by it fall with it.
 */
export async function takeAmendmentStep(
  ctx: AppContext,
  props: { actor: Actor | null; amendmentId: string; step: AmendmentStep },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  const { step } = props;
  const motionId = await motionIdOfAmendment(ctx.db, props.amendmentId);
  const meetingId = await meetingIdOfMotion(ctx.db, motionId);
  const status = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, actor, meetingId, 'body.participate');
    assertInSession(scope);
    const by = step.type === 'second' ? (step.by ?? actor.personId) : undefined;
    if (!can(actor, 'body.runMeetings', scope.loaded.inTree) && by !== actor.personId) {
      throw new DomainError('FORBIDDEN', 'Only the chair records that step.');
    }
    const motion = await loadMotionAt(trx, ctx, scope, motionId);
    const { debate, rows } = await loadDebate(trx, motion, scope.rules);
    const event: MotionEvent =
      step.type === 'second' ? { type: 'second', by: await participant(trx, scope, by!) } : step;
    const after = amendmentEvent(debate, props.amendmentId, event, transitionContext(scope));
    await saveDebate(trx, motion, rows, after, scope.at);
    const next = after.amendments.find((a) => a.id === props.amendmentId)!.state;
    if (step.type === 'second') {
      await recordEvent(trx, scope, {
        type: 'amendment-seconded',
        ref: props.amendmentId,
        seconder: nameOf(scope, by),
      });
    } else {
      await recordEvent(trx, scope, {
        type: 'closed-without-vote',
        ref: props.amendmentId,
        status: step.type === 'fall' ? 'fell' : 'withdrawn',
      });
    }
    await auditMeeting(
      trx,
      ctx,
      scope,
      actor,
      `amendment.${step.type}`,
      { motionId, amendmentId: props.amendmentId, to: next.status, ...(by ? { by } : {}) },
      `motion:${motionId}`,
    );
    return next.status;
  });
  publishMeeting(ctx, meetingId, 'amendment', { amendmentId: props.amendmentId, status });
  return { status };
}
