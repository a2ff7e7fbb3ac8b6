/**
 * Pages benchmark (issue 21): how many public pages a second `seconded serve` answers to 64
 * keep-alive readers, against a bare Hono JSX page of the same size in the same run.
 *
 * - baseline: bench/bare-page.tsx, a page of as many bytes as the measured one, rendered by
 *   hono/jsx and served by @hono/node-server in a process of its own: no database, session,
 *   middleware or cache;
 * - `pages.resolution`: the demo's public resolution
 *   (/r/northfield-movement/no-confidence-in-the-leader) from `seconded serve` on SQLite, the
 *   demo loaded; pages a second and the ratio to the baseline. Target: at least a third.
 *
 * The readers run in a process of their own (bench/page-clients.js), each one connection asking
 * for the page again as soon as it has it, for a fixed time; only 200 answers are counted.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { openApp } from '../src/main.ts';
import { startServerProcess } from '../test/server-process.ts';
import { figurePrinter } from './figure.ts';

const root = new URL('..', import.meta.url).pathname;
const RESOLUTION = '/r/northfield-movement/no-confidence-in-the-leader';
const CLIENTS = 64;

interface Reading {
  ok: number;
  failed: number;
  bytes: number;
  seconds: number;
}

/** Asks for `path` from 64 connections for `seconds`; pages a second and the page's size. */
async function read(url: string, path: string, seconds: number): Promise<Reading> {
  const child = fork(join(root, 'bench/page-clients.js'), [], { stdio: 'inherit' });
  const report = await new Promise<Reading & { error?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Reading & { error?: string }));
    child.once('error', reject);
    child.send({ url, path, concurrency: CLIENTS, seconds });
  });
  if (report.error) throw new Error(report.error);
  return report;
}

/** The bare page's server, of `bytes` bytes; its address and how to stop it. */
async function bareServer(bytes: number) {
  const child = spawn(
    process.execPath,
    [join(root, 'bin/run-ts.js'), join(root, 'bench/bare-page.tsx'), String(bytes)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const found = /serving (http:\/\/\S+)\s/.exec(log);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`the bare page server exited (${code}): ${log}`)),
    );
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function benchPages(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const emit = figurePrinter(opts.json);
  const seconds = opts.quick ? 3 : 10;
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-pages-'));
  const env = { SQLITE_FILE: join(dir, 'seconded.sqlite'), DATABASE_URL: '' };
  const quiet = { info() {}, warn() {}, error: (m: string, e?: unknown) => console.error(m, e) };
  const app = await openApp(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'error' }), quiet);
  await seedDemo(app.ctx);
  await app.database.close();
  const server = startServerProcess(env);
  try {
    const url = await server.url;
    // A first reading warms the server (compiled code, prepared statements) and gives the size.
    const warm = await read(url, RESOLUTION, 1);
    if (!warm.ok)
      throw new Error(`the resolution page did not answer 200 (${warm.failed} failures)`);
    const bare = await bareServer(warm.bytes);
    let baseline: Reading;
    try {
      await read(bare.url, '/page', 1);
      baseline = await read(bare.url, '/page', seconds);
    } finally {
      await bare.stop();
    }
    const page = await read(url, RESOLUTION, seconds);
    const rate = (r: Reading) => r.ok / r.seconds;
    emit(
      {
        bench: 'pages.resolution',
        value: Math.round(rate(page)),
        unit: 'pages/s',
        baseline: Math.round(rate(baseline)),
        ratio: rate(page) / rate(baseline),
      },
      `public resolution page (${page.bytes.toLocaleString('en-GB')} bytes), ${CLIENTS} keep-alive clients, SQLite: ` +
        `${Math.round(rate(page)).toLocaleString('en-GB')} pages/s` +
        `${page.failed ? ` (${page.failed} not 200)` : ''}, x${(rate(page) / rate(baseline)).toFixed(2)} a bare ` +
        `Hono JSX page of the same size, ${Math.round(rate(baseline)).toLocaleString('en-GB')}/s; target at least x0.33`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
