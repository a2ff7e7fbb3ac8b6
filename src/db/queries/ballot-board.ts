import type { Db } from '../database.ts';
import type {
  BallotBoardSliceTable,
  BallotBoardTable,
  BallotPseudonymTable,
  BallotRunningTotalTable,
  BallotTrusteeTable,
} from '../schema-e2e.ts';

/*
 * An end-to-end ballot's rows (docs/e2e-protocol.md): its trustees, its bulletin board and the
 * pseudonyms of its electorate. The board is appended to only by src/app/ballots/board.ts, with
 * the ballot row locked, so seq and the hash chain never fork.
 */

export const insertTrustees = (db: Db, rows: readonly BallotTrusteeTable[]) =>
  db
    .insertInto('ballot_trustees')
    .values([...rows])
    .execute();

/** The trustees of a ballot by number, with their names (the `setup` event names them). */
export const listTrustees = (db: Db, ballotId: string) =>
  db
    .selectFrom('ballot_trustees')
    .innerJoin('people', 'people.id', 'ballot_trustees.person_id')
    .select(['ballot_trustees.trustee', 'ballot_trustees.person_id', 'people.name'])
    .where('ballot_trustees.ballot_id', '=', ballotId)
    .orderBy('ballot_trustees.trustee')
    .execute();

/** The number of this person as a trustee of the ballot, if they are one. */
export const findTrusteeNumber = async (db: Db, ballotId: string, personId: string) =>
  (
    await db
      .selectFrom('ballot_trustees')
      .select('trustee')
      .where('ballot_id', '=', ballotId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
  )?.trustee;

export const insertBoardEvent = (db: Db, row: BallotBoardTable) =>
  db.insertInto('ballot_board').values(row).execute();

/** The last event on the board: what the next one chains to. */
export const findLastBoardEvent = (db: Db, ballotId: string) =>
  db
    .selectFrom('ballot_board')
    .select(['seq', 'hash'])
    .where('ballot_id', '=', ballotId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The events of these types, in board order. */
export const listBoardEventsOfTypes = (db: Db, ballotId: string, types: readonly string[]) =>
  db
    .selectFrom('ballot_board')
    .selectAll()
    .where('ballot_id', '=', ballotId)
    .where('type', 'in', types)
    .orderBy('seq')
    .execute();

/** How many events of this type the board holds. */
export const countBoardEvents = async (db: Db, ballotId: string, type: string) =>
  Number(
    (
      await db
        .selectFrom('ballot_board')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('ballot_id', '=', ballotId)
        .where('type', '=', type)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The weighted total kept as the ballots are cast, if any has been. */
export const findRunningTotal = (db: Db, ballotId: string) =>
  db
    .selectFrom('ballot_running_totals')
    .selectAll()
    .where('ballot_id', '=', ballotId)
    .executeTakeFirst();

export const saveRunningTotal = (db: Db, row: BallotRunningTotalTable) =>
  db
    .insertInto('ballot_running_totals')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('ballot_id')
        .doUpdateSet({ ballots: row.ballots, weight: row.weight, total: row.total }),
    )
    .execute();

/** The whole board, in order. */
export const listBoard = (db: Db, ballotId: string) =>
  db
    .selectFrom('ballot_board')
    .selectAll()
    .where('ballot_id', '=', ballotId)
    .orderBy('seq')
    .execute();

export async function insertPseudonyms(db: Db, rows: readonly BallotPseudonymTable[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('ballot_pseudonyms')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** The electorate of the ballot as frozen at the opening: each person with weight 1 or a card's. */
export const listElectors = (db: Db, ballotId: string) =>
  db
    .selectFrom('ballot_electors')
    .select(['person_id', 'weight'])
    .where('ballot_id', '=', ballotId)
    .execute();

export const findPseudonymOf = (db: Db, ballotId: string, personId: string) =>
  db
    .selectFrom('ballot_pseudonyms')
    .select(['pseudonym', 'weight'])
    .where('ballot_id', '=', ballotId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

/** A big event's slices (migration 0041), a few hundred rows to a statement. */
export async function insertBoardSlices(db: Db, rows: readonly BallotBoardSliceTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('ballot_board_slices')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Up to `limit` slices of one list of a big event, from slice `from` on. */
export const listBoardSlices = (
  db: Db,
  key: { ballotId: string; seq: number; field: number },
  from: number,
  limit: number,
) =>
  db
    .selectFrom('ballot_board_slices')
    .select(['slice', 'items'])
    .where('ballot_id', '=', key.ballotId)
    .where('seq', '=', key.seq)
    .where('field', '=', key.field)
    .where('slice', '>=', from)
    .orderBy('slice')
    .limit(limit)
    .execute();

/** Up to `limit` events of the board after `after`, up to `last`: the board read a page at a time. */
export const listBoardPage = (
  db: Db,
  ballotId: string,
  range: { after: number; last: number },
  limit: number,
) =>
  db
    .selectFrom('ballot_board')
    .selectAll()
    .where('ballot_id', '=', ballotId)
    .where('seq', '>', range.after)
    .where('seq', '<=', range.last)
    .orderBy('seq')
    .limit(limit)
    .execute();
