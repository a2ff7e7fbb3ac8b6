import type { Insertable, Kysely, SelectQueryBuilder } from 'kysely';
import { dialectOf, type Db } from './database.ts';
import type { Database } from './schema.ts';

/**
 * The query shapes that many tables share, written once: a row by its id (to read, to lock for a
 * change, to update), an organisation's rows and a row by its slug in it, rows inserted in chunks,
 * a row written or replaced under its key, rows for a list of ids, and rows numbered within a
 * parent (the next number, the rows in order). Each query file names its own function for each
 * (`findMeeting`, `lockBallot`, ...), so the use cases still call the domain's words.
 */

/** Tables having every one of the columns `K`. */
type TablesWith<K extends string> = {
  [T in keyof Database]: [K] extends [keyof Database[T]] ? T : never;
}[keyof Database];

/** Tables whose rows are known by a text id. */
export type TableWithId = TablesWith<'id'>;

/**
 * The handle as the helpers below use it: their table is a parameter, and Kysely cannot check a
 * column of a table not yet known, so each helper states the type of what it returns itself.
 */
const untyped = (db: Db) => db as unknown as Kysely<Record<string, Record<string, unknown>>>;

/** One row by its id. */
export const findById = <T extends TableWithId>(db: Db, table: T, id: string) =>
  untyped(db)
    .selectFrom(table as string)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst() as Promise<Database[T] | undefined>;

/**
 * Loads a row to change it. On PostgreSQL the row is locked until the transaction ends, so the
 * writers of one row (and of all that hangs on it) take turns; SQLite has one writer anyway.
 */
export function lockById<T extends TableWithId>(db: Db, table: T, id: string) {
  const q = untyped(db)
    .selectFrom(table as string)
    .selectAll()
    .where('id', '=', id);
  return (dialectOf(db) === 'postgres' ? q.forUpdate() : q).executeTakeFirst() as Promise<
    Database[T] | undefined
  >;
}

/**
 * The update of one row by its id, limited to the columns `C` that its callers may change:
 * `updateById<'speakers', 'called_at' | 'finished_at'>('speakers')` is `updateSpeaker`.
 */
export const updateById =
  <T extends TableWithId, C extends keyof Database[T]>(table: T) =>
  (db: Db, id: string, changes: Partial<Pick<Database[T], C>>) =>
    untyped(db)
      .updateTable(table as string)
      .set(changes as Record<string, unknown>)
      .where('id', '=', id)
      .execute();

/** A query of one organisation's rows of a table: what the organisation's pages read from. */
export const inOrganisation = <T extends TablesWith<'organisation_id'>>(
  db: Db,
  table: T,
  organisationId: string,
) =>
  untyped(db)
    .selectFrom(table as string)
    .where('organisation_id', '=', organisationId) as unknown as SelectQueryBuilder<
    Database,
    T,
    object
  >;

/** Tables whose rows have an address within their organisation: a slug unique in it. */
export type TableWithSlug = TablesWith<'organisation_id' | 'slug'>;

/** The row of an organisation at this slug. */
export const findBySlug = <T extends TableWithSlug>(
  db: Db,
  table: T,
  organisationId: string,
  slug: string,
) =>
  untyped(db)
    .selectFrom(table as string)
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('slug', '=', slug)
    .executeTakeFirst() as Promise<Database[T] | undefined>;

/** Slugs already given in the organisation (to make a new one unique). */
export const slugsTaken = async (db: Db, table: TableWithSlug, organisationId: string) =>
  (
    await db
      .selectFrom(table)
      .select('slug')
      .where('organisation_id', '=', organisationId)
      .execute()
  ).map((r) => r.slug);

/**
 * Inserts many rows in statements of 1,000 (well under both databases' parameter limits),
 * telling `onChunk` how many went in each time.
 */
export async function insertInChunks<T extends keyof Database>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  onChunk?: (n: number) => void,
) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await untyped(db)
      .insertInto(table as string)
      .values(chunk as Record<string, unknown>[])
      .execute();
    onChunk?.(chunk.length);
  }
}

/** Inserts a row, or where one is already under its `key`, replaces that row's `replace` columns. */
export async function upsert<T extends keyof Database, K extends keyof Database[T] & string>(
  db: Db,
  table: T,
  key: K,
  row: Database[T],
  replace: readonly Exclude<keyof Database[T] & string, K>[],
) {
  const values = row as unknown as Record<string, unknown>;
  await untyped(db)
    .insertInto(table as string)
    .values(values)
    .onConflict((oc) =>
      oc.column(key).doUpdateSet(Object.fromEntries(replace.map((c) => [c, values[c]]))),
    )
    .execute();
}

/**
 * The rows for some ids, found by `query`; for no ids none, without asking: `in ()` is not SQL on
 * either database.
 */
export const forAny = <R>(
  ids: readonly string[],
  query: (ids: readonly string[]) => Promise<R[]>,
): Promise<R[]> => (ids.length === 0 ? Promise.resolve([]) : query(ids));

/** The tables whose rows are numbered in order within a parent, and the parent's column. */
type NumberedTable = keyof typeof numberedWithin;
const numberedWithin = {
  questions: 'meeting_id',
  meeting_events: 'meeting_id',
  communication_events: 'communication_id',
} as const;

/** The number for a parent's next row: one after its last, 1 for its first. */
export async function nextSeq(db: Db, table: NumberedTable, parentId: string) {
  const last = await untyped(db)
    .selectFrom(table)
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where(numberedWithin[table], '=', parentId)
    .executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}

/** A query of a parent's numbered rows, first to last. */
export function numbered<T extends NumberedTable>(db: Db, table: T, parentId: string) {
  const from: NumberedTable = table;
  return untyped(db)
    .selectFrom(from)
    .selectAll()
    .where(numberedWithin[from], '=', parentId)
    .orderBy('seq') as unknown as SelectQueryBuilder<Database, T, Database[T]>;
}
