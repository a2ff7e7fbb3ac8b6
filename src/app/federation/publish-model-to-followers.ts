import { isAllowedPeer } from '../../domain/federation/remote-body.ts';
import type { Db } from '../../db/database.ts';
import { listFollowers } from '../../db/queries/federation-followers.ts';
import { findPublicationSettings, type ResolutionRow } from '../../db/queries/resolutions.ts';
import type { AppContext } from '../common/context.ts';
import { offeredResolutionOf, queueActivity } from './offer-resolution.ts';

/**
 * The followers of a body that are Seconded bodies on allowed peers, which are sent its model
 * motions (docs/model-motions.md); none when federation is off or the body keeps its
 * resolutions to its organisation. Other followers (Mastodon...) keep getting only the post of
 * each public resolution (announce-resolution.ts), never the Document.
 */
export async function modelFollowers(trx: Db, ctx: AppContext, bodyId: string) {
  if (!ctx.federation) return [];
  if ((await findPublicationSettings(trx, bodyId))?.resolutions_private) return [];
  const peers = ctx.federation.allowedPeers;
  return (await listFollowers(trx, bodyId)).filter((f) =>
    isAllowedPeer(peers, new URL(f.actor_id).origin),
  );
}

/**
 * Sends a model motion to each Seconded follower body: a `Create` of its `Document` (the
 * structured clauses in `source`, as an Offer's), queued in the caller's transaction, so it
 * goes if and only if the model is published, once each (federation_outbox). Returns how many.
 */
export async function publishModelToFollowers(
  trx: Db,
  ctx: AppContext,
  props: {
    resolution: ResolutionRow;
    organisationSlug: string;
    from: { body: string; organisation: string };
    at: string;
  },
): Promise<number> {
  const followers = await modelFollowers(trx, ctx, props.resolution.body_id);
  if (!followers.length) return 0;
  const resolution = {
    ...offeredResolutionOf(ctx, { ...props, clauseId: null }),
    model: true as const,
  };
  for (const follower of followers) {
    await queueActivity(trx, ctx, {
      senderBodyId: props.resolution.body_id,
      recipient: follower.actor_id,
      payload: { type: 'model', resolutionId: props.resolution.id, resolution },
      at: props.at,
    });
  }
  return followers.length;
}
