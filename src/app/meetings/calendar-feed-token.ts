import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { upsertCalendarFeed } from '../../db/queries/calendar-feeds.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashSecret, newSecret } from '../common/secrets.ts';
import { authorise } from '../common/actor.ts';

/**
 * Makes the signed-in person a new calendar feed token, replacing any earlier one (whose
 * subscriptions stop working). Only its hash is stored: the token is shown this once, in the
 * feed address a calendar app subscribes to (`/bodies/:id/meetings.ics?token=...`). One token
 * reads the feeds of every body the person may see, and nothing else.
 */
export async function makeCalendarFeedToken(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to subscribe to a calendar.');
  const actor = props.actor;
  return inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, actor, 'body.participate', props.bodyId);
    const token = newSecret();
    const at = isoNow(ctx);
    await upsertCalendarFeed(trx, {
      person_id: actor.personId,
      token_hash: hashSecret(token),
      created_at: at,
    });
    await appendAudit(trx, {
      organisationId: body.organisation_id,
      actorPersonId: actor.personId,
      action: 'calendarFeed.tokenMade',
      subject: `person:${actor.personId}`,
      data: {},
      at,
    });
    return { token, path: `/bodies/${body.id}/meetings.ics?token=${encodeURIComponent(token)}` };
  });
}
