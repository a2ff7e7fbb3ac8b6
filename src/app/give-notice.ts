import { giveNotice } from '../domain/meetings/meeting.ts';
import type { Actor } from '../domain/policy.ts';
import { updateMeeting } from '../db/queries/meetings.ts';
import { type AppContext, inTransaction } from './context.ts';
import { auditMeeting, loadMeeting, publishMeeting } from './meeting-support.ts';

/** Records that notice of the meeting was given to the members now (a second time changes nothing). */
export async function giveMeetingNotice(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const noticeGivenAt = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, props.actor, props.meetingId, 'body.runMeetings');
    const next = giveNotice(scope.state, scope.at);
    if (next.noticeGivenAt !== scope.meeting.notice_given_at) {
      await updateMeeting(trx, scope.meeting.id, {
        notice_given_at: next.noticeGivenAt,
        updated_at: scope.at,
      });
      await auditMeeting(trx, ctx, scope, props.actor, 'meeting.noticeGiven', {
        at: next.noticeGivenAt,
      });
    }
    return next.noticeGivenAt;
  });
  publishMeeting(ctx, props.meetingId, 'notice');
  return { noticeGivenAt };
}
