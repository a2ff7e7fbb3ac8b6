/**
 * Server CPU per page (issue 21), for comparing two checkouts side by side on a loaded machine:
 * `node bin/run-ts.js bench/page-cpu.ts ROOT[,ROOT…] [SECONDS] [ROUNDS] [--prof DIR]` seeds the
 * demo once, then for each round and each checkout starts that checkout's `seconded serve` on a
 * copy of the same database, reads each page from 64 keep-alive readers (bench/page-clients.js)
 * for SECONDS, and prints the server's CPU over the reading (/proc/PID/stat, user + system)
 * divided by the pages answered.
 */
import { fork, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
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
import { sessionFor } from '../test/factories.ts';

const here = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const profAt = args.indexOf('--prof');
const profDir = profAt >= 0 ? args.splice(profAt, 2)[1] : undefined;
const roots = args[0]!.split(',');
const seconds = Number(args[1] ?? 5);
const rounds = Number(args[2] ?? 2);
const only = process.env.PAGES?.split(',');
const TICK = 100; // clock ticks a second (getconf CLK_TCK)

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
};

async function read(url: string, path: string, secs: number, cookie?: string) {
  const child = fork(join(here, 'bench/page-clients.js'), [], { stdio: 'inherit' });
  return new Promise<{ ok: number; failed: number; bytes: number; seconds: number }>((resolve) => {
    child.once('message', (m) => resolve(m as never));
    child.send({ url, path, concurrency: 64, seconds: secs, cookie });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'seconded-page-cpu-'));
const file = join(dir, 'seed.sqlite');
const quiet = { info() {}, warn() {}, error: (m: string, e?: unknown) => console.error(m, e) };
const app = await openApp(
  loadConfig({ ...process.env, SQLITE_FILE: file, DATABASE_URL: '', LOG_LEVEL: 'error' }),
  quiet,
);
await seedDemo(app.ctx);
const org = await findOrganisationBySlug(app.ctx.db, 'northfield-movement');
const camden = (await listBodies(app.ctx.db, org!.id)).find((b) => b.name === 'Camden Town Group')!;
const chair = await findPersonByEmail(app.ctx.db, 'camden.chair@example.org');
const cookie = `${SESSION_COOKIE}=${await sessionFor(app.ctx, chair!.id)}`;
const [meeting] = await listMeetingsOfBody(app.ctx.db, camden.id);
const [ballot] = await listBallotsOfBody(app.ctx.db, camden.id);
await app.database.close();
const pages = [
  { name: 'resolution', path: '/r/northfield-movement/no-confidence-in-the-leader' },
  { name: 'meeting', path: `/meetings/${meeting!.id}`, cookie },
  { name: 'ballot', path: `/ballots/${ballot!.id}`, cookie },
].filter((p) => !only || only.includes(p.name));

for (let round = 0; round < rounds; round++) {
  for (const [i, root] of roots.entries()) {
    const db = join(dir, `r${round}-${i}.sqlite`);
    copyFileSync(file, db);
    const prof = profDir ? [`--cpu-prof`, `--cpu-prof-dir=${profDir}`] : [];
    const child = spawn(process.execPath, [...prof, join(root, 'bin/seconded.js'), 'serve'], {
      env: {
        ...process.env,
        SQLITE_FILE: db,
        DATABASE_URL: '',
        BASE_URL: '',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    let serving = false;
    const url = await new Promise<string>((resolve) => {
      child.stderr!.on('data', (c: Buffer) => {
        if (serving) return;
        log += c.toString();
        const m = /serving (http:\/\/\S+)\s/.exec(log);
        if (m) {
          serving = true;
          resolve(m[1]!.replace('//localhost:', '//127.0.0.1:'));
        }
      });
    });
    for (const page of pages) {
      await read(url, page.path, 2, page.cookie);
      const before = cpuMs(child.pid!);
      const r = await read(url, page.path, seconds, page.cookie);
      const used = cpuMs(child.pid!) - before;
      console.log(
        `round ${round} ${root} ${page.name}: ${r.ok} pages (${r.failed} failed, ${r.bytes} B), ` +
          `${Math.round(r.ok / r.seconds)}/s, CPU ${(used / r.ok).toFixed(3)} ms a page`,
      );
    }
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
  }
}
