import { cancelMeeting as cancel } from '../../domain/meetings/meeting.ts';
import { updateMeeting } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { auditMeeting } from './meeting-support.ts';
import { stepAtMeeting, type ActorAtMeeting } from './meeting-step.ts';

/**
 * Cancels a meeting that has not opened (secretary, chair, admin). Calendar feeds show it
 * cancelled: its iCalendar SEQUENCE goes up, so subscribed calendars take the change.
 */
export async function cancelMeeting(ctx: AppContext, props: ActorAtMeeting) {
  await stepAtMeeting(
    ctx,
    { ...props, may: 'body.runMeetings' },
    async (trx, scope) => {
      const cancelled = cancel(scope.state);
      await updateMeeting(trx, scope.meeting.id, {
        status: cancelled.status,
        sequence: scope.meeting.sequence + 1,
        updated_at: scope.at,
      });
      await auditMeeting(trx, ctx, scope, props.actor, 'meeting.cancelled', {});
    },
    () => ({ type: 'closed' }),
  );
}
