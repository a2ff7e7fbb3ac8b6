import type { Kysely } from 'kysely';
import { createIndex } from './support.ts';

/*
 * A conference's submissions read a page at a time (issue 20: the desk and the API show 50 or
 * 100 of 3,000): in the order they came in, of the whole conference or of one subject. These
 * indexes hold that order, so a page is read from the index instead of sorting every
 * submission with its text first (bench/conference-pages.ts); they begin with the meeting, so
 * the index on the meeting alone is no longer needed.
 */
export async function up(db: Kysely<unknown>) {
  await createIndex(db, 'conference_submissions_meeting_order', 'conference_submissions', [
    'meeting_id',
    'created_at',
    'id',
  ]);
  await createIndex(db, 'conference_submissions_meeting_subject', 'conference_submissions', [
    'meeting_id',
    'subject',
    'created_at',
    'id',
  ]);
  await db.schema.dropIndex('conference_submissions_meeting').execute();
}
