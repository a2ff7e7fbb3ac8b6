import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { updateMotion } from '../../db/queries/meetings.ts';
import { isCurrentMember } from '../../db/queries/memberships.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import { auditMotion, loadMotionOfBody } from './meeting-support.ts';

/**
 * A member seconds a draft motion before it is submitted: they are named as its seconder when
 * the proposer sends it in (motion.ts `submit`). At the meeting, a motion is seconded by the
 * `second` step instead (take-motion-step.ts).
 */
export function secondMotion(ctx: AppContext, props: { actor: Actor | null; motionId: string }) {
  const actor = signedIn(props.actor, 'Sign in to second a motion.');
  return inTransaction(ctx, async (trx) => {
    const motion = await loadMotionOfBody(trx, actor, props.motionId);
    if (motion.status !== 'draft') {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Only a draft is seconded before the meeting; this one is ${motion.status} (state ${motion.status}, event second).`,
      );
    }
    if (!(await isCurrentMember(trx, motion.body_id, actor.personId, today(ctx)))) {
      throw new DomainError('NOT_A_MEMBER', 'Only a member of the body may second a motion.');
    }
    if (motion.proposer_person_id === actor.personId) {
      throw new DomainError(
        'SECONDER_IS_PROPOSER',
        'The seconder must be a different member from the proposer.',
      );
    }
    const at = isoNow(ctx);
    await updateMotion(trx, motion.id, { seconder_person_id: actor.personId, updated_at: at });
    await auditMotion(trx, motion, actor, 'motion.seconded', { beforeSubmission: true }, at);
  });
}
