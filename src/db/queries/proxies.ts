import { sql } from 'kysely';
import { dialectOf, type Db } from '../database.ts';
import type { ProxyTable } from '../schema.ts';
import { findById, updateById } from '../rows.ts';

/** Proxies (0023): one row per proxy lodged, and the roll's mark that a proxy was used. */

export type ProxyRow = ProxyTable;

/** What a proxy is for: one meeting or one ballot. */
export type ProxyTarget = { readonly meetingId: string } | { readonly ballotId: string };

const forTarget = (db: Db, target: ProxyTarget) => {
  const q = db.selectFrom('proxies').selectAll();
  return 'meetingId' in target
    ? q.where('meeting_id', '=', target.meetingId)
    : q.where('ballot_id', '=', target.ballotId);
};

export const insertProxy = (db: Db, row: ProxyRow) =>
  db.insertInto('proxies').values(row).execute();

export const findProxy = (db: Db, id: string) => findById(db, 'proxies', id);

export const updateProxy = updateById<'proxies', 'state' | 'refusal_reason' | 'ended_at'>(
  'proxies',
);

/** Every proxy lodged for a meeting or a ballot, standing or not, oldest first. */
export const listProxies = (db: Db, target: ProxyTarget) =>
  forTarget(db, target).orderBy('lodged_at').orderBy('id').execute();

/** The proxies that stand (lodged, neither withdrawn nor refused) for a meeting or a ballot. */
export const listStandingProxies = (db: Db, target: ProxyTarget) =>
  forTarget(db, target).where('state', '=', 'lodged').orderBy('lodged_at').orderBy('id').execute();

/**
 * The proxies a holder may use in a ballot: those lodged for the ballot itself, and those for the
 * meeting whose question was put to it (put-to-secret-ballot.ts).
 */
export const listStandingProxiesForBallot = (db: Db, ballotId: string) =>
  db
    .selectFrom('proxies')
    .selectAll()
    .where('state', '=', 'lodged')
    .where((eb) =>
      eb.or([
        eb('ballot_id', '=', ballotId),
        eb(
          'meeting_id',
          'in',
          eb
            .selectFrom('questions')
            .select('questions.meeting_id')
            .where('questions.ballot_id', '=', ballotId),
        ),
      ]),
    )
    .orderBy('lodged_at')
    .orderBy('id')
    .execute();

/** Marks members of the roll as having voted through a proxy: only that (no holder, no time). */
export async function markProxyVotes(
  db: Db,
  rows: readonly { ballot_id: string; person_id: string }[],
) {
  if (rows.length)
    await db
      .insertInto('ballot_proxy_votes')
      .values([...rows])
      .execute();
}

/** The members of a ballot's roll who voted through a proxy, by person. */
export const listProxyVotes = async (db: Db, ballotId: string) =>
  (
    await db
      .selectFrom('ballot_proxy_votes')
      .select('person_id')
      .where('ballot_id', '=', ballotId)
      .orderBy('person_id')
      .execute()
  ).map((r) => r.person_id);

/**
 * Rewrites a ballot's proxy marks in the closing transaction, in key order, as the roll is
 * (ballot-storage.ts `rewriteBallotRows`): on PostgreSQL each row written by a cast carries that
 * cast's transaction id, as the cast's box row did; the rewrite gives them all the close's.
 */
export async function rewriteProxyVotes(db: Db, ballotId: string) {
  if (dialectOf(db) === 'postgres') {
    await sql`with moved as (delete from ballot_proxy_votes where ballot_id = ${ballotId} returning *)
      insert into ballot_proxy_votes (ballot_id, person_id)
      select ballot_id, person_id from moved order by person_id`.execute(db);
    return;
  }
  const people = await listProxyVotes(db, ballotId);
  await db.deleteFrom('ballot_proxy_votes').where('ballot_id', '=', ballotId).execute();
  await markProxyVotes(
    db,
    people.map((person_id) => ({ ballot_id: ballotId, person_id })),
  );
}

/** Every proxy for a meeting or a ballot, with the giver's and the holder's names. */
export const listProxiesWithNames = (db: Db, target: ProxyTarget) => {
  const q = db
    .selectFrom('proxies')
    .innerJoin('people as giver', 'giver.id', 'proxies.giver_person_id')
    .innerJoin('people as holder', 'holder.id', 'proxies.holder_person_id')
    .selectAll('proxies')
    .select(['giver.name as giver_name', 'holder.name as holder_name']);
  return (
    'meetingId' in target
      ? q.where('proxies.meeting_id', '=', target.meetingId)
      : q.where('proxies.ballot_id', '=', target.ballotId)
  )
    .orderBy('proxies.lodged_at')
    .orderBy('proxies.id')
    .execute();
};

/** Lodged proxies in a ballot (its own and its meeting's), as in listHeldProxiesForBallot. */
const lodgedInBallot = (db: Db, ballotId: string) =>
  db
    .selectFrom('proxies')
    .where('proxies.state', '=', 'lodged')
    .where((eb) =>
      eb.or([
        eb('proxies.ballot_id', '=', ballotId),
        eb(
          'proxies.meeting_id',
          'in',
          eb
            .selectFrom('questions')
            .select('questions.meeting_id')
            .where('questions.ballot_id', '=', ballotId),
        ),
      ]),
    );

/**
 * Who holds a lodged proxy in a ballot (its own or its meeting's): the same for every reader, so
 * a page keeps it (kept-views.ts) and asks listHeldProxiesForBallot only for those in it.
 */
export const listProxyHoldersOfBallot = async (db: Db, ballotId: string) =>
  (await lodgedInBallot(db, ballotId).select('proxies.holder_person_id').distinct().execute()).map(
    (r) => r.holder_person_id,
  );

/**
 * The standing proxies a holder may use in a ballot (its own and its meeting's), each with the
 * giver's name and whether the giver is on the roll already (by proxy or in person).
 */
export async function listHeldProxiesForBallot(db: Db, ballotId: string, holderId: string) {
  const rows = await lodgedInBallot(db, ballotId)
    .innerJoin('people', 'people.id', 'proxies.giver_person_id')
    .leftJoin('ballot_roll', (join) =>
      join
        .onRef('ballot_roll.person_id', '=', 'proxies.giver_person_id')
        .on('ballot_roll.ballot_id', '=', ballotId),
    )
    .select([
      'proxies.id',
      'proxies.giver_person_id',
      'people.name',
      'proxies.instruction',
      'ballot_roll.person_id as voted',
    ])
    .where('proxies.holder_person_id', '=', holderId)
    .orderBy('people.name')
    .orderBy('proxies.id')
    .execute();
  return rows.map((r) => ({
    proxyId: r.id,
    giverId: r.giver_person_id,
    giverName: r.name,
    instruction: r.instruction,
    voted: r.voted !== null,
  }));
}

/**
 * Adds members absent from a meeting, whose proxy a member present holds, to the electorate of
 * the meeting's secret ballot (put-to-secret-ballot.ts), each with their vote weight; online
 * only (their holder casts for them), so never on paper.
 */
export async function addProxyGiversAsElectors(
  db: Db,
  ballotId: string,
  givers: readonly { readonly personId: string; readonly weight: number }[],
) {
  if (!givers.length) return;
  await db
    .insertInto('ballot_electors')
    .values(
      givers.map((g) => ({
        ballot_id: ballotId,
        person_id: g.personId,
        weight: g.weight,
        paper: 0,
      })),
    )
    .onConflict((oc) => oc.columns(['ballot_id', 'person_id']).doNothing())
    .execute();
}
