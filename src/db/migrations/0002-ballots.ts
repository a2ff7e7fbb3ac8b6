import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { withoutRowid } from './support.ts';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ballots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) =>
        c.notNull().references('organisations.id').onDelete('cascade'),
      )
      .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id').onDelete('cascade'))
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('threshold', 'text', (c) => c.notNull())
      .addColumn('secret', 'integer', (c) => c.notNull())
      .addColumn('weighted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('closes_at', 'text')
      .addColumn('opened_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('electorate', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('result', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ballots_body').on('ballots').column('body_id').execute();

    // Who may vote, frozen when the ballot opens, with each elector's weight.
    await db.schema
      .createTable('ballot_electors')
      .addColumn('ballot_id', 'text', (c) =>
        c.notNull().references('ballots.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('weight', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('ballot_electors_pk', ['ballot_id', 'person_id'])
      .modifyEnd(withoutRowid(db))
      .execute();

    // The roll: only THAT a member has voted. Its key refuses a second vote; it has no time.
    await db.schema
      .createTable('ballot_roll')
      .addColumn('ballot_id', 'text', (c) =>
        c.notNull().references('ballots.id').onDelete('cascade'),
      )
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ballot_roll_pk', ['ballot_id', 'person_id'])
      .modifyEnd(withoutRowid(db))
      .execute();

    // The box: a choice and its weight under a random id. For a secret ballot there is no
    // voter, no session, no time, and no key shared with the roll. (Open ballots name the voter.)
    await db.schema
      .createTable('ballot_box')
      .addColumn('ballot_id', 'text', (c) =>
        c.notNull().references('ballots.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('choice', 'text', (c) => c.notNull())
      .addColumn('weight', 'integer', (c) => c.notNull())
      .addColumn('voter_person_id', 'text')
      .addPrimaryKeyConstraint('ballot_box_pk', ['ballot_id', 'id'])
      .modifyEnd(withoutRowid(db))
      .execute();

    // Receipts: fingerprints of the codes voters were given, kept apart from the box so that a
    // receipt proves a vote was counted but not what it was.
    await db.schema
      .createTable('ballot_receipts')
      .addColumn('ballot_id', 'text', (c) =>
        c.notNull().references('ballots.id').onDelete('cascade'),
      )
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ballot_receipts_pk', ['ballot_id', 'fingerprint'])
      .modifyEnd(withoutRowid(db))
      .execute();
  },
};
