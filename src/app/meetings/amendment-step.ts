import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { findAmendment } from '../../db/queries/meetings.ts';
import { signedIn } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import {
  advanceAmendment,
  auditMeeting,
  chairOrOwnStep,
  loadDebate,
  nameOf,
  recordEvent,
} from './meeting-support.ts';
import { stepOnMotion } from './meeting-step.ts';
import { assertStepOffered } from './meeting-facts.ts';

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
  const actor = signedIn(props.actor);
  const { step, amendmentId } = props;
  const motionId = await motionIdOfAmendment(ctx.db, amendmentId);
  const status = await stepOnMotion(
    ctx,
    { actor, motionId, may: 'body.participate' },
    async (trx, scope, motion) => {
      const by = step.type === 'second' ? (step.by ?? actor.personId) : undefined;
      const event = await chairOrOwnStep(trx, scope, actor, step, by);
      if (step.type === 'second' || step.type === 'withdraw') {
        // As the console offers it (next-steps.ts): not while a question is put.
        await assertStepOffered(trx, ctx, scope, {
          type: 'amendment',
          amendmentId,
          event: step.type,
        });
      }
      const debate = await loadDebate(trx, motion, scope.rules);
      const after = await advanceAmendment(trx, scope, motion, debate, amendmentId, event);
      const next = after.amendments.find((a) => a.id === amendmentId)!.state;
      if (step.type === 'second') {
        await recordEvent(trx, scope, {
          type: 'amendment-seconded',
          ref: amendmentId,
          seconder: nameOf(scope, by),
        });
      } else {
        await recordEvent(trx, scope, {
          type: 'closed-without-vote',
          ref: amendmentId,
          status: step.type === 'fall' ? 'fell' : 'withdrawn',
        });
      }
      await auditMeeting(
        trx,
        ctx,
        scope,
        actor,
        `amendment.${step.type}`,
        { motionId, amendmentId: amendmentId, to: next.status, ...(by ? { by } : {}) },
        `motion:${motionId}`,
      );
      return next.status;
    },
    (status) => ({ type: 'amendment', data: { amendmentId, status } }),
  );
  return { status };
}
