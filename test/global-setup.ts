import type { TestProject } from 'vitest/node';
import pg from 'pg';

/** The PostgreSQL the tests use: DATABASE_URL, else the local server every dev machine runs. */
export const DEFAULT_TEST_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * Decides once per run whether the PostgreSQL half of the suite runs. It runs whenever a server
 * answers; when none does, the run says so loudly, and under CI (CI=true) it fails instead,
 * because CI must always test both databases.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL || DEFAULT_TEST_POSTGRES;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let reachable = false;
  try {
    await client.connect();
    await client.query('select 1');
    reachable = true;
  } catch (error) {
    const line = '!'.repeat(78);
    const why = error instanceof Error ? error.message : String(error);
    if (process.env.CI) {
      throw new Error(`CI must test PostgreSQL, but ${url} is not reachable: ${why}`, {
        cause: error,
      });
    }
    console.warn(
      `\n${line}\n!! PostgreSQL at ${url} is not reachable (${why}).\n!! The PostgreSQL half of the suite is SKIPPED: only SQLite is tested.\n!! Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n${line}\n`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  project.provide('postgresUrl', reachable ? url : null);
}
