import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  sql,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Driver,
  type DatabaseMetadataOptions,
  type TableMetadata,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Config } from '../config.ts';
import { CopyCursor } from './copy.ts';
import { DomainError } from '../domain/errors.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
export type DialectName = 'sqlite' | 'postgres';
/** A connection of its own, for LISTEN (live events between processes). */
export type ListenClient = pg.Client;

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface OpenDatabase {
  readonly db: Db;
  readonly dialect: DialectName;
  close(): Promise<void>;
  /** PostgreSQL: opens a new connection to the same database and schema (not pooled). */
  readonly newClient?: () => ListenClient;
  /** PostgreSQL: the connection pool as it stands, for the metrics. */
  readonly poolStats?: () => PoolStats;
}

export interface PoolStats {
  /** Connections open, in use or idle. */
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a connection. */
  readonly waiting: number;
}

/**
 * Which dialect a handle (or a transaction on it) speaks, read from Kysely's adapter: the few
 * queries that differ (row locks, one-statement inserts, storage order) ask it here, so the use
 * cases never carry the dialect around.
 */
export function dialectOf(db: Kysely<Database>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Batches of votes worth committing at once (cast-ballot.ts). SQLite has one connection, so its
 * batches take turns. On PostgreSQL a batch spends much of its time waiting for the server (two
 * round trips, the second with the WAL flush), so a second runs beside it on another of the
 * pool's connections and the server flushes their commits together. More did not help on the
 * 2-core benchmark machine, where the smaller batches cost more CPU than the waiting they hide.
 * The roll's key still admits one vote per member across batches, as it does across processes.
 */
export const writeBatchesAtOnce = (db: Kysely<Database>): number =>
  dialectOf(db) === 'postgres' ? 2 : 1;

export interface OpenOptions {
  /** PostgreSQL only: the schema to work in (tests give each run its own). */
  readonly schema?: string;
}

/**
 * Opens the configured database. SQLite runs in WAL mode with `synchronous=FULL` so that a
 * commit, once acknowledged, survives a crash or a power cut (DESIGN.md section 5: no
 * acknowledged vote is ever lost), and with `secure_delete` so that deleted rows are zeroed.
 */
export function openDatabase(target: Config['database'], options: OpenOptions = {}): OpenDatabase {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Deleted rows are overwritten with zeros, not left in their page's free space: the rows a
    // secret ballot's close rewrites must not survive it (src/db/queries/ballot-storage.ts).
    // It costs a write of each freed cell or page, on a database that deletes little.
    sqlite.pragma('secure_delete = ON');
    const db = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const connection = {
    connectionString: target.url,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: 10 });
  // A connection the server drops (PostgreSQL restarted, a proxy cut it) is reported as an
  // 'error' event: on the pool when the connection was idle, on the client when it was lent out
  // (a transaction between two queries). Unheard, either event ends the process. The query in
  // flight, if any, fails on its own; the pool discards the broken connection and the next
  // query opens a new one, so there is nothing more to do here.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  // Kysely streams a query through this `cursor`: copyRows's COPY, and nothing else (copy.ts).
  const db = new Kysely<Database>({
    dialect: new CurrentSchemaPostgresDialect({ pool, cursor: CopyCursor }),
  });
  return {
    db,
    dialect: 'postgres',
    close: () => db.destroy(),
    newClient: () => new pg.Client(connection),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * SQLite whose transactions begin IMMEDIATE: they take the write lock at their start, waiting
 * for it up to `busy_timeout` while another process (a second server, the CLI) writes. Kysely
 * begins DEFERRED, and a deferred transaction that has read and then writes after another
 * process committed fails at once with SQLITE_BUSY ("database is locked"), without waiting: its
 * snapshot is stale, so no busy handler can help (https://www.sqlite.org/lang_transaction.html,
 * "BEGIN IMMEDIATE"). In one process nothing changes: Kysely runs one transaction at a time on
 * its single connection.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * PostgreSQL whose introspection lists the tables of the current schema only. Kysely's own
 * introspector reads every schema of the database and asks `has_schema_privilege` of each, which
 * fails ("schema … does not exist") when another schema is dropped while it reads: several
 * Seconded databases (or test runs) sharing one PostgreSQL database would break each other's
 * migrations. The migrator needs only the names of this schema's tables.
 */
class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    const all = super.createIntrospector(db);
    return {
      getSchemas: () => all.getSchemas(),
      getTables: (options) => this.tablesOf(db, options),
    };
  }

  private async tablesOf(
    db: Kysely<unknown>,
    options?: DatabaseMetadataOptions,
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; type: string }>`
      select table_name as name, table_schema as schema, table_type as type
      from information_schema.tables
      where table_schema = current_schema()`.execute(db);
    return rows
      .filter((t) => options?.withInternalKyselyTables || !t.name.startsWith('kysely_'))
      .map((t) => ({
        name: t.name,
        schema: t.schema,
        isView: t.type === 'VIEW',
        isForeign: false,
        columns: [],
      }));
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh, and on SQLite preparing costs about as much as running a
 * small query: the busiest requests (casting a vote, resolving a session) would spend a third of
 * their database time compiling the same SQL again. This keeps the most recently used prepared
 * statements. A statement still being iterated is never handed out twice, and a schema change
 * (migrations) empties the cache so no statement outlives the tables it was prepared against.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        // Map order is insertion order: re-inserting marks it most recently used.
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      if (/^\s*(create|alter|drop)\b/i.test(sqlText)) cache.clear();
      const statement = sqlite.prepare(sqlText);
      cache.set(sqlText, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/**
 * Brings the schema up to date; throws with the failing migration's name and error. On
 * PostgreSQL the migration bookkeeping is looked up in the current schema only: Kysely would
 * otherwise find another schema's `kysely_migration` table (tests, or a shared database) and
 * skip creating its own.
 */
/** Kysely's migrator over our migrations, keeping its table in the current schema. */
async function migratorFor(db: Db): Promise<Migrator> {
  const migrationTableSchema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  return new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

export async function migrateToLatest(open: Pick<OpenDatabase, 'db'>): Promise<string[]> {
  const migrator = await migratorFor(open.db);
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

/**
 * Copies a SQLite database page by page with SQLite's online backup API: the source stays
 * open for reading and writing by the running server; the copy is one consistent snapshot
 * (a write during the copy restarts it from that page). `onProgress` hears pages copied and the
 * total. The destination must not exist yet: a backup never overwrites anything.
 */
export async function copySqliteDatabase(
  source: string,
  destination: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ pages: number }> {
  if (existsSync(destination)) {
    throw new DomainError('ALREADY_EXISTS', `${destination} already exists; choose a new file.`);
  }
  if (!existsSync(source)) throw new DomainError('NOT_FOUND', `There is no database at ${source}.`);
  const sqlite = new SQLite(source, { fileMustExist: true });
  try {
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new DomainError('VALIDATION_FAILED', `${source} is damaged: ${String(check)}`);
    }
    mkdirSync(dirname(destination), { recursive: true });
    const { totalPages } = await sqlite.backup(destination, {
      progress({ totalPages: total, remainingPages }) {
        onProgress(total - remainingPages, total);
        return 256;
      },
    });
    onProgress(totalPages, totalPages);
    return { pages: totalPages };
  } catch (error) {
    // better-sqlite3 throws SQLITE_NOTADB for a file that is not a database.
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new DomainError('VALIDATION_FAILED', `${source} is not a SQLite database.`);
    }
    throw error;
  } finally {
    sqlite.close();
  }
}

/** The migrations this database has not had yet, by name (empty when it is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const migrator = await migratorFor(db);
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
