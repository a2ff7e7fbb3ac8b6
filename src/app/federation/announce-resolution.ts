import type { Db } from '../../db/database.ts';
import { listFollowers } from '../../db/queries/federation-followers.ts';
import { findPublicationSettings, type ResolutionRow } from '../../db/queries/resolutions.ts';
import type { AppContext } from '../common/context.ts';
import type { ResolutionNote } from './activities.ts';
import { queueActivity } from './offer-resolution.ts';

/**
 * A body's public resolution, told to every fediverse account that follows the body (issue 19:
 * Mastodon and other servers): one `Create` of a `Note` per follower, queued in the transaction
 * that publishes the resolution and sent by the federation worker like any activity. A body that
 * keeps its resolutions to its organisation tells no one. Nothing else goes to followers: the
 * Offers and answers between Seconded servers go only to the body they are about.
 */
export async function announceResolution(
  trx: Db,
  ctx: AppContext,
  props: { resolution: ResolutionRow; organisationSlug: string; bodyName: string; at: string },
) {
  if (!ctx.federation) return;
  const { resolution } = props;
  if ((await findPublicationSettings(trx, resolution.body_id))?.resolutions_private) return;
  const note = resolutionNote(
    ctx.federation.origin,
    props.organisationSlug,
    props.bodyName,
    resolution,
  );
  for (const follower of await listFollowers(trx, resolution.body_id)) {
    await queueActivity(trx, ctx, {
      senderBodyId: resolution.body_id,
      recipient: follower.actor_id,
      payload: { type: 'note', note },
      at: props.at,
    });
  }
}

/** What a resolution's post says, from the resolution as stored. */
export const resolutionNote = (
  origin: string,
  organisationSlug: string,
  bodyName: string,
  r: Pick<ResolutionRow, 'id' | 'slug' | 'title' | 'declared' | 'passed_at'>,
): ResolutionNote => ({
  resolutionId: r.id,
  url: `${origin}/r/${organisationSlug}/${r.slug}`,
  title: r.title,
  bodyName,
  declared: r.declared,
  passedAt: r.passed_at,
});
