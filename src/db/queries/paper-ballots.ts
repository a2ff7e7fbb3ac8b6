import type { PaperCount } from '../../domain/ballots/paper.ts';
import type { Db } from '../database.ts';
import { readJsonOrNull } from '../json.ts';

/*
 * The paper side of a hybrid ballot of those present (migration 0018): which electors vote on
 * paper, how many papers were issued, and the tellers' count. Nothing here says what any one
 * person chose: the count is totals only.
 */

/** Electors present without an account vote on paper: they could never sign in to vote online. */
export async function markElectorsWithoutAccountsOnPaper(db: Db, ballotId: string) {
  await db
    .updateTable('ballot_electors')
    .set({ paper: 1 })
    .where('ballot_id', '=', ballotId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('accounts')
            .select('accounts.person_id')
            .whereRef('accounts.person_id', '=', 'ballot_electors.person_id'),
        ),
      ),
    )
    .execute();
}

/** Each elector of a ballot: name, whether on paper, with an account, on the online roll. */
export async function listElectorsOfBallot(db: Db, ballotId: string) {
  const rows = await db
    .selectFrom('ballot_electors')
    .innerJoin('people', 'people.id', 'ballot_electors.person_id')
    .leftJoin('accounts', 'accounts.person_id', 'ballot_electors.person_id')
    .leftJoin('ballot_roll', (join) =>
      join
        .onRef('ballot_roll.ballot_id', '=', 'ballot_electors.ballot_id')
        .onRef('ballot_roll.person_id', '=', 'ballot_electors.person_id'),
    )
    .select([
      'ballot_electors.person_id as personId',
      'people.name as name',
      'ballot_electors.paper as paper',
      'accounts.person_id as account',
      'ballot_roll.person_id as voted',
    ])
    .where('ballot_electors.ballot_id', '=', ballotId)
    .orderBy('people.name')
    .orderBy('ballot_electors.person_id')
    .execute();
  return rows.map((r) => ({
    personId: r.personId,
    name: r.name,
    paper: r.paper === 1,
    hasAccount: r.account !== null,
    votedOnline: r.voted !== null,
  }));
}

export type ElectorOfBallot = Awaited<ReturnType<typeof listElectorsOfBallot>>[number];

/** How many electors of a ballot vote on paper. */
export async function countPaperElectors(db: Db, ballotId: string) {
  const row = await db
    .selectFrom('ballot_electors')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ballot_id', '=', ballotId)
    .where('paper', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const setPaper = (db: Db, ballotId: string, personIds: readonly string[], paper: boolean) =>
  personIds.length
    ? db
        .updateTable('ballot_electors')
        .set({ paper: paper ? 1 : 0 })
        .where('ballot_id', '=', ballotId)
        .where('person_id', 'in', personIds)
        .execute()
    : Promise.resolve();

export const setPapersIssued = (db: Db, ballotId: string, issued: number) =>
  db.updateTable('ballots').set({ papers_issued: issued }).where('id', '=', ballotId).execute();

export const setPaperCount = (db: Db, ballotId: string, count: PaperCount) =>
  db
    .updateTable('ballots')
    .set({ paper_count: JSON.stringify({ counts: count.counts, spoilt: count.spoilt }) })
    .where('id', '=', ballotId)
    .execute();

/** The tellers' count as stored on the ballot row, or null before it is entered. */
export const paperCountOf = (ballot: { paper_count: string | null }) =>
  readJsonOrNull<PaperCount>(ballot.paper_count);
