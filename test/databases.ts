import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeEach, describe, inject } from 'vitest';
import {
  migrateToLatest,
  openDatabase,
  type DialectName,
  type OpenDatabase,
} from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';

/** The databases every data-layer and use-case test runs on (STYLE.md, convention 5). */
export const DIALECTS: readonly DialectName[] = inject('postgresUrl')
  ? ['sqlite', 'postgres']
  : ['sqlite'];

/**
 * Opens a fresh, migrated database of one dialect: SQLite in a private in-memory database,
 * PostgreSQL in a schema of its own that is dropped afterwards, so test files run in parallel.
 */
export async function freshDatabase(
  dialect: DialectName,
  opts: { onDisk?: boolean } = {},
): Promise<OpenDatabase & { env: Record<string, string> }> {
  if (dialect === 'sqlite') {
    // On disk when another process (the CLI, a restarted server) must open it too.
    const file = opts.onDisk
      ? join(mkdtempSync(join(tmpdir(), 'seconded-test-')), 'seconded.sqlite')
      : ':memory:';
    const open = openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(open);
    return { ...open, env: { SQLITE_FILE: file, DATABASE_URL: '' } };
  }
  const url = inject('postgresUrl');
  if (!url) throw new Error('PostgreSQL is not available to this run');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const open = openDatabase({ kind: 'postgres', url }, { schema });
  await migrateToLatest(open);
  return {
    ...open,
    env: {
      DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    },
    async close() {
      await open.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop schema ${schema} cascade`);
      await dropper.end();
    },
  };
}

/**
 * Runs a block of tests once per dialect, each test on a fresh database:
 * `describeEachDatabase('importing members', (get) => { it('...', async () => get().db ...) })`.
 */
export function describeEachDatabase(name: string, body: (current: () => OpenDatabase) => void) {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let open: OpenDatabase | undefined;
      beforeEach(async () => {
        await open?.close();
        open = await freshDatabase(dialect);
      });
      afterAll(async () => {
        await open?.close();
      });
      body(() => {
        if (!open) throw new Error('database not open yet');
        return open;
      });
    });
  }
}

/**
 * A migrated PostgreSQL database of its own, not a schema of the shared test database, dropped
 * on close: VACUUM removes a dead row only once no transaction of the same database that might
 * still see it is running, and the other test files run theirs in the shared one; and a test
 * that reads every page of every table (pageinspect) sees only its own rows. (A server does the
 * same: a long transaction of its own database, a backup say, defers the removal; close-ballot.ts
 * logs it.)
 */
export async function databaseOfItsOwn(): Promise<OpenDatabase> {
  const url = inject('postgresUrl')!;
  const name = `seconded_own_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const open = openDatabase({ kind: 'postgres', url: own.toString() });
  await migrateToLatest(open);
  return {
    ...open,
    async close() {
      await open.close();
      await admin(`drop database ${name} with (force)`);
    },
  };
}

/**
 * Creates `pageinspect` (which reads a table's pages, dead tuples included) in a database of its
 * own. When it cannot be created (it needs a superuser and the contrib package), the test says
 * so loudly and is skipped on a developer's machine; under CI (CI=true) it fails, because CI must
 * run every check of what the engine keeps.
 */
export async function pageinspectOrSkip(
  db: Kysely<Database>,
  test: { skip: (note?: string) => void },
  what: string,
) {
  try {
    await sql`create extension if not exists pageinspect schema public`.execute(db);
  } catch (error) {
    if (process.env.CI)
      throw new Error(`CI must run ${what}, but pageinspect cannot be created: ${String(error)}`, {
        cause: error,
      });
    const line = '!'.repeat(78);
    console.warn(
      `\n${line}\n!! pageinspect cannot be created here (${String(error)}).\n!! ${what} is SKIPPED.\n!! It needs a superuser and postgresql-contrib (CI has both): create extension pageinspect.\n${line}\n`,
    );
    test.skip();
  }
}
