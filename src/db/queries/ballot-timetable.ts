import type { Db } from '../database.ts';

/**
 * What the ballot timetable reads and claims (src/app/ballots/ballot-timetable.ts): drafts due
 * to open, open ballots due a reminder or a close, and the addresses of a ballot's electors.
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

/**
 * The electors of a ballot with where to write to them, in name order; with `notVoted`, only
 * those the roll does not show as having voted (the roll says who voted, never how).
 */
export const listElectorAddresses = (db: Db, ballotId: string, opts: { notVoted: boolean }) => {
  const q = db
    .selectFrom('ballot_electors')
    .innerJoin('people', 'people.id', 'ballot_electors.person_id')
    .select(['people.id as person_id', 'people.name', 'people.email', 'people.locale'])
    .where('ballot_electors.ballot_id', '=', ballotId)
    .where('people.email', '!=', '')
    .orderBy('people.name')
    .orderBy('people.id');
  return (
    opts.notVoted
      ? q.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('ballot_roll')
                .select('ballot_roll.person_id')
                .whereRef('ballot_roll.ballot_id', '=', 'ballot_electors.ballot_id')
                .whereRef('ballot_roll.person_id', '=', 'ballot_electors.person_id'),
            ),
          ),
        )
      : q
  ).execute();
};
