import { recordCommunicationState } from '../resolutions/communication-support.ts';
import { DomainError } from '../../domain/errors.ts';
import { withdrawCommunication } from '../../domain/resolutions/communication.ts';
import { findLinkOfOffer, recordReceived } from '../../db/queries/federation.ts';
import { lockCommunication } from '../../db/queries/resolutions.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { communicationStateOf } from '../resolutions/communication-support.ts';

/** What the receiving server is told: the `Undo`'s id, its actor, and the Offer it undoes. */
export interface ReceivedWithdrawal {
  readonly activityId: string;
  readonly actorId: string;
  readonly offerId: string;
}

/**
 * A body elsewhere withdraws the resolution it offered to a body here (`Undo` of its Offer):
 * the communication in the inbox becomes "withdrawn", as when a body on this server withdraws
 * one (withdraw-communication.ts). Only the actor that made the Offer may undo it (FORBIDDEN);
 * one already decided here stays decided (ILLEGAL_TRANSITION); an Undo received before changes
 * nothing ('duplicate'). Audited in the receiving organisation's chain.
 */
export async function receiveWithdrawal(
  ctx: AppContext,
  withdrawal: ReceivedWithdrawal,
): Promise<'withdrawn' | 'duplicate'> {
  return inTransaction(ctx, async (trx) => {
    const at = isoNow(ctx);
    const link = await findLinkOfOffer(trx, withdrawal.offerId);
    if (link?.direction !== 'in') {
      throw new DomainError('NOT_FOUND', 'No resolution was received by that Offer.');
    }
    if (link.remote_actor !== withdrawal.actorId) {
      throw new DomainError('FORBIDDEN', 'Only the body that offered it may withdraw it.');
    }
    if (
      !(await recordReceived(trx, {
        activity_id: withdrawal.activityId,
        actor_id: withdrawal.actorId,
        received_at: at,
      }))
    ) {
      return 'duplicate' as const;
    }
    const row = (await lockCommunication(trx, link.communication_id))!;
    const next = withdrawCommunication(communicationStateOf(row));
    await recordCommunicationState(trx, row, next, { at, actorPersonId: null });
    await appendAudit(trx, {
      organisationId: row.to_organisation_id!,
      actorPersonId: null,
      action: 'communication.withdraw',
      subject: `communication:${row.id}`,
      data: { from: withdrawal.actorId, offer: withdrawal.offerId, status: next.status },
      at,
    });
    return 'withdrawn' as const;
  });
}
