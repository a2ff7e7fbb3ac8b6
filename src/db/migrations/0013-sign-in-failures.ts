import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Failed sign-ins, counted per account and address and per address (src/domain/accounts/
    // sign-in-throttle.ts), in the database so every process on PostgreSQL shares them. The key
    // is a SHA-256 of what it counts, so the table holds no email address or IP address; rows
    // are forgotten an hour after their last failure.
    await db.schema
      .createTable('sign_in_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('last_failure_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sign_in_failures_last')
      .on('sign_in_failures')
      .column('last_failure_at')
      .execute();
  },
};
