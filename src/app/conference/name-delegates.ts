import {
  assertBeforeDeadline,
  assertDelegation,
  type DelegationMakeUp,
} from '../../domain/conference/delegation.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { saveMakeUp } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { actForDelegation, auditConference } from './conference-support.ts';

/**
 * The branch names its delegates, ranked substitutes and leader, within its entitlement, until
 * the deadline for changes of delegate. Every change is audited (who, and the new make-up).
 */
export async function nameDelegates(
  ctx: AppContext,
  props: { actor: Actor | null; delegationId: string; makeUp: DelegationMakeUp },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting, conference, delegation } = await actForDelegation(
      trx,
      props.actor,
      props.delegationId,
    );
    const at = isoNow(ctx);
    assertBeforeDeadline(at, conference.rules.delegatesCloseAt, 'changes of delegate');
    assertDelegation(props.makeUp, delegation.entitled);
    await saveMakeUp(trx, delegation.id, props.makeUp, at);
    await auditConference(trx, props.actor, meeting, 'conference.delegatesNamed', at, {
      delegationId: delegation.id,
      before: delegation.makeUp,
      after: props.makeUp,
    });
    return { delegationId: delegation.id };
  });
}
