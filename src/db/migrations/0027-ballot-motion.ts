import type { Kysely } from 'kysely';
import { createIndex, refersTo } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A ballot of a body's members on one of its motions (issue 16, "answers carry their vote"):
  // a communication put to a ballot becomes the body's own motion, and the ballot that decides
  // it names it, so its close declares the motion and sends the outcome back to the sender
  // (src/app/ballots/motion-ballot.ts). Null for every other ballot.
  await db.schema
    .alterTable('ballots')
    .addColumn('motion_id', 'text', refersTo('motions'))
    .execute();
  await createIndex(db, 'ballots_motion', 'ballots', ['motion_id']);
}
