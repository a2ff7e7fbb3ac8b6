import { cancelMeeting as cancel } from '../../domain/meetings/meeting.ts';
import type { Db } from '../../db/database.ts';
import { listMemberAddresses, updateMeeting } from '../../db/queries/meetings.ts';
import { findBody } from '../../db/queries/organisations.ts';
import { mailTextsFor } from '../../mail/texts.ts';
import { type AppContext, today } from '../common/context.ts';
import { enqueueMemberMail, mailQueued } from '../common/enqueue-mail.ts';
import { auditMeeting, type MeetingScope } from './meeting-support.ts';
import { stepAtMeeting, type ActorAtMeeting } from './meeting-step.ts';

/**
 * Cancels a meeting that has not opened (secretary, chair, admin). Calendar feeds show it
 * cancelled: its iCalendar SEQUENCE goes up, so subscribed calendars take the change. When notice
 * had been given, every member it went to is told by email, queued in the same transaction; a
 * meeting cancelled before its notice tells nobody, as nobody was told of it.
 */
export async function cancelMeeting(ctx: AppContext, props: ActorAtMeeting) {
  const { notified } = await stepAtMeeting(
    ctx,
    { ...props, may: 'body.runMeetings' },
    async (trx, scope) => {
      const cancelled = cancel(scope.state);
      await updateMeeting(trx, scope.meeting.id, {
        status: cancelled.status,
        sequence: scope.meeting.sequence + 1,
        updated_at: scope.at,
      });
      const notified = scope.meeting.notice_given_at ? await queueCancellation(trx, ctx, scope) : 0;
      await auditMeeting(trx, ctx, scope, props.actor, 'meeting.cancelled', { notified });
      return { notified };
    },
    () => ({ type: 'closed' }),
  );
  if (notified) mailQueued(ctx);
  return { notified };
}

async function queueCancellation(trx: Db, ctx: AppContext, scope: MeetingScope): Promise<number> {
  const { meeting } = scope;
  const [body, members] = await Promise.all([
    findBody(trx, meeting.body_id),
    listMemberAddresses(trx, meeting.body_id, today(ctx)),
  ]);
  let queued = 0;
  for (const member of members) {
    const mail = mailTextsFor(member.locale).meetingCancelled({
      name: member.name,
      bodyName: body?.name ?? '',
      title: meeting.title,
      startsAt: meeting.starts_at,
      timeZone: meeting.time_zone,
      meetingUrl: `${ctx.baseUrl}/meetings/${meeting.id}`,
    });
    const to = { personId: member.person_id, kind: 'meetings' } as const;
    if (await enqueueMemberMail(trx, ctx, to, { to: member.email, ...mail })) queued++;
  }
  return queued;
}
