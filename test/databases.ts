import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeEach, describe, inject } from 'vitest';
import {
  migrateToLatest,
  openDatabase,
  type DialectName,
  type OpenDatabase,
} from '../src/db/database.ts';

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
