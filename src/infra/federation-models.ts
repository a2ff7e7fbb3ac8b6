import type { Federation, InboxContext } from '@fedify/fedify';
import { Document, Note, Source, type Add, type Create } from '@fedify/vocab';
import { DomainError } from '../domain/errors.ts';
import type { AppContext } from '../app/common/context.ts';
import type { OfferedResolution } from '../app/federation/activities.ts';
import { offeredResolutionOf } from '../app/federation/offer-resolution.ts';
import { receiveAdoption, receiveAdoptionAdded } from '../app/federation/receive-adoption.ts';
import { receiveOffer } from '../app/federation/receive-offer.ts';
import { findActorBody, listModelAdoptions } from '../db/queries/federation.ts';
import { findPublicationSettings, findResolution } from '../db/queries/resolutions.ts';
import { documentOf } from './federation-activities.ts';
import { checkedActor, type FederationSettings } from './federation.ts';

/**
 * Model motions between Seconded servers (docs/model-motions.md, FEP-400e). A body's model is a
 * `Document` at MODEL_PATH whose `replies` is its adoptions collection at ADOPTIONS_PATH, which
 * this server owns and serves. Its follower bodies on allowed peers are sent a `Create` of it;
 * one that adopts it and carries the motion sends back a `Create` of its resolution with
 * `target` that collection, which is recorded once and answered `Add`.
 */

export const MODEL_PATH = '/federation/bodies/{identifier}/models/{resolution}';
export const ADOPTIONS_PATH = '/federation/bodies/{identifier}/models/{resolution}/adoptions';

/** A published model of a body that makes its resolutions public, or null. */
async function publicModel(ctx: AppContext, bodyId: string, resolutionId: string) {
  const [body, resolution] = await Promise.all([
    findActorBody(ctx.db, bodyId),
    findResolution(ctx.db, resolutionId),
  ]);
  if (!body || resolution?.body_id !== bodyId || !resolution.model_published_at) return null;
  if ((await findPublicationSettings(ctx.db, bodyId))?.resolutions_private) return null;
  return { body, resolution };
}

export function setModelDispatchers(ctx: AppContext, federation: Federation<void>) {
  federation.setObjectDispatcher(Document, MODEL_PATH, async (fctx, values) => {
    const found = await publicModel(ctx, values.identifier, values.resolution);
    if (!found) return null;
    const { body, resolution } = found;
    const r = offeredResolutionOf(ctx, {
      resolution,
      organisationSlug: body.organisation_slug,
      clauseId: null,
      from: { body: body.name, organisation: body.organisation_name },
    });
    const id = fctx.getObjectUri(Document, values);
    return documentOf(
      fctx.getActorUri(body.id),
      { ...r, model: true },
      {
        id,
        url: new URL(`${r.url}/model`),
        replies: new URL(`${id.href}/adoptions`),
      },
    );
  });
  federation.setOrderedCollectionDispatcher(
    'adoptions',
    Document,
    ADOPTIONS_PATH,
    async (_fctx, values) => {
      if (!(await publicModel(ctx, values.identifier, values.resolution))) return null;
      const rows = await listModelAdoptions(ctx.db, values.resolution);
      return {
        items: rows.map(
          (a) =>
            new Document({
              id: new URL(a.object_id),
              name: a.title,
              attribution: new URL(a.actor_id),
              url: new URL(a.object_id),
            }),
        ),
      };
    },
  );
}

/** The resolution a Document carries as JSON in `source`, as a Seconded server sends it. */
export function carriedResolution(document: Document): OfferedResolution {
  const source = document.source;
  if (!(source instanceof Source) || source.mediaType !== 'application/json') {
    throw new DomainError('VALIDATION_FAILED', 'The resolution carries its clauses as JSON.');
  }
  return JSON.parse(String(source.content ?? 'null')) as OfferedResolution;
}

/**
 * A `Create` in a body's inbox: a model motion from a body it follows (no `target`), or an
 * adoption of one of its models (`target` its adoptions collection). Only from an allowed peer,
 * its id of its actor's origin, the Document too (FEP-fe34); a post (a `Note`) is not for a
 * body and is left alone.
 */
export async function onCreate(
  ctx: AppContext,
  settings: FederationSettings,
  ictx: InboxContext<void>,
  create: Create,
) {
  const actorId = checkedActor(settings, create);
  if (!ictx.recipient) throw new DomainError('NOT_FOUND', 'A Create goes to a body’s inbox.');
  const object = await create.getObject({ crossOrigin: 'throw' });
  if (object instanceof Note) return;
  if (!(object instanceof Document) || object.id?.origin !== new URL(actorId).origin) {
    throw new DomainError('VALIDATION_FAILED', 'A Create carries a resolution (Document).');
  }
  const resolution = carriedResolution(object);
  if (create.targetId) {
    const target = ictx.parseUri(create.targetId);
    if (
      target?.type !== 'orderedCollection' ||
      target.name !== 'adoptions' ||
      target.values.identifier !== ictx.recipient
    ) {
      throw new DomainError('NOT_FOUND', 'An adoption is added to one of this body’s models.');
    }
    await receiveAdoption(ctx, {
      activityId: create.id!.href,
      actorId,
      bodyId: ictx.recipient,
      resolutionId: target.values.resolution!,
      modelIds: [...object.replyTargetIds, ...object.contextIds].map((u) => u.href),
      objectId: object.id.href,
      title: typeof resolution?.title === 'string' ? resolution.title : '',
      bodyName: typeof resolution?.from?.body === 'string' ? resolution.from.body : '',
    });
    return;
  }
  const adoptions = object.repliesId;
  if (resolution?.model !== true || adoptions?.origin !== object.id.origin) {
    throw new DomainError('VALIDATION_FAILED', 'A model motion names its adoptions collection.');
  }
  await receiveOffer(ctx, {
    activityId: create.id!.href,
    actorId,
    bodyId: ictx.recipient,
    resolution,
    model: { modelId: object.id.href, adoptions: adoptions.href },
  });
}

/**
 * An `Add` with a `target`: the model's server added our adoption to its collection. False when
 * the target is not a model's collection we adopted from (then it is an answer to an Offer).
 */
export async function onAdoptionAdded(ctx: AppContext, settings: FederationSettings, add: Add) {
  if (!add.targetId) return false;
  const actorId = checkedActor(settings, add);
  return receiveAdoptionAdded(ctx, { actorId, adoptions: add.targetId.href });
}
