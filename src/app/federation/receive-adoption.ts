import { DomainError, notFound } from '../../domain/errors.ts';
import {
  acknowledgeReceivedModel,
  findReceivedModelByCollection,
  insertModelAdoption,
  recordReceived,
} from '../../db/queries/federation.ts';
import { findResolution } from '../../db/queries/resolutions.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { adoptionsPath, modelPath } from './activities.ts';
import { queueActivity } from './offer-resolution.ts';

/** What the model's server is told: a body elsewhere carried a motion adopted from its model. */
export interface ReceivedAdoption {
  /** The `Create`'s id, acted on once, and its actor (the adopting body). */
  readonly activityId: string;
  readonly actorId: string;
  /** The inbox it came to (the model's body), and the model named by the `target` collection. */
  readonly bodyId: string;
  readonly resolutionId: string;
  /** What the Document names in `inReplyTo` and `context`: each must be that same model. */
  readonly modelIds: readonly string[];
  /** The adopting resolution: its id (public address) and title, its body's name, plain text. */
  readonly objectId: string;
  readonly title: string;
  readonly bodyName: string;
}

/** Text from elsewhere, kept as plain text within `max` characters. */
const plain = (text: string, max: number) => text.replace(/\s+/g, ' ').trim().slice(0, max);

/**
 * Records that a body on another server adopted one of our model motions (FEP-400e,
 * docs/model-motions.md): the `target` must be the adoptions collection of a model motion of the
 * body whose inbox it came to, and `inReplyTo` and `context` must name that model, not another.
 * Recorded once per activity id, in one transaction with the `Add` queued back and an audit
 * entry in the model's chain; a `Create` that comes again changes nothing ('duplicate').
 */
export async function receiveAdoption(
  ctx: AppContext,
  adoption: ReceivedAdoption,
): Promise<'recorded' | 'duplicate'> {
  const origin = ctx.federation!.origin;
  const modelId = `${origin}${modelPath(adoption.bodyId, adoption.resolutionId)}`;
  if (!adoption.modelIds.length || adoption.modelIds.some((id) => id !== modelId)) {
    throw new DomainError('VALIDATION_FAILED', 'An adoption names the model it adds itself to.');
  }
  if (new URL(adoption.objectId).origin !== new URL(adoption.actorId).origin) {
    throw new DomainError('FORBIDDEN', 'An adopting resolution must be of its actor’s origin.');
  }
  return inTransaction(ctx, async (trx) => {
    const model = await findResolution(trx, adoption.resolutionId);
    if (!model?.model_published_at || model.body_id !== adoption.bodyId) {
      throw notFound('That model motion');
    }
    const at = isoNow(ctx);
    if (
      !(await recordReceived(trx, {
        activity_id: adoption.activityId,
        actor_id: adoption.actorId,
        received_at: at,
      }))
    ) {
      return 'duplicate' as const;
    }
    const server = new URL(adoption.actorId).host;
    await insertModelAdoption(trx, {
      activity_id: adoption.activityId,
      resolution_id: model.id,
      actor_id: adoption.actorId,
      body_name: plain(adoption.bodyName, 150) || server,
      server,
      object_id: adoption.objectId,
      title: plain(adoption.title, 300),
      adopted_at: at,
    });
    await appendAudit(trx, {
      organisationId: model.organisation_id,
      actorPersonId: null,
      action: 'modelMotion.adoptedElsewhere',
      subject: `resolution:${model.id}`,
      data: {
        from: adoption.actorId,
        activity: adoption.activityId,
        resolution: adoption.objectId,
      },
      at,
    });
    await queueActivity(trx, ctx, {
      senderBodyId: model.body_id,
      recipient: adoption.actorId,
      payload: {
        type: 'adoption-added',
        objectId: adoption.objectId,
        createId: adoption.activityId,
        adoptions: `${origin}${adoptionsPath(model.body_id, model.id)}`,
      },
      at,
    });
    return 'recorded' as const;
  });
}

/**
 * The model's server answered `Add` to an adoption of ours: the received model is marked
 * acknowledged, when the `Add` comes from the actor that sent the model. False when no model
 * of ours has that collection (then the `Add` is not about an adoption).
 */
export async function receiveAdoptionAdded(
  ctx: AppContext,
  props: { actorId: string; adoptions: string },
): Promise<boolean> {
  return inTransaction(ctx, async (trx) => {
    const models = await findReceivedModelByCollection(trx, props.adoptions);
    if (!models.length) return false;
    const from = models.filter((m) => m.remote_actor === props.actorId);
    if (!from.length) throw new DomainError('FORBIDDEN', 'Only the model’s actor adds to it.');
    // Only an adoption sent (its motion carried) is added to the collection.
    for (const m of from.filter((m) => m.status === 'carried'))
      await acknowledgeReceivedModel(trx, m.communication_id, isoNow(ctx));
    return true;
  });
}
