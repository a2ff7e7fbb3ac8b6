import type { Kysely } from 'kysely';
import { createIndex, refersTo } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A question put to an online secret ballot of those present: its ballot, whose close
  // declares the question's result (src/app/ballots/close-ballot.ts).
  await db.schema
    .alterTable('questions')
    .addColumn('ballot_id', 'text', refersTo('ballots'))
    .execute();
  await createIndex(db, 'questions_ballot', 'questions', ['ballot_id']);
  // A motion composited into another (src/app/meetings/composite-motions.ts): the composite lists
  // every source, and each source links to the composite.
  await db.schema.alterTable('motions').addColumn('composited_into', 'text').execute();
  await createIndex(db, 'motions_composited_into', 'motions', ['composited_into']);
}
