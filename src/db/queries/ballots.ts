import { sql } from 'kysely';
import type { Db, DialectName } from '../database.ts';
import type { BallotBoxTable, BallotTable, NominationTable } from '../schema.ts';

export type BallotRow = BallotTable;
export type BoxRow = BallotBoxTable;

export const insertBallot = (db: Db, row: BallotRow) =>
  db.insertInto('ballots').values(row).execute();

export const findBallot = (db: Db, id: string) =>
  db.selectFrom('ballots').selectAll().where('id', '=', id).executeTakeFirst();

export const listBallotsOfBody = (db: Db, bodyId: string) =>
  db
    .selectFrom('ballots')
    .selectAll()
    .where('body_id', '=', bodyId)
    .orderBy('created_at', 'desc')
    .execute();

/**
 * Loads ballots for casting. On PostgreSQL the rows are share-locked, so that closing a ballot
 * (which takes the row lock) waits for ballots already being cast, and a cast after the close
 * sees it closed.
 */
export function findBallotsForCasting(db: Db, ids: readonly string[], dialect: DialectName) {
  const q = db.selectFrom('ballots').selectAll().where('id', 'in', ids);
  return (dialect === 'postgres' ? q.forShare() : q).execute();
}

export function lockBallot(db: Db, id: string, dialect: DialectName) {
  const q = db.selectFrom('ballots').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export const updateBallot = (
  db: Db,
  id: string,
  changes: Partial<
    Pick<BallotRow, 'state' | 'opened_at' | 'closed_at' | 'electorate' | 'result' | 'closes_at'>
  >,
) => db.updateTable('ballots').set(changes).where('id', '=', id).execute();

/** Freezes the electorate: the body's current members, each with their vote weight (default 1). */
export async function freezeElectorate(
  db: Db,
  ballotId: string,
  bodyId: string,
  today: string,
): Promise<number> {
  await db
    .insertInto('ballot_electors')
    .columns(['ballot_id', 'person_id', 'weight'])
    .expression(
      db
        .selectFrom('memberships')
        .select((eb) => [
          eb.cast<string>(eb.val(ballotId), 'text').as('ballot_id'),
          'person_id',
          eb.fn.coalesce('vote_weight', eb.val(1)).as('weight'),
        ])
        .where('body_id', '=', bodyId)
        .where('role', '=', 'member')
        .where((w) => w.or([w('left_on', 'is', null), w('left_on', '>', today)])),
    )
    .execute();
  return countRows(db, 'ballot_electors', ballotId);
}

async function countRows(
  db: Db,
  table: 'ballot_electors' | 'ballot_roll' | 'ballot_receipts',
  ballotId: string,
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ballot_id', '=', ballotId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const countVoted = (db: Db, ballotId: string) => countRows(db, 'ballot_roll', ballotId);

/** Electors among these people for these ballots. */
export async function findElectors(
  db: Db,
  ballotIds: readonly string[],
  personIds: readonly string[],
) {
  // `in ()` is a syntax error on PostgreSQL: a batch of votes for unknown ballots asks nothing.
  if (!ballotIds.length || !personIds.length) return [];
  return db
    .selectFrom('ballot_electors')
    .selectAll()
    .where('ballot_id', 'in', ballotIds)
    .where('person_id', 'in', personIds)
    .execute();
}

export const findElector = (db: Db, ballotId: string, personId: string) =>
  db
    .selectFrom('ballot_electors')
    .selectAll()
    .where('ballot_id', '=', ballotId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const hasVoted = async (db: Db, ballotId: string, personId: string) =>
  !!(await db
    .selectFrom('ballot_roll')
    .select('person_id')
    .where('ballot_id', '=', ballotId)
    .where('person_id', '=', personId)
    .executeTakeFirst());

/**
 * Marks people as having voted; returns those newly marked. Anyone already on the roll is
 * left out: this key is what makes a second vote impossible, across processes too.
 */
export async function addToRoll(db: Db, rows: readonly { ballot_id: string; person_id: string }[]) {
  if (!rows.length) return [];
  return db
    .insertInto('ballot_roll')
    .values([...rows])
    .onConflict((oc) => oc.columns(['ballot_id', 'person_id']).doNothing())
    .returning(['ballot_id', 'person_id'])
    .execute();
}

export async function addToBox(db: Db, rows: readonly BoxRow[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('ballot_box')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function addReceipts(
  db: Db,
  rows: readonly { ballot_id: string; fingerprint: string }[],
) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('ballot_receipts')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export const findReceipt = (db: Db, ballotId: string, fingerprint: string) =>
  db
    .selectFrom('ballot_receipts')
    .select('fingerprint')
    .where('ballot_id', '=', ballotId)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();

export const listReceipts = (db: Db, ballotId: string) =>
  db
    .selectFrom('ballot_receipts')
    .select('fingerprint')
    .where('ballot_id', '=', ballotId)
    .orderBy('fingerprint')
    .execute();

/** The box summed by choice: identical choices (and identical rankings) become one row. */
export async function tallyBox(db: Db, ballotId: string) {
  const rows = await db
    .selectFrom('ballot_box')
    .select((eb) => [
      'choice',
      eb.fn.sum<number | string>('weight').as('weight'),
      eb.fn.countAll<number | string>().as('papers'),
    ])
    .where('ballot_id', '=', ballotId)
    .groupBy('choice')
    .orderBy('choice')
    .execute();
  return rows.map((r) => ({
    choice: r.choice,
    weight: Number(r.weight),
    papers: Number(r.papers),
  }));
}

/** Open ballots only: who chose what. */
export const listNamedVotes = (db: Db, ballotId: string) =>
  db
    .selectFrom('ballot_box')
    .innerJoin('people', 'people.id', 'ballot_box.voter_person_id')
    .select(['people.name', 'ballot_box.choice', 'ballot_box.weight'])
    .where('ballot_box.ballot_id', '=', ballotId)
    .orderBy('people.name')
    .execute();

/**
 * On PostgreSQL rows lie in the heap in the order they were written, which a dump preserves.
 * After the close the box is rewritten in an order that says nothing (by choice, then random
 * id), so no dump can line up the n-th voter on the roll with the n-th choice. The roll and the
 * receipts may keep their order: neither holds a choice. SQLite's WITHOUT ROWID tables are
 * stored in key order already.
 */
export async function scrambleStorageOrder(db: Db, ballotId: string, dialect: DialectName) {
  if (dialect !== 'postgres') return;
  await sql`with moved as (delete from ballot_box where ballot_id = ${ballotId} returning *)
    insert into ballot_box select * from moved order by choice, id`.execute(db);
}

export const insertNomination = (db: Db, row: NominationTable) =>
  db.insertInto('nominations').values(row).execute();

export const findNomination = (db: Db, id: string) =>
  db.selectFrom('nominations').selectAll().where('id', '=', id).executeTakeFirst();

export const setSeconder = (db: Db, id: string, seconderPersonId: string) =>
  db
    .updateTable('nominations')
    .set({ seconder_person_id: seconderPersonId })
    .where('id', '=', id)
    .where('seconder_person_id', 'is', null)
    .executeTakeFirst();

/** Nominations of a ballot in the order they were made, with proposer's and seconder's names. */
export const listNominations = (db: Db, ballotId: string) =>
  db
    .selectFrom('nominations')
    .innerJoin('people as proposer', 'proposer.id', 'nominations.proposer_person_id')
    .leftJoin('people as seconder', 'seconder.id', 'nominations.seconder_person_id')
    .select([
      'nominations.id',
      'nominations.candidate_person_id',
      'nominations.candidate_name',
      'nominations.proposer_person_id',
      'nominations.seconder_person_id',
      'nominations.created_at',
      'proposer.name as proposer_name',
      'seconder.name as seconder_name',
    ])
    .where('nominations.ballot_id', '=', ballotId)
    .orderBy('nominations.created_at')
    .orderBy('nominations.candidate_name')
    .execute();

export const updateBallotOptions = (db: Db, id: string, options: string) =>
  db.updateTable('ballots').set({ options }).where('id', '=', id).execute();
