import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Who looked at members' personal data, and when (DESIGN.md section 5: log access). The
    // least that answers "who saw my details": the viewer, what they looked at (a body's
    // register, or one person's details) and the time; no address, no browser, no copy of
    // the data. A register view is one row for the body, not one per member listed.
    await db.schema
      .createTable('data_access')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('viewer_person_id', 'text', (c) =>
        c.notNull().references('people.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('body_id', 'text', (c) => c.references('bodies.id').onDelete('cascade'))
      .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
      .execute();
    await db.schema
      .createIndex('data_access_body')
      .on('data_access')
      .columns(['body_id', 'at'])
      .execute();
    await db.schema
      .createIndex('data_access_person')
      .on('data_access')
      .columns(['person_id', 'at'])
      .execute();
    // A published result carries the hash of the audit entry that sealed it, so a reader can
    // check it against the chain and `seconded verify` can find a result edited afterwards.
    await db.schema.alterTable('ballots').addColumn('result_hash', 'text').execute();
    await db.schema.alterTable('questions').addColumn('result_hash', 'text').execute();
  },
};
