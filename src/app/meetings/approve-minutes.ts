import { approveMinutes as approve } from '../../domain/meetings/minutes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { updateMinutes } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { takeUpMinutes } from './draft-minutes.ts';
import { publishMinutes } from './publish-minutes.ts';
import { auditMeeting, recordEvent } from './meeting-support.ts';

/**
 * A later meeting of the same body, in session, approves the minutes of an earlier one as a
 * correct record (RONR §48); they are locked from then on (MINUTES_LOCKED).
 */
export async function approveMinutes(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; atMeetingId: string },
) {
  await takeUpMinutes(ctx, props, { approving: true }, async (trx, scope, earlier, drafted) => {
    const minutes = approve(drafted, { at: scope.at, meetingRef: scope.meeting.title });
    await updateMinutes(trx, earlier.id, {
      status: minutes.status,
      approved_at: minutes.approvedAt,
      approved_at_meeting: scope.meeting.id,
      updated_at: scope.at,
    });
    await recordEvent(trx, scope, {
      type: 'note',
      text: `The minutes of the ${earlier.title} were approved as a correct record.`,
    });
    await auditMeeting(
      trx,
      ctx,
      scope,
      props.actor,
      'minutes.approved',
      {
        minutesOf: earlier.id,
      },
      `meeting:${earlier.id}`,
    );
    await publishMinutes(trx, ctx, {
      meeting: earlier,
      bodyName: scope.loaded.body.name,
      actorPersonId: props.actor?.personId ?? null,
      at: scope.at,
    });
  });
}
