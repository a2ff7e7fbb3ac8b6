import { sql } from 'kysely';
import type { BallotOptions, BallotResult } from '../../domain/ballots/ballot.ts';
import { dialectOf, type Db } from '../database.ts';
import { readJson, readJsonOrNull } from '../json.ts';
import { findById, lockById, updateById } from '../rows.ts';
import type {
  BallotBoxTable,
  BallotReceiptTable,
  BallotRollTable,
  BallotTable,
  NominationTable,
} from '../schema.ts';
import { compiledPerRowCount } from '../compiled-rows.ts';
import { currentMembershipsOf } from './memberships.ts';

/** A ballot as stored: its options and result are JSON text. */
export type StoredBallot = BallotTable;
/** A ballot as src/db hands it out: options and result read back as the domain's types. */
export type BallotRow = Omit<BallotTable, 'options' | 'result'> & {
  options: BallotOptions;
  result: BallotResult | null;
};

const ballotOf = <R extends BallotTable>(row: R) => ({
  ...row,
  options: readJson<BallotOptions>(row.options),
  result: readJsonOrNull<BallotResult>(row.result),
});
export type BoxRow = BallotBoxTable;

type Optional = 'end_to_end' | 'needed' | 'opens_at' | 'time_zone' | 'reminded_at' | 'motion_id';

/** A new ballot; plain (not end-to-end), without a timetable and with no paper ballots yet. */
export const insertBallot = (
  db: Db,
  row: Omit<StoredBallot, Optional | 'papers_issued' | 'paper_count'> &
    Partial<Pick<StoredBallot, Optional>>,
) =>
  db
    .insertInto('ballots')
    .values({
      ...row,
      end_to_end: row.end_to_end ?? 0,
      needed: row.needed ?? null,
      papers_issued: 0,
      paper_count: null,
      opens_at: row.opens_at ?? null,
      time_zone: row.time_zone ?? null,
      reminded_at: row.reminded_at ?? null,
      motion_id: row.motion_id ?? null,
    })
    .execute();

export const findBallot = async (db: Db, id: string): Promise<BallotRow | undefined> => {
  const row = await findById(db, 'ballots', id);
  return row && ballotOf(row);
};

/** The ballot of a body's members deciding one of its motions (0027), if there is one. */
export const findBallotOfMotion = (db: Db, motionId: string) =>
  db
    .selectFrom('ballots')
    .select(['id', 'state', 'secret', 'opens_at', 'closes_at'])
    .where('motion_id', '=', motionId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

/** A ballot's result exactly as stored, and its seal's hash: what `seconded verify` checks. */
export const findBallotSealed = (db: Db, id: string) =>
  db
    .selectFrom('ballots')
    .select(['result', 'result_hash'])
    .where('id', '=', id)
    .executeTakeFirst();

export const listBallotsOfBody = async (db: Db, bodyId: string): Promise<BallotRow[]> =>
  (
    await db
      .selectFrom('ballots')
      .selectAll()
      .where('body_id', '=', bodyId)
      .orderBy('created_at', 'desc')
      .execute()
  ).map(ballotOf);

/**
 * Loads ballots for casting, each with those of `personIds` on its electorate, in one query: a
 * row per elector found (a ballot with none comes once, with null elector columns). On
 * PostgreSQL the ballot rows are share-locked (unless `lock` is false: castVotesAtOnce takes the
 * lock itself), so that closing a ballot (which takes the row lock) waits for ballots already
 * being cast, and a cast after the close sees it closed.
 */
export async function findBallotsForCasting(
  db: Db,
  ids: readonly string[],
  personIds: readonly string[],
  { lock = true }: { lock?: boolean } = {},
) {
  const q = db
    .selectFrom('ballots')
    .leftJoin('ballot_electors', (join) =>
      join
        .onRef('ballot_electors.ballot_id', '=', 'ballots.id')
        .on('ballot_electors.person_id', 'in', personIds),
    )
    .selectAll('ballots')
    .select([
      'ballot_electors.person_id as elector_id',
      'ballot_electors.weight as elector_weight',
      'ballot_electors.paper as elector_paper',
    ])
    .where('ballots.id', 'in', ids);
  return (await (lock && dialectOf(db) === 'postgres' ? q.forShare('ballots') : q).execute()).map(
    ballotOf,
  );
}

export async function lockBallot(db: Db, id: string): Promise<BallotRow | undefined> {
  const row = await lockById(db, 'ballots', id);
  return row && ballotOf(row);
}

export const updateBallot = updateById<
  'ballots',
  'state' | 'opened_at' | 'closed_at' | 'electorate' | 'result' | 'result_hash' | 'closes_at'
>('ballots');

/** The body's current members as electors of a ballot, each with their vote weight (default 1). */
const currentMembersAsElectors = (db: Db, ballotId: string, bodyId: string, today: string) =>
  currentMembershipsOf(db, bodyId, today).select((eb) => [
    eb.cast<string>(eb.val(ballotId), 'text').as('ballot_id'),
    'memberships.person_id',
    eb.fn.coalesce('memberships.vote_weight', eb.val(1)).as('weight'),
  ]);

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
    .expression(currentMembersAsElectors(db, ballotId, bodyId, today))
    .execute();
  return countRows(db, 'ballot_electors', ballotId);
}

/**
 * Freezes the electorate of a ballot of those present at a meeting: the body's current members
 * signed in to it now, each with their vote weight (default 1), so that members arriving or
 * leaving while the ballot runs do not change who may vote.
 */
export async function freezeElectorateOfMeeting(
  db: Db,
  ballotId: string,
  bodyId: string,
  meetingId: string,
  today: string,
): Promise<{ electors: number; weight: number }> {
  await db
    .insertInto('ballot_electors')
    .columns(['ballot_id', 'person_id', 'weight'])
    .expression(
      currentMembersAsElectors(db, ballotId, bodyId, today).where(
        'memberships.person_id',
        'in',
        (eb) =>
          eb
            .selectFrom('attendance')
            .select('attendance.person_id')
            .where('attendance.meeting_id', '=', meetingId)
            .where('attendance.signed_out_at', 'is', null),
      ),
    )
    .execute();
  const row = await db
    .selectFrom('ballot_electors')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string | null>('weight').as('w'),
    ])
    .where('ballot_id', '=', ballotId)
    .executeTakeFirstOrThrow();
  return { electors: Number(row.n), weight: Number(row.w ?? 0) };
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
type RollRow = BallotRollTable;
type ReceiptRow = BallotReceiptTable;

export async function addToRoll(db: Db, rows: readonly RollRow[]) {
  if (!rows.length) return [];
  // In key order: batches committing side by side then take the keys' locks in the same order,
  // so two attempts by one member in different batches wait for each other, never deadlock.
  const ordered = [...rows].sort((a, b) =>
    a.ballot_id === b.ballot_id
      ? compare(a.person_id, b.person_id)
      : compare(a.ballot_id, b.ballot_id),
  );
  return insertIntoRoll(db, ordered);
}

// The cast path's inserts, built once for each number of rows (compiled-rows.ts).
const insertIntoRoll = compiledPerRowCount(['ballot_id', 'person_id'], (db, rows: RollRow[]) =>
  db
    .insertInto('ballot_roll')
    .values(rows)
    .onConflict((oc) => oc.columns(['ballot_id', 'person_id']).doNothing())
    .returning(['ballot_id', 'person_id']),
);
const BOX_COLUMNS = ['ballot_id', 'id', 'choice', 'weight', 'voter_person_id'] as const;
const RECEIPT_COLUMNS = ['ballot_id', 'fingerprint'] as const;
const insertIntoBox = compiledPerRowCount(BOX_COLUMNS, (db, rows: BoxRow[]) =>
  db.insertInto('ballot_box').values(rows),
);
const insertReceipts = compiledPerRowCount(RECEIPT_COLUMNS, (db, rows: ReceiptRow[]) =>
  db.insertInto('ballot_receipts').values(rows),
);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Puts papers in the box and their receipts' fingerprints beside them (the caller shuffles
 * both). On PostgreSQL in one statement, a round trip fewer for every batch of votes.
 */
export async function addToBoxWithReceipts(
  db: Db,
  box: readonly BoxRow[],
  receipts: readonly ReceiptRow[],
) {
  for (let i = 0; i < Math.max(box.length, receipts.length); i += 1000) {
    const papers = box.slice(i, i + 1000);
    const fingerprints = receipts.slice(i, i + 1000);
    if (dialectOf(db) === 'postgres' && papers.length && fingerprints.length) {
      await db
        .with('papers', (db) => db.insertInto('ballot_box').values(papers))
        .insertInto('ballot_receipts')
        .values(fingerprints)
        .execute();
      continue;
    }
    if (papers.length) await insertIntoBox(db, papers);
    if (fingerprints.length) await insertReceipts(db, fingerprints);
  }
}

/** A vote for castVotesAtOnce: its roll entry, and its box and receipt rows if it is taken. */
export interface VoteToWrite {
  readonly ballot_id: string;
  readonly person_id: string;
  readonly box: BoxRow;
  readonly fingerprint: string;
}

/**
 * PostgreSQL only: writes a batch of votes in one statement, so one round trip (and its own
 * commit) where a transaction took four. The statement checks again what the caller checked on
 * a read without locks: each ballot is still open (its row share-locked, as findBallotsForCasting
 * does, so a close waits for this statement or this statement sees the close), each voter is
 * still an elector not voting on paper; then it puts each such voter on the roll (its key
 * refusing a second vote), and only for those newly on it adds the box and receipt rows, each in
 * the order given (the caller shuffles box and receipts separately: DESIGN.md section 5). The
 * voter's id travels beside a box row only inside the statement, to match it with the roll; it
 * is stored only when the caller put it in the row (an open ballot).
 *
 * Returns the ballots found open, the votes found eligible and the votes put on the roll.
 */
export async function castVotesAtOnce(
  db: Db,
  votes: readonly VoteToWrite[],
  boxOrder: readonly number[],
  receiptOrder: readonly number[],
  now: string,
) {
  const column = <T>(order: readonly number[], of: (v: VoteToWrite) => T) =>
    order.map((i) => of(votes[i]!));
  const all = votes.map((_, i) => i);
  const { rows } = await sql<{
    what: 'open' | 'eligible' | 'voted';
    ballot_id: string;
    person_id: string | null;
  }>`
    with open_ballots as (
      select id from ballots
      where id = any(${[...new Set(votes.map((v) => v.ballot_id))]}::text[])
        and state = 'open' and (closes_at is null or closes_at > ${now})
      for share
    ), eligible as (
      select v.ballot_id, v.person_id
      from unnest(${column(all, (v) => v.ballot_id)}::text[], ${column(all, (v) => v.person_id)}::text[])
        as v (ballot_id, person_id)
      join open_ballots b on b.id = v.ballot_id
      join ballot_electors e
        on e.ballot_id = v.ballot_id and e.person_id = v.person_id and e.paper = 0
    ), marked as (
      insert into ballot_roll (ballot_id, person_id)
      select ballot_id, person_id from eligible order by ballot_id, person_id
      on conflict (ballot_id, person_id) do nothing
      returning ballot_id, person_id
    ), papers as (
      insert into ballot_box (ballot_id, id, choice, weight, voter_person_id)
      select p.ballot_id, p.id, p.choice, p.weight, p.voter_person_id
      from unnest(
        ${column(boxOrder, (v) => v.ballot_id)}::text[],
        ${column(boxOrder, (v) => v.person_id)}::text[],
        ${column(boxOrder, (v) => v.box.id)}::text[],
        ${column(boxOrder, (v) => v.box.choice)}::text[],
        ${column(boxOrder, (v) => v.box.weight)}::int[],
        ${column(boxOrder, (v) => v.box.voter_person_id)}::text[]
      ) with ordinality as p (ballot_id, person_id, id, choice, weight, voter_person_id, n)
      join marked m on m.ballot_id = p.ballot_id and m.person_id = p.person_id
      order by p.n
    ), fingerprints as (
      insert into ballot_receipts (ballot_id, fingerprint)
      select r.ballot_id, r.fingerprint
      from unnest(
        ${column(receiptOrder, (v) => v.ballot_id)}::text[],
        ${column(receiptOrder, (v) => v.person_id)}::text[],
        ${column(receiptOrder, (v) => v.fingerprint)}::text[]
      ) with ordinality as r (ballot_id, person_id, fingerprint, n)
      join marked m on m.ballot_id = r.ballot_id and m.person_id = r.person_id
      order by r.n
    )
    select 'open' as what, id as ballot_id, null as person_id from open_ballots
    union all select 'eligible', ballot_id, person_id from eligible
    union all select 'voted', ballot_id, person_id from marked`.execute(db);
  const keys = (what: string) =>
    new Set(rows.filter((r) => r.what === what).map((r) => `${r.ballot_id} ${r.person_id ?? ''}`));
  return {
    open: new Set(rows.filter((r) => r.what === 'open').map((r) => r.ballot_id)),
    eligible: keys('eligible'),
    voted: keys('voted'),
  };
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

export const insertNomination = (db: Db, row: NominationTable) =>
  db.insertInto('nominations').values(row).execute();

export const findNomination = (db: Db, id: string) => findById(db, 'nominations', id);

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

export const updateBallotOptions = (db: Db, id: string, options: BallotOptions) =>
  db
    .updateTable('ballots')
    .set({ options: JSON.stringify(options) })
    .where('id', '=', id)
    .execute();

export { readerInBallot } from './ballot-reader.ts';
