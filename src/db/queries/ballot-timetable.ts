import type { Db } from '../database.ts';

/**
 * What the ballot timetable reads and claims (src/app/ballots/ballot-timetable.ts): drafts due
 * to open, open ballots due a reminder or a close (their electors are written to by
 * member-mail.ts).
 * Each list is short and in due order, from the ballots_timetable index.
 */

const due = (db: Db) =>
  db.selectFrom('ballots').select(['id', 'end_to_end', 'body_id', 'organisation_id']).orderBy('id');

/** Drafts whose opening time has come. */
export const listBallotsDueToOpen = (db: Db, now: string, limit: number) =>
  due(db)
    .where('state', '=', 'draft')
    .where('opens_at', 'is not', null)
    .where('opens_at', '<=', now)
    .limit(limit)
    .execute();

/** Open ballots whose closing time has come. */
export const listBallotsDueToClose = (db: Db, now: string, limit: number) =>
  due(db)
    .where('state', '=', 'open')
    .where('closes_at', 'is not', null)
    .where('closes_at', '<=', now)
    .limit(limit)
    .execute();

/** Open ballots not yet reminded that close after `now` and no later than `by`. */
export const listBallotsDueReminder = (db: Db, now: string, by: string, limit: number) =>
  due(db)
    .where('state', '=', 'open')
    .where('reminded_at', 'is', null)
    .where('closes_at', '>', now)
    .where('closes_at', '<=', by)
    .limit(limit)
    .execute();

/**
 * Claims a ballot's reminder: true for the one caller whose conditional update set
 * `reminded_at`; everyone else (another process, a second tick) finds it set and gets false.
 */
export async function claimReminder(db: Db, ballotId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('ballots')
    .set({ reminded_at: now })
    .where('id', '=', ballotId)
    .where('state', '=', 'open')
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
