import {
  sql,
  SqliteAdapter,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
} from 'kysely';

/*
 * What the migrations share: the shapes of column, the kinds of table and the indexes that recur
 * across them, named once. Kysely writes a column's modifiers in a fixed order, so a shape is the
 * same SQL wherever it is used. Landed migrations are built from these and installations have
 * run them: never change what one of them writes (a fresh database would then differ from an old
 * one); add another instead.
 */

/** How one column is declared: `(c) => c.notNull()` and the like. */
export type ColumnShape = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
/** A table being created, whatever its columns so far. */
export type TableBuilder = CreateTableBuilder<string, string>;

export const primaryKey: ColumnShape = (c) => c.primaryKey();
export const required: ColumnShape = (c) => c.notNull();
/** Required, and no two rows alike: a slug, an email address, a token's hash. */
export const requiredUnique: ColumnShape = (c) => c.notNull().unique();
/** An integer that is 0 unless set: a flag that is off, or a count not yet begun. */
export const zeroUnlessSet: ColumnShape = (c) => c.notNull().defaultTo(0);

/** How a reference is declared beyond its target: by default optional and not cascading. */
interface ReferenceOptions {
  readonly required?: true;
  /** At most one row refers to each target (a motion carried as one resolution). */
  readonly unique?: true;
  /** Deleting the target deletes this row; without, the target stays while referred to. */
  readonly onDelete?: 'cascade';
}

/** A reference to a row of `table` by its id. */
export const refersTo =
  (table: string, { required, unique, onDelete }: ReferenceOptions = {}): ColumnShape =>
  (c) => {
    let reference = c.references(`${table}.id`);
    if (required) reference = reference.notNull();
    if (unique) reference = reference.unique();
    return onDelete ? reference.onDelete(onDelete) : reference;
  };

/** The row of `table` this one belongs to: required, and deleting it deletes this one. */
export const belongsTo = (table: string): ColumnShape =>
  refersTo(table, { required: true, onDelete: 'cascade' });

/** organisation_id and body_id: a row of one body, deleted with the body or its organisation. */
export const ofBody = (table: TableBuilder) =>
  table
    .addColumn('organisation_id', 'text', belongsTo('organisations'))
    .addColumn('body_id', 'text', belongsTo('bodies'));

/** Who proposed a motion, amendment or candidate, and who seconded it (null until seconded). */
export const proposedAndSeconded = (table: TableBuilder) =>
  table.addColumn('proposer_person_id', 'text', required).addColumn('seconder_person_id', 'text');

/** When a row was created. */
export const createdAt = (table: TableBuilder) => table.addColumn('created_at', 'text', required);

/** When a row was last changed. */
export const updatedAt = (table: TableBuilder) => table.addColumn('updated_at', 'text', required);

/** When a row was created and last changed. */
export const createdAndUpdated = (table: TableBuilder) => updatedAt(createdAt(table));

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
export const createIndex = (db: Kysely<unknown>, name: string, table: string, columns: string[]) =>
  db.schema.createIndex(name).on(table).columns(columns).execute();
