/**
 * The ballot benchmark's floors and meters (bench/ballots.ts): a database's durable single-row
 * insert rate, and the CPU a server process spends, read from /proc.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';

/** Rows/s of one INSERT per transaction, durably, on a SQLite file of its own. */
export function sqliteBaseline(dir: string, ms: number) {
  const sqlite = new SQLite(join(dir, 'baseline.sqlite'));
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec(
      'create table if not exists rows (id text primary key, choice text not null) without rowid',
    );
    const insert = sqlite.prepare('insert into rows (id, choice) values (?, ?)');
    const one = sqlite.transaction((id: string) => insert.run(id, 'for'));
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      one(randomUUID());
      n++;
    }
    return n / ((performance.now() - start) / 1000);
  } finally {
    sqlite.close();
  }
}

/**
 * Rows/s of autocommit INSERTs, each its own durable commit, from `connections` connections at
 * once. With one connection this is the database's single-row insert rate (the baseline); with
 * many, PostgreSQL flushes the WAL once for commits that arrive together (its own group
 * commit), which is shown for scale.
 */
export async function postgresInserts(url: string, connections: number, ms: number) {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  try {
    await clients[0]!.query(
      'create table if not exists baseline_rows (id text primary key, choice text not null)',
    );
    let n = 0;
    const start = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() - start < ms) {
          // Named: parsed and planned once per connection, as a prepared statement.
          await c.query({
            name: 'baseline-insert',
            text: 'insert into baseline_rows (id, choice) values ($1, $2)',
            values: [randomUUID(), 'for'],
          });
          n++;
        }
      }),
    );
    return n / ((performance.now() - start) / 1000);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * CPU seconds a process has used so far (Linux: /proc, user + system), all its threads and the
 * main thread alone (whose id is the process's): on a loaded machine these move far less than
 * the rates do. Null where /proc cannot be read.
 */
export function cpuSeconds(pid: number | undefined): { all: number; main: number } | null {
  if (pid === undefined) return null;
  const read = (path: string) => {
    // The fields after the command's name, which is in parentheses and may hold spaces.
    const fields = readFileSync(path, 'latin1').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 1/100 s on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  try {
    return { all: read(`/proc/${pid}/stat`), main: read(`/proc/${pid}/task/${pid}/stat`) };
  } catch {
    return null;
  }
}

/** Runs `work` on `count` requests; returns its result and the server's CPU µs per request. */
export async function withServerCpu<T>(
  pid: number | undefined,
  count: number,
  work: () => Promise<T>,
) {
  const before = cpuSeconds(pid);
  const result = await work();
  const after = cpuSeconds(pid);
  const cpu =
    before && after
      ? {
          all: ((after.all - before.all) / count) * 1e6,
          main: ((after.main - before.main) / count) * 1e6,
        }
      : null;
  return { result, cpu };
}
