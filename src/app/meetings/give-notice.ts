import { giveNotice } from '../../domain/meetings/meeting.ts';
import { assertNoticeLongEnough, motionDeadline } from '../../domain/meetings/notice.ts';
import type { Db } from '../../db/database.ts';
import {
  findMeeting,
  listAgenda,
  listMemberAddresses,
  updateMeeting,
} from '../../db/queries/meetings.ts';
import { findBody } from '../../db/queries/organisations.ts';
import { mailTextsFor } from '../../mail/texts.ts';
import { type AppContext, today } from '../common/context.ts';
import { enqueueMemberMail, mailQueued } from '../common/enqueue-mail.ts';
import { auditMeeting, loadRules } from './meeting-support.ts';
import { stepAtMeeting, type ActorAtMeeting } from './meeting-step.ts';

/**
 * Gives notice of the meeting to the members now: each current member of the body is emailed the
 * date, time and place, the agenda so far and links to the meeting and its calendar entry, in
 * the language they chose (dates in the meeting's time zone), queued in the caller's transaction
 * so the mail goes if and only if the notice is recorded; not to a member who turned notices of
 * meetings off. Returns how many were queued; the caller calls mailQueued after the commit.
 */
export async function queueNoticeOfMeeting(
  trx: Db,
  ctx: AppContext,
  meetingId: string,
): Promise<number> {
  const meeting = await findMeeting(trx, meetingId);
  if (!meeting) return 0;
  const [body, rules, agenda, members] = await Promise.all([
    findBody(trx, meeting.body_id),
    loadRules(trx, meeting.body_id),
    listAgenda(trx, meeting.id),
    listMemberAddresses(trx, meeting.body_id, today(ctx)),
  ]);
  const notice = {
    bodyName: body?.name ?? '',
    title: meeting.title,
    startsAt: meeting.starts_at,
    timeZone: meeting.time_zone,
    location: meeting.location,
    emergency: meeting.emergency === 1,
    agenda: agenda.map((a) => a.title),
    motionDeadline:
      rules.motionDeadlineDays > 0
        ? motionDeadline({
            meetingStartsAt: meeting.starts_at,
            rules,
            timeZone: meeting.time_zone,
          })
        : null,
    meetingUrl: `${ctx.baseUrl}/meetings/${meeting.id}`,
    calendarUrl: `${ctx.baseUrl}/meetings/${meeting.id}/meeting.ics`,
  };
  let queued = 0;
  for (const member of members) {
    const mail = mailTextsFor(member.locale).noticeOfMeeting({ name: member.name, notice });
    const to = { personId: member.person_id, kind: 'meetings' } as const;
    if (await enqueueMemberMail(trx, ctx, to, { to: member.email, ...mail })) queued++;
  }
  return queued;
}

/**
 * Records that notice of the meeting was given to the members now, and emails each of them the
 * notice (a second time changes nothing and sends nothing). Refused when the meeting is now too
 * soon for the standing orders' notice (NOTICE_TOO_SHORT, with the earliest lawful date), unless
 * it was called as an emergency meeting the standing orders allow.
 */
export async function giveMeetingNotice(ctx: AppContext, props: ActorAtMeeting) {
  const { noticeGivenAt, notified } = await stepAtMeeting(
    ctx,
    { ...props, may: 'body.runMeetings' },
    async (trx, scope) => {
      const next = giveNotice(scope.state, scope.at);
      let notified = 0;
      if (next.noticeGivenAt !== scope.meeting.notice_given_at) {
        assertNoticeLongEnough({
          givenAt: scope.at,
          startsAt: scope.meeting.starts_at,
          rules: scope.rules,
          emergency: scope.state.emergency,
          timeZone: scope.meeting.time_zone,
        });
        await updateMeeting(trx, scope.meeting.id, {
          notice_given_at: next.noticeGivenAt,
          updated_at: scope.at,
        });
        notified = await queueNoticeOfMeeting(trx, ctx, scope.meeting.id);
        await auditMeeting(trx, ctx, scope, props.actor, 'meeting.noticeGiven', {
          at: next.noticeGivenAt,
          notified,
        });
      }
      return { noticeGivenAt: next.noticeGivenAt, notified };
    },
    () => ({ type: 'notice' }),
  );
  if (notified) mailQueued(ctx);
  return { noticeGivenAt, notified };
}
