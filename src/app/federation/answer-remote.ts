import { answerTypeOf } from '../../domain/federation/remote-body.ts';
import type { CommunicationStatus } from '../../domain/resolutions/communication.ts';
import type { Db } from '../../db/database.ts';
import { findLinkOfCommunication, findReceivedModel } from '../../db/queries/federation.ts';
import { findBody, findOrganisation } from '../../db/queries/organisations.ts';
import { findResolutionOfMotion, type CommunicationRow } from '../../db/queries/resolutions.ts';
import type { AppContext } from '../common/context.ts';
import { offeredResolutionOf, queueActivity } from './offer-resolution.ts';

/**
 * When a communication received from another server takes a step, the answer goes back to the
 * sending body as an activity, queued in the same transaction as the step
 * (stepCommunication). A communication from this server, or a state with no answer, sends none.
 * A model motion from elsewhere is not answered step by step: once the motion adopted from it
 * is carried, the adoption goes back to the model (sendAdoption).
 */
export async function answerRemoteSender(
  trx: Db,
  ctx: AppContext,
  props: { row: CommunicationRow; status: CommunicationStatus; note: string | null; at: string },
) {
  if (!ctx.federation || !props.row.to_body_id) return;
  const link = await findLinkOfCommunication(trx, props.row.id);
  if (link?.direction !== 'in') return;
  if (props.row.kind === 'model-motion') {
    if (props.status === 'carried') await sendAdoption(trx, ctx, { ...props, link });
    return;
  }
  if (!answerTypeOf(props.status)) return;
  await queueActivity(trx, ctx, {
    senderBodyId: props.row.to_body_id,
    recipient: link.remote_actor,
    payload: { type: 'answer', offerId: link.offer_id, status: props.status, note: props.note },
    at: props.at,
  });
}

/**
 * A body here carried the motion it adopted from a model elsewhere: its resolution goes to the
 * model's server as a `Create` whose `target` is the model's adoptions collection (FEP-400e,
 * docs/model-motions.md), queued in the transaction that records the outcome, so it is sent
 * once, and only if the resolution stands.
 */
async function sendAdoption(
  trx: Db,
  ctx: AppContext,
  props: { row: CommunicationRow; link: { remote_actor: string }; at: string },
) {
  const { row } = props;
  const model = await findReceivedModel(trx, row.id);
  const resolution = row.motion_id ? await findResolutionOfMotion(trx, row.motion_id) : undefined;
  if (!model || !resolution) return;
  const [body, organisation] = await Promise.all([
    findBody(trx, resolution.body_id),
    findOrganisation(trx, resolution.organisation_id),
  ]);
  await queueActivity(trx, ctx, {
    senderBodyId: resolution.body_id,
    recipient: props.link.remote_actor,
    payload: {
      type: 'adoption',
      modelId: model.model_id,
      adoptions: model.adoptions,
      resolution: offeredResolutionOf(ctx, {
        resolution,
        organisationSlug: organisation?.slug ?? '',
        clauseId: null,
        from: { body: body?.name ?? '', organisation: organisation?.name ?? '' },
      }),
    },
    at: props.at,
  });
}
