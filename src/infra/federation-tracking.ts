import type { Federation } from '@fedify/fedify';
import { Activity, OrderedCollection } from '@fedify/vocab';
import { DomainError } from '../domain/errors.ts';
import { isAllowedPeer } from '../domain/federation/remote-body.ts';
import { isSettled } from '../domain/resolutions/communication.ts';
import type { AppContext } from '../app/common/context.ts';
import type { OutgoingPayload } from '../app/federation/activities.ts';
import { receiveAnswer } from '../app/federation/receive-answer.ts';
import {
  findReceivedOffer,
  listActivitiesTo,
  listDeliveredOffers,
} from '../db/queries/federation.ts';
import { activityOf, answerTypeOfActivity } from './federation-activities.ts';
import { checkedActor, type FederationSettings } from './federation.ts';

/**
 * The tracking collection of an Offer, and the periodic pull that reads it (issue 19, "never
 * lost"). Answers are pushed as they are given, but a push can be lost for good (a peer that
 * took the request and failed before recording it, a proxy that ate it). So the receiving
 * server keeps, for each Offer it took, an `OrderedCollection` of every answer it queued back,
 * in order, at `<receiving actor>/offers/<offer id, base64url>`; the sending server fetches it
 * now and then for each of its Offers not yet settled, with a GET signed by the sending body's
 * key, and records each answer as if pushed (receiveAnswer): the same activity ids, so one
 * already recorded is a duplicate, and the same state machine, so they are applied in order.
 * Only the actor that made the Offer may read its collection (401 otherwise).
 */

export const TRACKING_PATH = '/federation/bodies/{identifier}/offers/{offer}';

/** Where the body an Offer went to keeps its answers, from its actor's URL. */
export const trackingUrl = (remoteActor: string, offerId: string) =>
  `${remoteActor}/offers/${Buffer.from(offerId).toString('base64url')}`;

const offerOf = (segment: string) => Buffer.from(segment, 'base64url').toString();

/** Serves each Offer's tracking collection to the actor that made it. */
export function setTrackingDispatcher(ctx: AppContext, federation: Federation<void>) {
  federation
    .setObjectDispatcher(OrderedCollection, TRACKING_PATH, async (fctx, values) => {
      const offerId = offerOf(values.offer);
      const received = await findReceivedOffer(ctx.db, offerId);
      if (received?.direction !== 'in' || received.to_body_id !== values.identifier) return null;
      const sender = new URL(received.remote_actor);
      const items = (await listActivitiesTo(ctx.db, values.identifier, received.remote_actor))
        .map((row) => ({ row, payload: JSON.parse(row.payload) as OutgoingPayload }))
        .filter(({ payload }) => payload.type === 'answer' && payload.offerId === offerId)
        .map(({ row, payload }) => activityOf(fctx, row, payload, sender));
      return new OrderedCollection({
        id: fctx.getObjectUri(OrderedCollection, values),
        totalItems: items.length,
        items,
      });
    })
    .authorize(async (fctx, values) => {
      const received = await findReceivedOffer(ctx.db, offerOf(values.offer));
      if (!received) return false;
      const owner = await fctx.getSignedKeyOwner();
      return owner?.id?.href === received.remote_actor;
    });
}

/**
 * Pulls the tracking collection of each Offer of ours that was delivered and is not settled
 * (nor withdrawn), and records the answers missed. A peer that cannot be reached now is tried
 * at the next round; returns how many answers were recorded.
 */
export async function reconcileOffers(
  ctx: AppContext,
  federation: Federation<void>,
  settings: FederationSettings,
): Promise<number> {
  const fctx = federation.createContext(new URL(settings.origin), undefined);
  const open = (await listDeliveredOffers(ctx.db)).filter(
    (o) => !isSettled(o) && isAllowedPeer(settings.allowedPeers, new URL(o.remote_actor).origin),
  );
  let recorded = 0;
  for (const offer of open) {
    try {
      const documentLoader = await fctx.getDocumentLoader({ identifier: offer.sender_body_id });
      const options = { documentLoader, crossOrigin: 'throw' } as const;
      const collection = await fctx.lookupObject(
        trackingUrl(offer.remote_actor, offer.offer_id),
        options,
      );
      if (!(collection instanceof OrderedCollection)) continue;
      for await (const item of collection.getItems(options)) {
        const type = answerTypeOfActivity(item);
        if (!type || !(item instanceof Activity) || item.objectId?.href !== offer.offer_id)
          continue;
        if (await recordPulled(ctx, settings, item, type)) recorded++;
      }
    } catch (error) {
      ctx.log.warn('federation: could not reconcile an offer, will try again', {
        offer: offer.offer_id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return recorded;
}

/** Records one pulled answer; false for one recorded before or refused by the rules. */
async function recordPulled(
  ctx: AppContext,
  settings: FederationSettings,
  item: Activity,
  type: NonNullable<ReturnType<typeof answerTypeOfActivity>>,
): Promise<boolean> {
  try {
    const outcome = await receiveAnswer(ctx, {
      activityId: item.id!.href,
      actorId: checkedActor(settings, item),
      type,
      offerId: item.objectId!.href,
      status: String(item.name ?? ''),
      note: item.content === null ? null : String(item.content),
    });
    return outcome === 'recorded';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    ctx.log.warn('federation: pulled answer refused', {
      activity: item.id?.href ?? null,
      code: error.code,
    });
    return false;
  }
}
