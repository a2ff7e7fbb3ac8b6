import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import { upsertProjectorLink } from '../../db/queries/projector-links.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashSecret, newSecret } from '../common/secrets.ts';

/**
 * Makes a meeting's private projector link (its secretary, chair or an admin), replacing any
 * earlier one, which stops working. Only the token's hash is stored: the address
 * (`/projector/<token>`) is shown this once, to be opened on the wall laptop without an account.
 * It shows the projector and nothing else.
 */
export async function makeProjectorLink(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const made = await inTransaction(ctx, async (trx) => {
    const meeting = await findMeeting(trx, props.meetingId);
    if (!meeting) throw notFound('That meeting');
    const { body } = await authorise(
      trx,
      props.actor,
      'body.runMeetings',
      meeting.body_id,
      'That meeting',
    );
    const token = newSecret();
    const at = isoNow(ctx);
    await upsertProjectorLink(trx, {
      meeting_id: meeting.id,
      token_hash: hashSecret(token),
      made_by_person_id: props.actor!.personId,
      created_at: at,
    });
    await appendAudit(trx, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor!.personId,
      action: 'meeting.projectorLinkMade',
      subject: `meeting:${meeting.id}`,
      data: {},
      at,
    });
    return { token, path: `/projector/${token}` };
  });
  // A wall still on the link this one replaces hears of it at once.
  ctx.events.publish(`meeting:${props.meetingId}`, { type: 'projector', data: {} });
  return made;
}
