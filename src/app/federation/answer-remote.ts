import { answerTypeOf } from '../../domain/federation/remote-body.ts';
import type { CommunicationStatus } from '../../domain/resolutions/communication.ts';
import type { Db } from '../../db/database.ts';
import { findLinkOfCommunication } from '../../db/queries/federation.ts';
import type { CommunicationRow } from '../../db/queries/resolutions.ts';
import type { AppContext } from '../common/context.ts';
import { queueActivity } from './offer-resolution.ts';

/**
 * When a communication received from another server takes a step, the answer goes back to the
 * sending body as an activity, queued in the same transaction as the step
 * (stepCommunication). A communication from this server, or a state with no answer, sends none.
 */
export async function answerRemoteSender(
  trx: Db,
  ctx: AppContext,
  props: { row: CommunicationRow; status: CommunicationStatus; note: string | null; at: string },
) {
  if (!ctx.federation || !props.row.to_body_id || !answerTypeOf(props.status)) return;
  const link = await findLinkOfCommunication(trx, props.row.id);
  if (link?.direction !== 'in') return;
  await queueActivity(trx, ctx, {
    senderBodyId: props.row.to_body_id,
    recipient: link.remote_actor,
    payload: { type: 'answer', offerId: link.offer_id, status: props.status, note: props.note },
    at: props.at,
  });
}
