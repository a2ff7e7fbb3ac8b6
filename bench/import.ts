/**
 * Import benchmark (issue 21): a register of 1,000,000 members (100,000 with --quick) imported
 * from a CSV file, on SQLite and, when one answers, PostgreSQL, each run in a fresh process and
 * a fresh database (bench/import-child.ts) so that its time and peak memory are its own.
 *
 * - baseline: the bare bulk insert of the same rows (people and memberships, made in memory,
 *   written by the same statements with the same ordered ids, in one transaction: nothing read,
 *   checked or looked up), measured in the same run on the same database;
 * - `import.{sqlite,postgres}.1m`: `importMembers` reading the file as the CLI does (streamed,
 *   every row checked, duplicates refused, matched against the register, one transaction), its
 *   time as a ratio to the baseline. Target: under 20 s;
 * - `import.{sqlite,postgres}.1m.cpu`: its CPU time (user + system), against the floor's: on a
 *   machine shared with other work, wall-clock time says as much about the others;
 * - `import.{sqlite,postgres}.1m.peak-memory`: the import's peak resident memory, against the
 *   floor's (the process holds ~130 MB before either begins: the database, the use cases and
 *   the test story, loaded through tsx). Both children run with the V8 flags of
 *   `seconded import-members` (bin/node-flags.js). Target: under 300 MB.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { COMMAND_NODE_FLAGS } from '../bin/node-flags.js';
import { figurePrinter } from './figure.ts';
import { writeRegisterFile } from './import-rows.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

interface ChildRun {
  ms: number;
  cpuMs: number;
  rows: number;
  added: number;
  startRss: number;
  peakRss: number;
}

async function child(
  mode: 'import' | 'bulk',
  file: string,
  rows: number,
  env: Record<string, string>,
) {
  // Both with the V8 flags `seconded import-members` runs with (bin/node-flags.js).
  const { stdout } = await run(
    process.execPath,
    [
      ...(COMMAND_NODE_FLAGS['import-members'] ?? []),
      join(root, 'bin/run-ts.js'),
      join(root, 'bench/import-child.ts'),
      mode,
      file,
      String(rows),
    ],
    { cwd: root, maxBuffer: 1 << 20, env: { ...process.env, ...env } },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildRun;
}

const mb = (bytes: number) => Math.round(bytes / 1e6);

export async function benchImport(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const emit = figurePrinter(opts.json);
  const rows = opts.quick ? 100_000 : 1_000_000;
  const label = opts.quick ? '100k' : '1m';
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-import-'));
  const file = join(dir, 'register.csv');
  await writeRegisterFile(file, rows);
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let postgres = true;
  try {
    await admin.connect();
  } catch {
    postgres = false;
    console.error(`PostgreSQL at ${url} is not reachable: its figures are skipped.`);
  }
  // A fresh database for each run: the floor and the import write the same people.
  const fresh = async (name: string): Promise<[Record<string, string>, () => Promise<void>]> => {
    if (name === 'sqlite') {
      const sqliteFile = join(dir, `${randomUUID()}.sqlite`);
      return [{ SQLITE_FILE: sqliteFile, DATABASE_URL: '' }, async () => {}];
    }
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin.query(`create schema ${schema}`);
    const options = encodeURIComponent(`-c search_path=${schema}`);
    return [
      { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${options}` },
      async () => void (await admin.query(`drop schema ${schema} cascade`)),
    ];
  };
  try {
    for (const name of postgres ? ['sqlite', 'postgres'] : ['sqlite']) {
      const measure = async (mode: 'import' | 'bulk') => {
        const [env, cleanUp] = await fresh(name);
        try {
          return await child(mode, file, rows, env);
        } finally {
          await cleanUp();
        }
      };
      const bulk = await measure('bulk');
      const imported = await measure('import');
      const ratio = imported.ms / bulk.ms;
      emit(
        {
          bench: `import.${name}.${label}`,
          value: Number((imported.ms / 1000).toFixed(2)),
          unit: 's',
          baseline: Number((bulk.ms / 1000).toFixed(2)),
          ratio,
        },
        `${name.padEnd(8)} import of a ${rows.toLocaleString('en-GB')}-member register: ${(imported.ms / 1000).toFixed(1)} s ` +
          `(CPU ${(imported.cpuMs / 1000).toFixed(1)} s), x${ratio.toFixed(2)} the bare bulk insert of the same rows, ` +
          `${(bulk.ms / 1000).toFixed(1)} s (CPU ${(bulk.cpuMs / 1000).toFixed(1)} s); target under 20 s`,
      );
      emit(
        {
          bench: `import.${name}.${label}.cpu`,
          value: Number((imported.cpuMs / 1000).toFixed(2)),
          unit: 's',
          baseline: Number((bulk.cpuMs / 1000).toFixed(2)),
          ratio: imported.cpuMs / bulk.cpuMs,
        },
        `${name.padEnd(8)}   CPU (user + system) ${(imported.cpuMs / 1000).toFixed(1)} s against the floor's ${(bulk.cpuMs / 1000).toFixed(1)} s`,
      );
      emit(
        {
          bench: `import.${name}.${label}.peak-memory`,
          value: mb(imported.peakRss),
          unit: 'MB',
          baseline: mb(bulk.peakRss),
          ratio: imported.peakRss / bulk.peakRss,
        },
        `${name.padEnd(8)}   peak memory ${mb(imported.peakRss)} MB, against the bulk insert's ${mb(bulk.peakRss)} MB ` +
          `(the process held ${mb(imported.startRss)} MB before the import began); target under 300 MB`,
      );
    }
  } finally {
    await admin.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
