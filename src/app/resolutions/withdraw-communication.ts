import { recordCommunicationState } from './communication-support.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { withdrawCommunication as withdrawn } from '../../domain/resolutions/communication.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findLinkOfCommunication } from '../../db/queries/federation.ts';
import { findResolution, lockCommunication } from '../../db/queries/resolutions.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { queueActivity } from '../federation/offer-resolution.ts';
import { communicationStateOf } from './communication-support.ts';

/**
 * The sending body's secretary (or an administrator) withdraws its resolution from a body it
 * called on, before that body decided it (ILLEGAL_TRANSITION after: ruled out, or an outcome
 * recorded). One state for both ends: the sender's page and the receiving inbox both read
 * "withdrawn", and nothing more can happen to it. A body on this server sees it at once (the
 * communication is the same row); a body on another server is sent an `Undo` of the Offer,
 * queued in this transaction like every activity (federation_outbox), and its server records
 * the same state (receive-withdrawal.ts). Audited in the sending organisation's chain.
 */
export async function withdrawResolution(
  ctx: AppContext,
  props: { actor: Actor | null; resolutionId: string; communicationId: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  return inTransaction(ctx, async (trx) => {
    const row = await lockCommunication(trx, props.communicationId);
    const resolution = row && (await findResolution(trx, row.resolution_id));
    if (!row || !resolution || resolution.id !== props.resolutionId) {
      throw notFound('That communication');
    }
    await authorise(
      trx,
      actor,
      'body.answerCommunications',
      resolution.body_id,
      'That communication',
    );
    const link = await findLinkOfCommunication(trx, row.id);
    if (link?.direction === 'in') {
      // Received from elsewhere: only its sender, on its own server, may withdraw it.
      throw new DomainError('FORBIDDEN', 'Only the body that sent it may withdraw it.');
    }
    const next = withdrawn(communicationStateOf(row));
    const at = isoNow(ctx);
    await recordCommunicationState(trx, row, next, { at, actorPersonId: actor.personId });
    await appendAudit(trx, {
      organisationId: resolution.organisation_id,
      actorPersonId: actor.personId,
      action: 'communication.withdraw',
      subject: `communication:${row.id}`,
      data: { resolutionId: resolution.id, toBodyId: row.to_body_id, status: next.status },
      at,
    });
    if (link?.direction === 'out' && ctx.federation) {
      await queueActivity(trx, ctx, {
        senderBodyId: resolution.body_id,
        recipient: link.remote_actor,
        payload: { type: 'withdraw', offerId: link.offer_id },
        at,
      });
    }
    return { status: next.status };
  });
}
