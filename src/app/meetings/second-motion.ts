import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { lockMotion, updateMotion } from '../../db/queries/meetings.ts';
import { isCurrentMember } from '../../db/queries/memberships.ts';
import { authorise } from '../shared/actor.ts';
import { appendAudit } from '../shared/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../shared/context.ts';

/**
 * A member seconds a draft motion before it is submitted: they are named as its seconder when
 * the proposer sends it in (motion.ts `submit`). At the meeting, a motion is seconded by the
 * `second` step instead (take-motion-step.ts).
 */
export function secondMotion(ctx: AppContext, props: { actor: Actor | null; motionId: string }) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to second a motion.');
  const actor = props.actor;
  return inTransaction(ctx, async (trx) => {
    const motion = await lockMotion(trx, props.motionId);
    if (!motion) throw notFound('That motion');
    await authorise(trx, actor, 'body.participate', motion.body_id, 'That motion');
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
    await appendAudit(trx, {
      organisationId: motion.organisation_id,
      actorPersonId: actor.personId,
      action: 'motion.seconded',
      subject: `motion:${motion.id}`,
      data: { beforeSubmission: true },
      at,
    });
  });
}
