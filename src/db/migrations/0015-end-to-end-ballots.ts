import type { Kysely } from 'kysely';
import {
  belongsTo,
  createIndex,
  createNumberedLog,
  createOwnedRows,
  required,
  withoutRowid,
  zeroUnlessSet,
} from './support.ts';

/*
 * End-to-end verifiable secret ballots (docs/e2e-protocol.md): the server holds no choice in the
 * clear, only ciphertexts on a public bulletin board that anyone can check.
 */
export async function up(db: Kysely<unknown>) {
  // The flag, and t: how many of the ballot's trustees are needed to count (2 ≤ t ≤ n).
  await db.schema.alterTable('ballots').addColumn('end_to_end', 'integer', zeroUnlessSet).execute();
  await db.schema.alterTable('ballots').addColumn('needed', 'integer').execute();

  // The key holders, numbered 1..n as the board numbers them; each person once.
  await createOwnedRows(
    db,
    'ballot_trustees',
    ['ballot_id', belongsTo('ballots')],
    ['trustee', 'integer'],
  )
    .addColumn('person_id', 'text', required)
    .addUniqueConstraint('ballot_trustees_person', ['ballot_id', 'person_id'])
    .execute();

  // The bulletin board: hash-chained events numbered from 0 within the ballot; the (ballot, seq)
  // key refuses a second writer of the same number, so the chain cannot fork.
  await createNumberedLog(db, 'ballot_board', ['ballot_id', belongsTo('ballots')])
    .addColumn('type', 'text', required)
    .addColumn('payload', 'text', required)
    .addColumn('hash', 'text', required)
    .execute();
  await createIndex(db, 'ballot_board_type', 'ballot_board', ['ballot_id', 'type']);

  // Who each pseudonym of the `open` event is, with the weight published beside it. Frozen at
  // the opening with the electorate; stored in key order, never in order of the roll.
  await createOwnedRows(
    db,
    'ballot_pseudonyms',
    ['ballot_id', belongsTo('ballots')],
    ['person_id', 'text'],
  )
    .addColumn('pseudonym', 'text', required)
    .addColumn('weight', 'integer', required)
    .addUniqueConstraint('ballot_pseudonyms_pseudonym', ['ballot_id', 'pseudonym'])
    .modifyEnd(withoutRowid(db))
    .execute();
}
