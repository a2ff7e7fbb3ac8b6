import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  deleteFollowing,
  findFollowing,
  findFollowingByFollow,
  listFollowings,
  saveFollowing,
  setFollowingState,
} from '../../db/queries/federation-followers.ts';
import { authorise, signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { type FindActor, findRemoteBody } from './look-up-remote-body.ts';
import { queueActivity } from './offer-resolution.ts';

/**
 * A body here follows a body on another Seconded server (docs/model-motions.md), so that body's
 * model motions reach it (publish-model-to-followers.ts on the other side sends them to its
 * followers on allowed peers). Whoever answers the body's communications (its secretary, an
 * admin above) gives a handle or URL; it is looked up as the motion editor's Look up is (allowed
 * peers only, no private address), then the `Follow` is queued in the federation outbox and the
 * following recorded in one transaction, so it is sent once, retried while the peer is down.
 * The remote's `Accept` of that Follow (from that actor only) makes it accepted, `Reject` refused.
 */

export interface FollowingView {
  readonly actorId: string;
  readonly address: string;
  readonly name: string;
  readonly server: string;
  readonly state: 'pending' | 'accepted' | 'refused';
  readonly since: string;
}

const ACTION = 'body.answerCommunications';

const viewOf = (r: {
  actor_id: string;
  address: string;
  name: string;
  server: string;
  state: FollowingView['state'];
  created_at: string;
}): FollowingView => ({
  actorId: r.actor_id,
  address: r.address,
  name: r.name,
  server: r.server,
  state: r.state,
  since: r.created_at,
});

/** The bodies elsewhere a body follows, with the state of each, for its secretary. */
export async function viewFollowings(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string },
) {
  const actor = signedIn(props.actor, 'Sign in first.');
  const loaded = await authorise(ctx.db, actor, ACTION, props.bodyId);
  return {
    body: { id: loaded.body.id, name: loaded.body.name },
    federates: Boolean(ctx.federation),
    followings: (await listFollowings(ctx.db, props.bodyId)).map(viewOf),
  };
}

/**
 * Follows the body at `address`. Following a body already followed (pending or accepted) sends
 * nothing again and returns that following; a refused one is asked again with a new Follow.
 */
export async function followElsewhere(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; address: string; find: FindActor | null },
): Promise<FollowingView> {
  const actor = signedIn(props.actor, 'Sign in first.');
  // Who may ask first, so no one else makes this server fetch anything.
  await authorise(ctx.db, actor, ACTION, props.bodyId);
  const { row: found, text } = await findRemoteBody(ctx, props.address, props.find);
  return inTransaction(ctx, async (trx) => {
    await authorise(trx, actor, ACTION, props.bodyId);
    const before = await findFollowing(trx, props.bodyId, found.actor_id);
    if (before && before.state !== 'refused') return viewOf(before);
    const at = isoNow(ctx);
    const followId = await queueActivity(trx, ctx, {
      senderBodyId: props.bodyId,
      recipient: found.actor_id,
      payload: { type: 'follow' },
      at,
    });
    const row = {
      body_id: props.bodyId,
      actor_id: found.actor_id,
      address: text,
      name: found.name,
      server: found.server,
      follow_id: followId,
      state: 'pending' as const,
      created_at: before?.created_at ?? at,
      updated_at: at,
    };
    await saveFollowing(trx, row);
    return viewOf(row);
  });
}

/** Stops following a body elsewhere: the following goes, and an `Undo` of our Follow is queued. */
export function unfollowElsewhere(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string; actorId: string },
): Promise<{ ok: true }> {
  const actor = signedIn(props.actor, 'Sign in first.');
  return inTransaction(ctx, async (trx) => {
    await authorise(trx, actor, ACTION, props.bodyId);
    const following = await findFollowing(trx, props.bodyId, props.actorId);
    if (!following) throw notFound('That following');
    await deleteFollowing(trx, props.bodyId, props.actorId);
    if (following.state !== 'refused') {
      await queueActivity(trx, ctx, {
        senderBodyId: props.bodyId,
        recipient: following.actor_id,
        payload: { type: 'unfollow', followId: following.follow_id },
        at: isoNow(ctx),
      });
    }
    return { ok: true as const };
  });
}

/**
 * The remote's answer to our Follow (src/infra/federation.ts): `Accept` or `Reject` naming a
 * Follow of ours, from the actor it was sent to (Fedify checked the signature is that actor's).
 * False when it names no Follow of ours (an answer about an Offer, handled as such); refused
 * when another actor answers for it.
 */
export function receiveFollowAnswer(
  ctx: AppContext,
  props: { actorId: string; followId: string; accepted: boolean },
): Promise<boolean> {
  return inTransaction(ctx, async (trx) => {
    const following = await findFollowingByFollow(trx, props.followId);
    if (!following) return false;
    if (following.actor_id !== props.actorId) {
      throw new DomainError('FORBIDDEN', 'Only the body followed answers a Follow.');
    }
    const state = props.accepted ? 'accepted' : 'refused';
    if (following.state !== state) {
      await setFollowingState(trx, props.followId, state, isoNow(ctx));
    }
    return true;
  });
}
