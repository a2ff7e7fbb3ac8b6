import type { Kysely } from 'kysely';
import { createIndex, primaryKey, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Failed sign-ins, counted per account and address and per address (src/domain/accounts/
  // sign-in-throttle.ts), in the database so every process on PostgreSQL shares them. The key
  // is a SHA-256 of what it counts, so the table holds no email address or IP address; rows
  // are forgotten an hour after their last failure.
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', 'text', primaryKey)
    .addColumn('failures', 'integer', required)
    .addColumn('last_failure_at', 'text', required)
    .execute();
  await createIndex(db, 'sign_in_failures_last', 'sign_in_failures', ['last_failure_at']);
}
