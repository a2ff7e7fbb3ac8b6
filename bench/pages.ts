/**
 * Pages benchmark (issue 21): how many pages a second `seconded serve` answers to 64 keep-alive
 * readers, each against a bare Hono JSX page of the same size in the same run.
 *
 * - baseline: bench/bare-page.tsx, a page of as many bytes as the measured one, rendered by
 *   hono/jsx and served by @hono/node-server in a process of its own: no database, session,
 *   middleware or cache;
 * - `pages.resolution`: the demo's public resolution
 *   (/r/northfield-movement/no-confidence-in-the-leader), read by readers without a session;
 * - `pages.meeting`, `pages.ballot`: the first meeting and the first ballot of the demo's
 *   Camden Town Group, read by its chair, signed in (a session cookie);
 *
 * all from `seconded serve` on SQLite with the demo loaded: pages a second and the ratio to the
 * baseline. Target: at least a third. Each server is warmed alike (2 s of the same readers:
 * compiled code, prepared statements, kept pages) before its reading.
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
import { listBallotsOfBody } from '../src/db/queries/ballots.ts';
import { listMeetingsOfBody } from '../src/db/queries/meetings.ts';
import { findOrganisationBySlug, listBodies } from '../src/db/queries/organisations.ts';
import { findPersonByEmail } from '../src/db/queries/people.ts';
import { SESSION_COOKIE } from '../src/http/env.ts';
import type { AppContext } from '../src/app/common/context.ts';
import { sessionFor } from '../test/factories.ts';
import { startServerProcess } from '../test/server-process.ts';
import { figurePrinter } from './figure.ts';

const root = new URL('..', import.meta.url).pathname;
const RESOLUTION = '/r/northfield-movement/no-confidence-in-the-leader';
const CLIENTS = 64;
const WARM_SECONDS = 2;

interface Reading {
  ok: number;
  failed: number;
  bytes: number;
  seconds: number;
}

/** Asks for `path` from 64 connections for `seconds`; pages a second and the page's size. */
async function read(url: string, path: string, seconds: number, cookie?: string): Promise<Reading> {
  const child = fork(join(root, 'bench/page-clients.js'), [], { stdio: 'inherit' });
  const report = await new Promise<Reading & { error?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Reading & { error?: string }));
    child.once('error', reject);
    child.send({ url, path, concurrency: CLIENTS, seconds, cookie });
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

interface Page {
  readonly name: 'resolution' | 'meeting' | 'ballot';
  readonly words: string;
  readonly path: string;
  readonly cookie?: string;
}

/** The pages read: the public resolution, and the chair's meeting and ballot pages. */
async function pagesOf(ctx: AppContext): Promise<Page[]> {
  const org = await findOrganisationBySlug(ctx.db, 'northfield-movement');
  const camden = (await listBodies(ctx.db, org!.id)).find((b) => b.name === 'Camden Town Group')!;
  const chair = await findPersonByEmail(ctx.db, 'camden.chair@example.org');
  const cookie = `${SESSION_COOKIE}=${await sessionFor(ctx, chair!.id)}`;
  const [meeting] = await listMeetingsOfBody(ctx.db, camden.id);
  const [ballot] = await listBallotsOfBody(ctx.db, camden.id);
  return [
    { name: 'resolution', words: 'public resolution page, no session', path: RESOLUTION },
    {
      name: 'meeting',
      words: "a meeting's page, its chair signed in",
      path: `/meetings/${meeting!.id}`,
      cookie,
    },
    {
      name: 'ballot',
      words: "a ballot's page, the chair signed in",
      path: `/ballots/${ballot!.id}`,
      cookie,
    },
  ];
}

/** One page against the bare page of its size, each server warmed alike before its reading. */
async function measure(url: string, page: Page, seconds: number) {
  const warm = await read(url, page.path, WARM_SECONDS, page.cookie);
  if (!warm.ok) throw new Error(`${page.path} did not answer 200 (${warm.failed} failures)`);
  const bare = await bareServer(warm.bytes);
  let baseline: Reading;
  try {
    await read(bare.url, '/page', WARM_SECONDS);
    baseline = await read(bare.url, '/page', seconds);
  } finally {
    await bare.stop();
  }
  return { baseline, reading: await read(url, page.path, seconds, page.cookie) };
}

export async function benchPages(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const emit = figurePrinter(opts.json);
  const seconds = opts.quick ? 3 : 10;
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-pages-'));
  const env = { SQLITE_FILE: join(dir, 'seconded.sqlite'), DATABASE_URL: '' };
  const quiet = { info() {}, warn() {}, error: (m: string, e?: unknown) => console.error(m, e) };
  const app = await openApp(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'error' }), quiet);
  await seedDemo(app.ctx);
  const pages = await pagesOf(app.ctx);
  await app.database.close();
  const server = startServerProcess(env);
  try {
    const url = await server.url;
    for (const page of pages) {
      const { baseline, reading } = await measure(url, page, seconds);
      const rate = (r: Reading) => r.ok / r.seconds;
      const ratio = rate(reading) / rate(baseline);
      emit(
        {
          bench: `pages.${page.name}`,
          value: Math.round(rate(reading)),
          unit: 'pages/s',
          baseline: Math.round(rate(baseline)),
          ratio,
        },
        `${page.words} (${reading.bytes.toLocaleString('en-GB')} bytes), ${CLIENTS} keep-alive clients, SQLite: ` +
          `${Math.round(rate(reading)).toLocaleString('en-GB')} pages/s` +
          `${reading.failed ? ` (${reading.failed} not 200)` : ''}, x${ratio.toFixed(2)} a bare ` +
          `Hono JSX page of the same size, ${Math.round(rate(baseline)).toLocaleString('en-GB')}/s; target at least x0.33`,
      );
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
