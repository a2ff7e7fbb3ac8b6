import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAt,
  createIndex,
  createOwnedRows,
  createTableWithId,
  ofBody,
  required,
  withoutRowid,
  zeroUnlessSet,
} from './support.ts';

/** One ballot's rows: keyed by (ballot_id, `key`), deleted with it, stored in key order. */
function createBallotRows(db: Kysely<unknown>, table: string, key: string) {
  const rows = createOwnedRows(db, table, ['ballot_id', belongsTo('ballots')], [key, 'text']);
  return rows.modifyEnd(withoutRowid(db));
}

export async function up(db: Kysely<unknown>) {
  await createTableWithId(db, 'ballots')
    .$call(ofBody)
    .addColumn('question', 'text', required)
    .addColumn('kind', 'text', required)
    .addColumn('options', 'text', required)
    .addColumn('threshold', 'text', required)
    .addColumn('secret', 'integer', required)
    .addColumn('weighted', 'integer', zeroUnlessSet)
    .addColumn('state', 'text', required)
    .addColumn('closes_at', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('electorate', 'integer', zeroUnlessSet)
    .addColumn('result', 'text')
    .addColumn('created_by', 'text')
    .$call(createdAt)
    .execute();
  await createIndex(db, 'ballots_body', 'ballots', ['body_id']);

  // Who may vote, frozen when the ballot opens, with each elector's weight.
  await createBallotRows(db, 'ballot_electors', 'person_id')
    .addColumn('weight', 'integer', required)
    .execute();

  // The roll: only THAT a member has voted. Its key refuses a second vote; it has no time.
  await createBallotRows(db, 'ballot_roll', 'person_id').execute();

  // The box: a choice and its weight under a random id. For a secret ballot there is no
  // voter, no session, no time, and no key shared with the roll. (Open ballots name the voter.)
  await createBallotRows(db, 'ballot_box', 'id')
    .addColumn('choice', 'text', required)
    .addColumn('weight', 'integer', required)
    .addColumn('voter_person_id', 'text')
    .execute();

  // Receipts: fingerprints of the codes voters were given, kept apart from the box so that a
  // receipt proves a vote was counted but not what it was.
  await createBallotRows(db, 'ballot_receipts', 'fingerprint').execute();
}
