import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // A question put to an online secret ballot of those present: its ballot, whose close
    // declares the question's result (src/app/ballots/close-ballot.ts).
    await db.schema
      .alterTable('questions')
      .addColumn('ballot_id', 'text', (c) => c.references('ballots.id'))
      .execute();
    await db.schema.createIndex('questions_ballot').on('questions').column('ballot_id').execute();
    // A motion composited into another (src/app/meetings/composite-motions.ts): the composite lists
    // every source, and each source links to the composite.
    await db.schema.alterTable('motions').addColumn('composited_into', 'text').execute();
    await db.schema
      .createIndex('motions_composited_into')
      .on('motions')
      .column('composited_into')
      .execute();
  },
};
