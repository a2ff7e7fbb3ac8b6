import { compiledOnce } from '../compiled-once.ts';
import type { Db } from '../database.ts';
import { currentMembershipsOf } from './memberships.ts';

/** readerInBallot's one query, compiled once (it is asked on every ballot page). */
const readerInBallotQuery = compiledOnce(
  (db, { ballotId, bodyId, personId, today }: ReaderInBallotArgs) =>
    db.selectNoFrom((eb) => [
      eb
        .selectFrom('ballot_electors')
        .select('weight')
        .where('ballot_id', '=', ballotId)
        .where('person_id', '=', personId)
        .as('elector_weight'),
      eb
        .exists(
          eb
            .selectFrom('ballot_roll')
            .select('person_id')
            .where('ballot_id', '=', ballotId)
            .where('person_id', '=', personId),
        )
        .as('voted'),
      eb
        .exists(
          currentMembershipsOf(db, bodyId, today)
            .select('memberships.id')
            .where('memberships.person_id', '=', personId),
        )
        .as('member'),
      eb
        .selectFrom('ballot_pseudonyms')
        .select('pseudonym')
        .where('ballot_id', '=', ballotId)
        .where('person_id', '=', personId)
        .as('pseudonym'),
      eb
        .selectFrom('ballot_pseudonyms')
        .select('weight')
        .where('ballot_id', '=', ballotId)
        .where('person_id', '=', personId)
        .as('pseudonym_weight'),
    ]),
);
type ReaderInBallotArgs = { ballotId: string; bodyId: string; personId: string; today: string };

/**
 * A reader's own part in a ballot, in one query instead of four (the ballot page asks for it
 * at every reading): their weight if they are an elector, whether they are on the roll, whether
 * they are a current member of its body today, and their pseudonym in an end-to-end ballot.
 */
export async function readerInBallot(
  db: Db,
  props: { ballotId: string; bodyId: string; personId: string; today: string },
) {
  const [row] = await readerInBallotQuery(db, props);
  if (!row) throw new Error('readerInBallot: no row');
  return {
    elector: row.elector_weight === null ? undefined : { weight: Number(row.elector_weight) },
    // SQLite answers 0 or 1, PostgreSQL false or true.
    voted: !!row.voted,
    member: !!row.member,
    pseudonym:
      row.pseudonym === null
        ? undefined
        : { pseudonym: row.pseudonym, weight: Number(row.pseudonym_weight) },
  };
}
