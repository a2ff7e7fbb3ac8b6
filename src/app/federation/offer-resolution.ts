import {
  isAllowedAddress,
  remoteAddressOf,
  type RemoteAddress,
} from '../../domain/federation/remote-body.ts';
import type { Db } from '../../db/database.ts';
import { insertFederationLink, insertOutgoingActivity } from '../../db/queries/federation.ts';
import type { ResolutionRow } from '../../db/queries/resolutions.ts';
import type { AppContext } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import type { OfferedResolution, OutgoingPayload } from './activities.ts';

/**
 * A body a "calls on" clause names on another server this one may talk to, or null: federation
 * is off, the name is not a handle or URL, or the server is not an allowed peer (it stays a body
 * elsewhere, not deliverable).
 */
export function remoteDestination(ctx: AppContext, name: string): RemoteAddress | null {
  const address = remoteAddressOf(name);
  if (!address || !ctx.federation) return null;
  return isAllowedAddress(ctx.federation.allowedPeers, address) ? address : null;
}

/** A new activity's id on this server. */
export const newActivityId = (ctx: AppContext) =>
  `${ctx.federation!.origin}/federation/activities/${newId()}`;

/** Queues an activity to a remote body, in the caller's transaction; the sender sends it. */
export async function queueActivity(
  trx: Db,
  ctx: AppContext,
  props: {
    id?: string;
    senderBodyId: string;
    recipient: string;
    payload: OutgoingPayload;
    at: string;
  },
): Promise<string> {
  const id = props.id ?? newActivityId(ctx);
  await insertOutgoingActivity(trx, {
    id,
    sender_body_id: props.senderBodyId,
    recipient: props.recipient,
    payload: JSON.stringify(props.payload),
    next_attempt_at: props.at,
    created_at: props.at,
  });
  return id;
}

/**
 * Offers a resolution to a body on another server, in the transaction that delivers it
 * (deliver-resolution.ts): the Offer is queued with the communication, so it is sent if and
 * only if the resolution stands, and the link lets each answer find the communication.
 */
export async function offerResolution(
  trx: Db,
  ctx: AppContext,
  props: {
    communicationId: string;
    address: RemoteAddress;
    resolution: ResolutionRow;
    clauseId: string | null;
    organisationSlug: string;
    from: OfferedResolution['from'];
    at: string;
  },
) {
  const { resolution } = props;
  const offerId = newActivityId(ctx);
  await queueActivity(trx, ctx, {
    id: offerId,
    senderBodyId: resolution.body_id,
    recipient:
      props.address.kind === 'url'
        ? props.address.url
        : `acct:${props.address.user}@${props.address.host}`,
    payload: {
      type: 'offer',
      resolution: offeredResolutionOf(ctx, { ...props, resolution }),
    },
    at: props.at,
  });
  await insertFederationLink(trx, {
    communication_id: props.communicationId,
    direction: 'out',
    remote_actor: props.address.kind === 'url' ? props.address.url : props.address.text,
    offer_id: offerId,
    created_at: props.at,
  });
}

/** A resolution of ours as it travels (in an Offer, a model motion, an adoption). */
export const offeredResolutionOf = (
  ctx: AppContext,
  props: {
    resolution: ResolutionRow;
    organisationSlug: string;
    clauseId: string | null;
    from: OfferedResolution['from'];
  },
): OfferedResolution => ({
  url: `${ctx.federation!.origin}/r/${props.organisationSlug}/${props.resolution.slug}`,
  title: props.resolution.title,
  text: props.resolution.text,
  clauseId: props.clauseId,
  declared: props.resolution.declared,
  result: props.resolution.result,
  passedAt: props.resolution.passed_at,
  from: props.from,
});
