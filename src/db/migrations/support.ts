import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * SQLite tables keyed by a random id are declared WITHOUT ROWID, so their rows are stored in key
 * order: nothing on disk numbers them in the order they arrived (DESIGN.md section 5).
 */
export const withoutRowid = (db: Kysely<unknown>) =>
  db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``;
