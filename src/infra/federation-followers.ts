import type { Federation, InboxContext } from '@fedify/fedify';
import { type Follow, Note, type Undo } from '@fedify/vocab';
import { isAllowedPeer } from '../domain/federation/remote-body.ts';
import type { AppContext } from '../app/common/context.ts';
import { resolutionNote } from '../app/federation/announce-resolution.ts';
import { followBody, unfollowBody } from '../app/federation/follow-body.ts';
import { findActorBody } from '../db/queries/federation.ts';
import { listFollowers } from '../db/queries/federation-followers.ts';
import {
  findPublicationSettings,
  findResolution,
  listResolutionsOfBodies,
} from '../db/queries/resolutions.ts';
import { createNote, NOTE_PATH } from './federation-activities.ts';
import type { FederationSettings } from './federation.ts';

/**
 * Mastodon and other fediverse servers following a body (issue 19). A body's Group actor has a
 * followers collection (its count only: who follows a body is not published), an outbox listing
 * its public resolutions as `Create` of a `Note` (newest first), and each Note at its own
 * address. A `Follow` is accepted at once (follow-body.ts); its `Undo` ends it.
 */

export const FOLLOWERS_PATH = '/federation/bodies/{identifier}/followers';
export const OUTBOX_PATH = '/federation/bodies/{identifier}/outbox';

/** How many of its latest resolutions a body's outbox lists. */
const OUTBOX_SIZE = 50;

/** The posts of a body whose resolutions are public, newest first; none for a private body. */
async function publicNotes(ctx: AppContext, bodyId: string, limit: number) {
  const body = await findActorBody(ctx.db, bodyId);
  if (!body) return null;
  if ((await findPublicationSettings(ctx.db, bodyId))?.resolutions_private)
    return { body, notes: [] };
  const origin = ctx.federation!.origin;
  const rows = await listResolutionsOfBodies(ctx.db, [bodyId], limit);
  return {
    body,
    notes: rows.map((r) => ({
      row: r,
      note: resolutionNote(origin, body.organisation_slug, body.name, r),
    })),
  };
}

export function setFollowerDispatchers(ctx: AppContext, federation: Federation<void>) {
  federation
    .setFollowersDispatcher(FOLLOWERS_PATH, async (_fctx, identifier) =>
      (await findActorBody(ctx.db, identifier)) ? { items: [] } : null,
    )
    .setCounter(async (_fctx, identifier) => (await listFollowers(ctx.db, identifier)).length);

  federation
    .setOutboxDispatcher(OUTBOX_PATH, async (fctx, identifier) => {
      const found = await publicNotes(ctx, identifier, OUTBOX_SIZE);
      if (!found) return null;
      return { items: found.notes.map(({ note }) => createNote(fctx, identifier, note)) };
    })
    .setCounter(async (_fctx, identifier) => {
      const found = await publicNotes(ctx, identifier, OUTBOX_SIZE);
      return found ? found.notes.length : null;
    });

  federation.setObjectDispatcher(Note, NOTE_PATH, async (fctx, values) => {
    const resolution = await findResolution(ctx.db, values.resolution);
    if (!resolution || resolution.body_id !== values.identifier) return null;
    const found = await publicNotes(ctx, values.identifier, 0);
    if (!found || (await findPublicationSettings(ctx.db, values.identifier))?.resolutions_private) {
      return null;
    }
    const note = resolutionNote(
      ctx.federation!.origin,
      found.body.organisation_slug,
      found.body.name,
      resolution,
    );
    return (await createNote(fctx, values.identifier, note).getObject()) as Note;
  });
}

/**
 * A `Follow` of a body here: from any fediverse server when FEDERATION_OPEN_FOLLOWS is set, else
 * only from allowed peers. The Follow's id must be of its actor's origin (FEP-fe34); Fedify has
 * checked the request is signed by that actor's key.
 */
export async function onFollow(
  ctx: AppContext,
  settings: FederationSettings,
  ictx: InboxContext<void>,
  follow: Follow,
) {
  if (!follow.id || !follow.actorId || !follow.objectId) return;
  const target = ictx.parseUri(follow.objectId);
  if (target?.type !== 'actor') return;
  const origin = follow.actorId.origin;
  if (follow.id.origin !== origin) return;
  if (!settings.openFollows && !isAllowedPeer(settings.allowedPeers, origin)) {
    ctx.log.warn('federation: follow refused (not an allowed peer)', {
      actor: follow.actorId.href,
    });
    return;
  }
  const follower = await follow.getActor({ crossOrigin: 'throw' });
  if (!follower?.id || follower.id.href !== follow.actorId.href || !follower.inboxId) return;
  await followBody(ctx, {
    bodyId: target.identifier,
    actorId: follower.id.href,
    inbox: follower.inboxId.href,
    followId: follow.id.href,
  });
}

/**
 * An `Undo` of a Follow of a body here (each body has its own inbox, so the recipient is known);
 * false when it undoes something else (an Offer, handled as a withdrawal).
 */
export function onUndoFollow(ctx: AppContext, ictx: InboxContext<void>, undo: Undo) {
  if (!undo.actorId || !undo.objectId || !ictx.recipient) return Promise.resolve(false);
  return unfollowBody(ctx, {
    bodyId: ictx.recipient,
    actorId: undo.actorId.href,
    followId: undo.objectId.href,
  });
}
