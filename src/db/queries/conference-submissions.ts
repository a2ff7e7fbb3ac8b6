import type { Db } from '../database.ts';
import type { ConferenceSubmissionTable } from '../schema-conference.ts';
import { submissionOf, type SubmissionRecord } from './conference.ts';

/**
 * A conference's submissions read a part at a time: the desk, the phone and the API show a page
 * of them, the subjects with their counts, and the few that the business names (a card vote's
 * motion, a reference back's rulings, those on the debated subjects), not all 3,000 with their
 * texts (bench/conference-pages.ts).
 */

/** Which submissions a page shows: those on a subject (null: none named yet), from an offset. */
export interface SubmissionsPage {
  /** Undefined: every subject; null: the submissions with no subject named yet. */
  readonly subject?: string | null | undefined;
  readonly from: number;
  readonly limit: number;
}

/** A subject and how many submissions are on it, in all and by status. */
export interface SubjectCount {
  readonly subject: string | null;
  readonly total: number;
  readonly byStatus: Readonly<Partial<Record<ConferenceSubmissionTable['status'], number>>>;
}

const ofMeeting = (db: Db, meetingId: string) =>
  db.selectFrom('conference_submissions').where('meeting_id', '=', meetingId);

/** The submissions' subjects with their counts by status, in one grouped read, by subject. */
export async function countSubmissionsBySubject(db: Db, meetingId: string) {
  const rows = await ofMeeting(db, meetingId)
    .select((eb) => ['subject', 'status', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['subject', 'status'])
    .execute();
  const bySubject = new Map<string | null, SubjectCount>();
  for (const r of rows) {
    const n = Number(r.n);
    const was = bySubject.get(r.subject) ?? { subject: r.subject, total: 0, byStatus: {} };
    bySubject.set(r.subject, {
      subject: r.subject,
      total: was.total + n,
      byStatus: { ...was.byStatus, [r.status]: n },
    });
  }
  // Those awaiting a subject first (the committee's work), then by name.
  return [...bySubject.values()].sort((a, b) =>
    a.subject === null ? -1 : b.subject === null ? 1 : a.subject.localeCompare(b.subject),
  );
}

/** A page of submissions, in the order they came in. */
export async function listSubmissionsPage(db: Db, meetingId: string, page: SubmissionsPage) {
  let query = ofMeeting(db, meetingId).selectAll();
  if (page.subject === null) query = query.where('subject', 'is', null);
  else if (page.subject !== undefined) query = query.where('subject', '=', page.subject);
  const rows = await query
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.from)
    .execute();
  return rows.map(submissionOf);
}

/** The submissions named (by card votes, references back), in one read. */
export async function listSubmissionsByIds(db: Db, ids: readonly string[]) {
  if (!ids.length) return [] as SubmissionRecord[];
  const rows = await db
    .selectFrom('conference_submissions')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(submissionOf);
}

/**
 * What goes to debate: the submissions in order (and the composites) on the subjects the
 * priorities ballot chose, without their texts.
 */
export async function listDebatedSubmissions(
  db: Db,
  meetingId: string,
  subjects: readonly string[],
) {
  if (!subjects.length) return [];
  return ofMeeting(db, meetingId)
    .select(['id', 'title', 'subject', 'delegation_id'])
    .where('subject', 'in', [...subjects])
    .where((eb) => eb.or([eb('status', '=', 'in-order'), eb('kind', '=', 'composite')]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
