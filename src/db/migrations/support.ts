import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { primaryKey, refersTo, required, type ColumnShape } from './columns.ts';

/*
 * How the migrations create tables and indexes. Landed migrations use these and installations
 * have run them: never change what one of them writes; add another instead.
 */

/**
 * SQLite tables keyed by a random id are declared WITHOUT ROWID, so their rows are stored in key
 * order: nothing on disk numbers them in the order they arrived (DESIGN.md section 5).
 */
export const withoutRowid = (db: Kysely<unknown>) =>
  db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``;

/** Creates a table whose rows are keyed by a random text id, its first column. */
export const createTableWithId = (db: Kysely<unknown>, table: string) =>
  db.schema.createTable(table).addColumn('id', 'text', primaryKey);

/**
 * Creates a table that adds to the rows of `extended` (accounts to people, minutes to meetings),
 * keyed by `key`, the id of the row it adds to: one row at most for each, deleted with it.
 */
export const createTableExtending = (
  db: Kysely<unknown>,
  table: string,
  extended: string,
  key: string,
) =>
  db.schema
    .createTable(table)
    .addColumn(key, 'text', (c) => refersTo(extended, { onDelete: 'cascade' })(c.primaryKey()));

/**
 * Creates a table of rows that each belong to one owner (a ballot's roll, a meeting's events),
 * keyed by the owner's column and a required one of their own, in that order: constraint
 * `<table>_pk`. The rows' other columns follow.
 */
export const createOwnedRows = (
  db: Kysely<unknown>,
  table: string,
  owner: readonly [column: string, shape: ColumnShape],
  key: readonly [column: string, type: 'text' | 'integer'],
) =>
  db.schema
    .createTable(table)
    .addColumn(owner[0], 'text', owner[1])
    .addColumn(key[0], key[1], required)
    .addPrimaryKeyConstraint(`${table}_pk`, [owner[0], key[0]]);

/**
 * Creates a log numbered within its owner (an organisation's audit trail, a meeting's events):
 * `seq` counts the owner's entries and (owner, seq) is the key, so two writers racing for the
 * same number cannot both succeed.
 */
export const createNumberedLog = (
  db: Kysely<unknown>,
  table: string,
  owner: readonly [column: string, shape: ColumnShape],
) => createOwnedRows(db, table, owner, ['seq', 'integer']);

/** Creates index `name` on `table`, over `columns` in that order. */
export const createIndex = (
  db: Kysely<unknown>,
  name: string,
  table: string,
  columns: readonly string[],
) => db.schema.createIndex(name).on(table).columns(columns).execute();
