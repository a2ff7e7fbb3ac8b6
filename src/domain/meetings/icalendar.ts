import { invalid } from '../errors.ts';

/**
 * Meetings as iCalendar (RFC 5545): a `.ics` download for one meeting, and a feed of a body's
 * meetings that calendar apps subscribe to.
 *
 * The rules followed, by section of RFC 5545:
 * - 3.1 Content lines end in CRLF and are folded so that no line is longer than 75 octets (of
 *   UTF-8), excluding the CRLF: a long line is split by inserting CRLF and one space. We never
 *   split a multi-octet character.
 * - 3.3.11 TEXT values escape backslash, semicolon and comma with a backslash, and newlines as
 *   `\n`. URIs (3.3.13) are not escaped.
 * - 3.3.5 Date-times are written in UTC, form 2: `19980119T070000Z`.
 * - 3.6.1 A VEVENT has UID and DTSTAMP; 3.8.4.7 the UID is globally unique and stays the same
 *   when the event changes (`meetingUid`), and SEQUENCE counts revisions.
 * - 3.7.3 / 3.7.4 The VCALENDAR has PRODID and VERSION:2.0; METHOD:PUBLISH for a feed (RFC 5546).
 * - RFC 7986 NAME (with the common X-WR-CALNAME) names the feed.
 */

export interface CalendarMeeting {
  /** Stable and globally unique: see meetingUid. */
  readonly uid: string;
  readonly title: string;
  readonly startsAt: string | Date;
  /** When absent, the event lasts `defaultDurationMinutes`. */
  readonly endsAt?: string | Date | null;
  readonly location?: string | null;
  readonly description?: string | null;
  /** The meeting's page. */
  readonly url?: string | null;
  readonly status?: 'confirmed' | 'tentative' | 'cancelled';
  /** Bumped each time the meeting's time, place or status changes. */
  readonly sequence?: number;
  /** When the meeting was last changed (LAST-MODIFIED). */
  readonly updatedAt?: string | Date | null;
}

/** A UID that stays the same for the life of the meeting: `meeting-<id>@<host>`. */
export const meetingUid = (meetingId: string, host: string): string =>
  `meeting-${meetingId}@${host}`;

/** A date-time in UTC, RFC 5545 3.3.5 form 2: `20250709T180000Z`. */
export function formatUtc(at: string | Date): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) {
    throw invalid(`“${String(at)}” is not a date and time.`);
  }
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/**
 * Folds one content line into physical lines of at most 75 octets (RFC 5545 3.1), joined by
 * CRLF + space, never splitting a character (a code point: surrogate pairs stay together).
 */
export function foldLine(line: string): string {
  if (octets(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  // The first line holds 75 octets; each continuation holds 74 after its leading space.
  let limit = 75;
  for (const char of line) {
    const n = octets(char);
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74;
    }
    current += char;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Undoes folding (RFC 5545 3.1): CRLF followed by one space or tab is removed. */
export const unfold = (text: string): string => text.replace(/\r\n[ \t]/g, '');

const DEFAULT_DURATION_MINUTES = 120;

/** The content lines (unfolded) of one VEVENT. */
export function meetingEventLines(
  meeting: CalendarMeeting,
  props: { generatedAt: string | Date; defaultDurationMinutes?: number },
): string[] {
  const starts = new Date(meeting.startsAt);
  const ends = meeting.endsAt
    ? new Date(meeting.endsAt)
    : new Date(
        starts.getTime() + (props.defaultDurationMinutes ?? DEFAULT_DURATION_MINUTES) * 60_000,
      );
  const lines = [
    'BEGIN:VEVENT',
    `UID:${meeting.uid}`,
    `DTSTAMP:${formatUtc(props.generatedAt)}`,
    `DTSTART:${formatUtc(starts)}`,
    `DTEND:${formatUtc(ends)}`,
    `SUMMARY:${escapeText(meeting.title)}`,
  ];
  if (meeting.location) lines.push(`LOCATION:${escapeText(meeting.location)}`);
  if (meeting.description) lines.push(`DESCRIPTION:${escapeText(meeting.description)}`);
  if (meeting.url) lines.push(`URL:${meeting.url}`);
  lines.push(`STATUS:${(meeting.status ?? 'confirmed').toUpperCase()}`);
  lines.push(`SEQUENCE:${meeting.sequence ?? 0}`);
  if (meeting.updatedAt) lines.push(`LAST-MODIFIED:${formatUtc(meeting.updatedAt)}`);
  lines.push('END:VEVENT');
  return lines;
}

const DEFAULT_PRODID = '-//Seconded//Seconded meetings//EN';

/**
 * A VCALENDAR holding the meetings, as the text of an `.ics` file (folded, CRLF line ends).
 * For one meeting's download pass one meeting; for a body's feed pass its meetings and a name.
 */
export function meetingsCalendar(props: {
  meetings: readonly CalendarMeeting[];
  /** DTSTAMP: when this calendar was generated (the caller's clock). */
  generatedAt: string | Date;
  /** The feed's name, e.g. "Camden Town Group meetings". */
  name?: string;
  prodId?: string;
  defaultDurationMinutes?: number;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${props.prodId ?? DEFAULT_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (props.name) {
    lines.push(`NAME:${escapeText(props.name)}`, `X-WR-CALNAME:${escapeText(props.name)}`);
  }
  for (const meeting of props.meetings) lines.push(...meetingEventLines(meeting, props));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
