import { DomainError, invalid } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';

/**
 * Notice of meetings and the deadline for motions.
 *
 * **Clear days.** A period of N *clear days'* notice excludes both the day on which the notice
 * is given and the day of the meeting: notice given on 1 July with 7 clear days allows a meeting
 * on 9 July at the earliest (2–8 July are the clear days). This is the long-standing meaning in
 * UK practice (Companies Act 2006 s.360; Citrine, *ABC of Chairmanship*, on notice of meetings,
 * where rule books commonly ask for "seven clear days"). RONR 12th ed. leaves the period to the
 * bylaws (see previous notice, 10:44); we apply the same counting to both presets.
 * Days are calendar days in the body's time zone, not periods of 24 hours.
 *
 * **Emergency meetings.** With less notice a meeting may be held only if the standing orders
 * allow emergency meetings (`emergencyMeetings`), and it is then flagged as an emergency meeting
 * so the minutes and the members can see it was called at short notice.
 *
 * **Motions deadline.** Motions must be received `motionDeadlineDays` days before the day of
 * the meeting: with 3, for a meeting on 9 July, by the end of 6 July (local time). With 0 there
 * is no deadline before the meeting opens.
 */

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: string | Date, timeZone = 'UTC'): string {
  // An instant given as text is one from the database (a meeting's time, when notice was given):
  // the same few are asked for on every reading of a meeting's page, so their dates are kept.
  // A Date (the clock) is worked out each time: it is new at each call.
  if (typeof at !== 'string') return formatLocalDate(at, timeZone);
  const key = `${timeZone} ${at}`;
  let date = localDates.get(key);
  if (date === undefined) {
    date = formatLocalDate(at, timeZone);
    if (localDates.size >= KEPT_LOCAL_DATES) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

/** Local dates of instants given as text, by zone and instant: a pure function's answers. */
const KEPT_LOCAL_DATES = 4096;
const localDates = new Map<string, string>();

function formatLocalDate(at: string | Date, timeZone: string): string {
  const parts = formatterFor('date', timeZone, () => ({
    locale: 'en-CA',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })).formatToParts(toDate(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per use and time zone, made once: building an Intl.DateTimeFormat loads the
 * zone's rules and costs far more than formatting with it, and a meeting's page asks for dozens
 * of local dates. An unknown zone throws RangeError here as it would at every call.
 */
function formatterFor(
  use: 'date' | 'time' | 'wall',
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions & { locale: string },
): Intl.DateTimeFormat {
  const key = `${use} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    const { locale, ...rest } = options();
    format = new Intl.DateTimeFormat(locale, { ...rest, timeZone });
    formatters.set(key, format);
  }
  return format;
}

function toDate(at: string | Date): Date {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) {
    throw invalid(`“${String(at)}” is not a date and time.`, [
      { path: 'at', message: 'Not a date and time.' },
    ]);
  }
  return date;
}

/** The wall-clock date and time (YYYY-MM-DD HH:MM) of an instant in a time zone. */
export function localDateTime(at: string | Date, timeZone = 'UTC'): string {
  const time = formatterFor('time', timeZone, () => ({
    locale: 'en-GB',
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  })).format(toDate(at));
  return `${localDate(at, timeZone)} ${time}`;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const addDays = (date: string, days: number) =>
  new Date((dayNumber(date) + days) * DAY).toISOString().slice(0, 10);

/** The number of whole days between the day notice was given and the day of the meeting. */
export function clearDaysBetween(
  noticeGivenAt: string | Date,
  meetingAt: string | Date,
  timeZone = 'UTC',
): number {
  return (
    dayNumber(localDate(meetingAt, timeZone)) - dayNumber(localDate(noticeGivenAt, timeZone)) - 1
  );
}

/** The first date (YYYY-MM-DD) a meeting may be held after notice given at this time. */
export function earliestMeetingDate(
  noticeGivenAt: string | Date,
  noticeDays: number,
  timeZone = 'UTC',
): string {
  return addDays(localDate(noticeGivenAt, timeZone), noticeDays === 0 ? 0 : noticeDays + 1);
}

export type OpeningDecision =
  | {
      readonly allowed: true;
      /** True when the meeting is held at short notice under the emergency rule. */
      readonly emergency: boolean;
      readonly clearDays: number | null;
    }
  | {
      readonly allowed: false;
      readonly reason: string;
      /** The first date it could be held with the notice given, when notice was given. */
      readonly earliest: string | null;
    };

/**
 * Whether a meeting may open at `opensAt`, given when notice was given.
 * @param props.emergency the meeting was called as an emergency meeting.
 */
export function mayOpenMeeting(props: {
  noticeGivenAt: string | Date | null;
  opensAt: string | Date;
  rules: Pick<StandingOrders, 'noticeDays' | 'emergencyMeetings'>;
  emergency?: boolean;
  timeZone?: string;
}): OpeningDecision {
  const { noticeGivenAt, opensAt, rules } = props;
  const timeZone = props.timeZone ?? 'UTC';
  const days = (n: number) => `${n} clear day${n === 1 ? '' : 's'}`;
  let shortfall: { reason: string; earliest: string | null };
  let clearDays: number | null = null;
  if (noticeGivenAt === null) {
    shortfall = { reason: 'No notice of this meeting has been given.', earliest: null };
  } else if (toDate(noticeGivenAt).getTime() > toDate(opensAt).getTime()) {
    shortfall = { reason: 'Notice was given after the meeting time.', earliest: null };
  } else {
    clearDays = clearDaysBetween(noticeGivenAt, opensAt, timeZone);
    // No notice required means the meeting may be held the same day it is called.
    if (rules.noticeDays === 0 || clearDays >= rules.noticeDays) {
      return { allowed: true, emergency: false, clearDays };
    }
    const earliest = earliestMeetingDate(noticeGivenAt, rules.noticeDays, timeZone);
    shortfall = {
      reason:
        `The standing orders require ${days(rules.noticeDays)}' notice; ` +
        `${days(Math.max(0, clearDays))} have passed. The meeting may open on ${earliest}.`,
      earliest,
    };
  }
  if (props.emergency) {
    if (rules.emergencyMeetings) return { allowed: true, emergency: true, clearDays };
    return {
      allowed: false,
      reason: `${shortfall.reason} The standing orders do not allow emergency meetings.`,
      earliest: shortfall.earliest,
    };
  }
  return { allowed: false, ...shortfall };
}

/**
 * Refuses to open a meeting before its notice has run.
 * @throws DomainError NOTICE_NOT_GIVEN with the reason.
 */
export function assertMayOpenMeeting(props: Parameters<typeof mayOpenMeeting>[0]): {
  emergency: boolean;
} {
  const decision = mayOpenMeeting(props);
  if (!decision.allowed) throw new DomainError('NOTICE_NOT_GIVEN', decision.reason);
  return { emergency: decision.emergency };
}

/**
 * Refuses to give notice now of a meeting at `startsAt` when the notice would be too short: the
 * secretary learns it as the meeting is called, with the earliest lawful date, not from the
 * chair's console on the night. Under the emergency rule (when the standing orders allow it and
 * the meeting is called as an emergency meeting) short notice is accepted.
 * @throws DomainError NOTICE_TOO_SHORT with the days required and the earliest date.
 */
export function assertNoticeLongEnough(props: {
  givenAt: string | Date;
  startsAt: string | Date;
  rules: Pick<StandingOrders, 'noticeDays' | 'emergencyMeetings'>;
  emergency: boolean;
  timeZone?: string;
}): void {
  const { rules } = props;
  const timeZone = props.timeZone ?? 'UTC';
  if (rules.noticeDays === 0) return;
  const clearDays = Math.max(0, clearDaysBetween(props.givenAt, props.startsAt, timeZone));
  if (clearDays >= rules.noticeDays) return;
  if (props.emergency && rules.emergencyMeetings) return;
  const days = (n: number) => `${n} clear day${n === 1 ? '' : 's'}`;
  const earliest = earliestMeetingDate(props.givenAt, rules.noticeDays, timeZone);
  const emergency = rules.emergencyMeetings
    ? ' Or call it as an emergency meeting, saying why.'
    : '';
  throw new DomainError(
    'NOTICE_TOO_SHORT',
    `Called now, the meeting would have ${days(clearDays)}' notice; the standing orders require ` +
      `${days(rules.noticeDays)}. The earliest lawful date is ${earliest}.${emergency}`,
    [{ path: 'startsAt', message: `The earliest lawful date is ${earliest}.` }],
    { required: rules.noticeDays, earliest },
  );
}

/** How far a time zone's wall clock is ahead of UTC at the instant `t` (milliseconds). */
function zoneOffsetAt(t: number, timeZone: string): number {
  const parts = formatterFor('wall', timeZone, () => ({
    locale: 'en-GB',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - t;
}

/**
 * The UTC instant of a wall-clock time in a time zone. The offset is read twice, at the guess
 * and at the first answer, so a time beside a daylight-saving change lands on the right side.
 */
function wallClockToUtc(wall: number, timeZone: string): Date {
  const first = wall - zoneOffsetAt(wall, timeZone);
  return new Date(wall - zoneOffsetAt(first, timeZone));
}

/** The UTC instant at which a local calendar date begins in a time zone. */
export function startOfLocalDay(date: string, timeZone = 'UTC'): Date {
  return wallClockToUtc(dayNumber(date) * DAY, timeZone);
}

/** `2026-07-09T19:00` in a time zone as the UTC instant, or undefined when it is not a time. */
export function localTimeToUtc(local: string, timeZone: string): Date | undefined {
  // Only the form's own shape: Date.parse alone reads "next Tuesday:00Z" as a day in 2000.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return undefined;
  const wall = Date.parse(`${local}:00Z`);
  return Number.isNaN(wall) ? undefined : wallClockToUtc(wall, timeZone);
}

/**
 * The last instant (ISO, UTC) at which motions for a meeting are accepted: the end of the local
 * day `motionDeadlineDays` before the day of the meeting, or the meeting's start with 0.
 */
export function motionDeadline(props: {
  meetingStartsAt: string | Date;
  rules: Pick<StandingOrders, 'motionDeadlineDays'>;
  timeZone?: string;
}): string {
  const starts = toDate(props.meetingStartsAt);
  const n = props.rules.motionDeadlineDays;
  if (n === 0) return starts.toISOString();
  const timeZone = props.timeZone ?? 'UTC';
  const dayAfterDeadline = addDays(localDate(starts, timeZone), -n + 1);
  return new Date(startOfLocalDay(dayAfterDeadline, timeZone).getTime() - 1).toISOString();
}

/**
 * What the notice of a meeting says: what is met, when, where, and the business so far. Each
 * member reads it as an email in their language (src/mail/texts.ts).
 */
export interface NoticeOfMeeting {
  readonly bodyName: string;
  readonly title: string;
  /** ISO instant. */
  readonly startsAt: string;
  readonly timeZone: string;
  readonly location: string | null;
  readonly emergency: boolean;
  /** The agenda so far, in order. */
  readonly agenda: readonly string[];
  /** The deadline for motions (ISO instant), or null when there is none before the meeting. */
  readonly motionDeadline: string | null;
  readonly meetingUrl: string;
  readonly calendarUrl: string;
}
