import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

/**
 * The SQLite driver for this Node.js. better-sqlite3 12 (compiled on install) runs on Node 20 but
 * aborts on Node 24 when a statement is garbage-collected (`Assertion failed: (env) != nullptr`
 * in Statement::~Statement, WiseLibs/better-sqlite3#1515); better-sqlite3 13 fixes that and ships
 * prebuilt binaries, but needs Node 22 or later. Both are installed; the right one is loaded.
 */
const SQLite = createRequire(import.meta.url)(
  Number(process.versions.node.split('.')[0]) >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3',
) as typeof BetterSqlite3;

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface OpenDatabase {
  readonly db: Db;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  readonly schema?: string;
}

/**
 * Opens the configured database. SQLite runs in WAL mode with `synchronous=FULL` so that a
 * commit, once acknowledged, survives a crash or a power cut (DESIGN.md section 5: no
 * acknowledged vote is ever lost).
 */
export function openDatabase(target: Config['database'], options: OpenOptions = {}): OpenDatabase {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Brings the schema up to date; throws with the failing migration's name and error. On
 * PostgreSQL the migration bookkeeping is looked up in the current schema only: Kysely would
 * otherwise find another schema's `kysely_migration` table (tests, or a shared database) and
 * skip creating its own.
 */
export async function migrateToLatest(
  open: Pick<OpenDatabase, 'db' | 'dialect'>,
): Promise<string[]> {
  const migrationTableSchema =
    open.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(open.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: open.db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** True when an error is a unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
