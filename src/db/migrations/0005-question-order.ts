import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { zeroUnlessSet } from './columns.ts';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Questions put at the same instant (a closure and the question it puts) keep their order.
    await db.schema.alterTable('questions').addColumn('seq', 'integer', zeroUnlessSet).execute();
  },
};
