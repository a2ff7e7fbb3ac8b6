import { invalid } from '../../domain/errors.ts';
import { newMeeting } from '../../domain/meetings/meeting.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { insertMeeting } from '../../db/queries/meetings.ts';
import { authorise } from '../common/actor.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { queueNoticeOfMeeting } from './give-notice.ts';
import { loadRules } from './meeting-support.ts';
import { freshSignInCode } from './sign-in-by-code.ts';
import { assertNoticeLongEnough } from '../../domain/meetings/notice.ts';
import { newRowOfBody } from '../common/row-of-body.ts';

export interface ScheduleMeetingProps {
  readonly actor: Actor | null;
  readonly bodyId: string;
  /** "July general meeting" */
  readonly title: string;
  /** ISO instant. */
  readonly startsAt: string;
  readonly location?: string | undefined;
  /** IANA time zone the notice days are counted in; Europe/London unless given. */
  readonly timeZone?: string | undefined;
  /** Called at short notice under the standing orders' emergency rule. */
  readonly emergency?: boolean | undefined;
  /** Why it is an emergency meeting: required with `emergency`, kept with the meeting. */
  readonly emergencyReason?: string | undefined;
  /** Give notice now, as the meeting is called (the usual case). */
  readonly giveNotice?: boolean | undefined;
}

export const DEFAULT_TIME_ZONE = 'Europe/London';

function validTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls a meeting of a body (secretary, chair, admin). With `giveNotice`, notice is given now
 * (every member is emailed it, give-notice.ts): refused when the meeting is too soon for the
 * standing orders' notice period (NOTICE_TOO_SHORT, with the earliest lawful date) unless it is
 * called as an emergency meeting the standing orders allow, with the reason, which is recorded.
 * The meeting gets its sign-in code (sign-in-by-code.ts).
 */
export async function scheduleMeeting(ctx: AppContext, props: ScheduleMeetingProps) {
  const title = props.title.trim();
  const problems = [];
  if (!title || title.length > 200)
    problems.push({ path: 'title', message: 'Give the meeting a title (up to 200 characters).' });
  if (Number.isNaN(Date.parse(props.startsAt)))
    problems.push({ path: 'startsAt', message: 'Give the date and time it starts.' });
  const location = props.location?.trim() || null;
  if (location && location.length > 500)
    problems.push({ path: 'location', message: 'The place may be at most 500 characters.' });
  const timeZone = props.timeZone?.trim() || DEFAULT_TIME_ZONE;
  if (!validTimeZone(timeZone))
    problems.push({ path: 'timeZone', message: 'Give a time zone such as Europe/London.' });
  const emergencyReason = props.emergency ? props.emergencyReason?.trim() || null : null;
  if (props.emergency && (!emergencyReason || emergencyReason.length > 1000))
    problems.push({
      path: 'emergencyReason',
      message: 'Say why it is an emergency meeting (up to 1,000 characters).',
    });
  if (problems.length) throw invalid('The meeting cannot be called as it is.', problems);
  const startsAt = new Date(props.startsAt).toISOString();

  const scheduled = await inTransaction(ctx, async (trx) => {
    const { body } = await authorise(trx, props.actor, 'body.runMeetings', props.bodyId);
    const rules = await loadRules(trx, body.id);
    if (props.emergency && !rules.emergencyMeetings) {
      throw invalid("This body's standing orders do not allow emergency meetings.", [
        { path: 'emergency', message: 'Not allowed by the standing orders.' },
      ]);
    }
    const state = newMeeting({ startsAt, emergency: props.emergency ?? false });
    const meeting = newRowOfBody(body, isoNow(ctx));
    const at = meeting.created_at;
    if (props.giveNotice) {
      assertNoticeLongEnough({
        givenAt: at,
        startsAt,
        rules,
        emergency: state.emergency,
        timeZone,
      });
    }
    await insertMeeting(trx, {
      ...meeting,
      title,
      starts_at: startsAt,
      location,
      time_zone: timeZone,
      status: state.status,
      notice_given_at: props.giveNotice ? at : null,
      emergency: state.emergency ? 1 : 0,
      opened_at: null,
      closed_at: null,
      chair_person_id: null,
      sign_in_code: await freshSignInCode(trx),
      emergency_reason: emergencyReason,
      sequence: 0,
      created_by: props.actor?.personId ?? null,
      updated_at: at,
    });
    await auditAction(trx, props.actor, 'meeting.scheduled', ['meeting', meeting], at, {
      bodyId: body.id,
      title,
      startsAt,
      emergency: state.emergency,
      ...(emergencyReason ? { emergencyReason } : {}),
      noticeGivenAt: props.giveNotice ? at : null,
    });
    const notified = props.giveNotice ? await queueNoticeOfMeeting(trx, ctx, meeting.id) : 0;
    return { meetingId: meeting.id, notified };
  });
  if (scheduled.notified) mailQueued(ctx);
  return scheduled;
}
