import {
  deleteFollower,
  findFollower,
  saveFollower,
} from '../../db/queries/federation-followers.ts';
import { findActorBody } from '../../db/queries/federation.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { queueActivity } from './offer-resolution.ts';

/**
 * A fediverse account follows a body's Group actor (issue 19): Mastodon sends `Follow`, and shows
 * the account as following once the body answers `Accept`. Every Follow of a body of this server
 * is accepted at once (the actor says it does not approve followers by hand); the follower is
 * kept, and the Accept queued to it, in one transaction. The inbox (src/infra/federation.ts) has
 * checked the request's signature is the follower's own and that its server may follow.
 * Returns false when the body is not one of this server's.
 */
export function followBody(
  ctx: AppContext,
  props: { bodyId: string; actorId: string; inbox: string; followId: string },
): Promise<boolean> {
  return inTransaction(ctx, async (trx) => {
    if (!(await findActorBody(trx, props.bodyId))) return false;
    const at = isoNow(ctx);
    await saveFollower(trx, {
      body_id: props.bodyId,
      actor_id: props.actorId,
      inbox: props.inbox,
      follow_id: props.followId,
      created_at: at,
    });
    await queueActivity(trx, ctx, {
      senderBodyId: props.bodyId,
      recipient: props.actorId,
      payload: { type: 'accept-follow', followId: props.followId },
      at,
    });
    return true;
  });
}

/**
 * A follower stops following (`Undo` of its `Follow`): only the actor that followed, and only
 * its own Follow, so no one else can unsubscribe it. Returns false when there was no such Follow.
 */
export function unfollowBody(
  ctx: AppContext,
  props: { bodyId: string; actorId: string; followId: string },
): Promise<boolean> {
  return inTransaction(ctx, async (trx) => {
    const follower = await findFollower(trx, props.bodyId, props.actorId);
    if (!follower || follower.follow_id !== props.followId) return false;
    await deleteFollower(trx, props.bodyId, props.actorId);
    return true;
  });
}
