import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import { deleteProjectorLink } from '../../db/queries/projector-links.ts';
import { authorise } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';

/**
 * Revokes a meeting's projector link (its secretary, chair or an admin): the wall that has it
 * open sees "not found" at its next update. Revoking a link there is none of changes nothing.
 */
export async function revokeProjectorLink(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  await inTransaction(ctx, async (trx) => {
    const meeting = await findMeeting(trx, props.meetingId);
    if (!meeting) throw notFound('That meeting');
    const { body } = await authorise(
      trx,
      props.actor,
      'body.runMeetings',
      meeting.body_id,
      'That meeting',
    );
    const deleted = await deleteProjectorLink(trx, meeting.id);
    if (!Number(deleted.numDeletedRows)) return;
    const at = isoNow(ctx);
    await appendAudit(trx, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor!.personId,
      action: 'meeting.projectorLinkRevoked',
      subject: `meeting:${meeting.id}`,
      data: {},
      at,
    });
  });
  // A wall following the meeting by the link hears of it at once (its stream is then refused).
  ctx.events.publish(`meeting:${props.meetingId}`, { type: 'projector', data: {} });
}
