import { invalid, type FieldProblem } from '../errors.ts';
import { normaliseEmail, normaliseName } from '../names.ts';
import { parseCalendarDate } from './member-import.ts';

/**
 * The member register as a secretary keeps it, one member at a time: what a member's details
 * must be, when a membership may lapse, and the register written out as CSV that the import
 * reads back (member-import.ts).
 */

/** A member's details as a secretary types them, before they are checked. */
export interface MemberDetailsInput {
  readonly name: string;
  readonly email: string;
  readonly memberNumber?: string | undefined;
  readonly joinedOn?: string | undefined;
}

/** A member's details, checked: the name and email as the register keeps them. */
export interface MemberDetails {
  readonly name: string;
  readonly email: string;
  readonly memberNumber: string | null;
  readonly joinedOn: string | null;
}

/**
 * Checks a member's details by the same rules as an imported row (member-import.ts `readRow`):
 * a name of at most 200 characters, a plausible email (lower-cased), a member number of at most
 * 64 characters, and a joining date that exists. Every problem is named with its field.
 */
export function checkMemberDetails(input: MemberDetailsInput, today: string): MemberDetails {
  const problems: FieldProblem[] = [];
  const name = normaliseName(input.name);
  if (!name) problems.push({ path: 'name', message: 'Give the member’s name.' });
  else if (name.length > 200)
    problems.push({ path: 'name', message: 'The name is longer than 200 characters.' });
  const email = normaliseEmail(input.email);
  if (!email)
    problems.push({ path: 'email', message: `"${input.email.trim()}" is not an email address.` });
  const memberNumber = input.memberNumber?.trim() || null;
  if (memberNumber && memberNumber.length > 64)
    problems.push({ path: 'memberNumber', message: 'The member number is too long.' });
  const rawJoined = input.joinedOn?.trim();
  const joinedOn = rawJoined ? parseCalendarDate(rawJoined) : null;
  if (rawJoined && !joinedOn)
    problems.push({ path: 'joinedOn', message: `"${rawJoined}" is not a real date.` });
  else if (joinedOn && joinedOn > today)
    problems.push({ path: 'joinedOn', message: 'The joining date is in the future.' });
  if (problems.length) throw invalid('Check the member’s details.', problems);
  return { name, email: email!, memberNumber, joinedOn };
}

/**
 * The day a membership lapses: the date given (today when none), which must exist and not come
 * before the member joined. From that day the member is no longer current (`notLeftBy`), so they
 * are left out of notices, quorums and new electorates; the membership itself is kept, with its
 * dates, as the register's history.
 */
export function lapseDate(raw: string | undefined, joinedOn: string | null, today: string): string {
  const given = raw?.trim();
  const leftOn = given ? parseCalendarDate(given) : today;
  if (!leftOn)
    throw invalid('That is not a date.', [
      { path: 'leftOn', message: `"${given}" is not a real date.` },
    ]);
  if (joinedOn && leftOn < joinedOn)
    throw invalid('A membership cannot lapse before it began.', [
      { path: 'leftOn', message: `The member joined on ${joinedOn}.` },
    ]);
  return leftOn;
}

/** One member as the register's CSV lists them. */
export interface RegisterCsvRow {
  readonly memberNumber: string | null;
  readonly name: string;
  readonly email: string;
  readonly branch: string;
  readonly joinedOn: string | null;
  readonly leftOn: string | null;
}

/**
 * The headings of the register's CSV: those of the sample register in examples/members, each
 * one the import recognises (member-import.ts `HEADER_NAMES`), so an export imports again as it
 * is. Status and Left say whether and when a membership lapsed.
 */
export const REGISTER_CSV_HEADINGS = [
  'Membership Number',
  'Full Name',
  'Email',
  'Branch',
  'Joined',
  'Status',
  'Left',
] as const;

/**
 * One cell of CSV, safe to open in a spreadsheet. A cell beginning with `=`, `+`, `-` or `@`, a
 * tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a formula, which a
 * name like `=HYPERLINK(...)` turns into an attack on whoever opens the file ("CSV injection",
 * OWASP): such a cell gets a single quote in front, which the spreadsheet shows as text. Then a
 * cell holding a comma, a quote or a line break is quoted (RFC 4180), its quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A line of CSV from its cells, ended by CRLF (RFC 4180). */
export const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** One member as a line of the register's CSV, lapsed or current as of `today`. */
export function registerCsvLine(row: RegisterCsvRow, today: string): string {
  const lapsed = row.leftOn !== null && row.leftOn <= today;
  return csvLine([
    row.memberNumber ?? '',
    row.name,
    row.email,
    row.branch,
    row.joinedOn ?? '',
    lapsed ? 'Lapsed' : 'Active',
    row.leftOn ?? '',
  ]);
}
