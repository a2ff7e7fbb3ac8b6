import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { extending, required, requiredUnique } from './columns.ts';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // A motion that is a question of no confidence or of discipline: the standing orders may
    // require such questions to be decided by secret ballot, not in the room.
    await db.schema.alterTable('motions').addColumn('secret_kind', 'text').execute();
    // Each person's calendar feed token (its hash): the body's meetings feed is read by a
    // calendar app, without a session.
    await db.schema
      .createTable('calendar_feeds')
      .addColumn('person_id', 'text', extending('people'))
      .addColumn('token_hash', 'text', requiredUnique)
      .addColumn('created_at', 'text', required)
      .execute();
  },
};
