/**
 * Register benchmark (issue 16), on SQLite and, when one answers, PostgreSQL: a branch of
 * 100,000 members (and 20,000 more in another branch, so the index is not the branch's alone)
 * read 50 to a page, as its secretary reads it, through the app in this process (session
 * lookup, authorisation, the look recorded, the page's query and count, the HTML or JSON).
 *
 * - baseline: the floor of reading 50 rows, measured in the same run on the same database: a
 *   keyset page of 50 of the people table by primary key (one index range, no join), the best
 *   of many;
 * - pages: the first page, then every next page for 200 pages, then 50 pages from the middle
 *   and 50 from the end (reached by their cursors), as HTML and as JSON: the median, 95th
 *   percentile and worst server time, and the median as a ratio to the baseline. Target: every
 *   page under 100 ms (README, "Speed");
 * - for scale: a search of the whole branch for a name, and the export of it as CSV.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { AppContext, Logger } from '../src/app/common/context.ts';
import { exportRegister } from '../src/app/organisations/export-register.ts';
import { viewRegisterPage } from '../src/app/organisations/page-register.ts';
import { loadConfig } from '../src/config.ts';
import { dialectOf } from '../src/db/database.ts';
import { insertMemberships } from '../src/db/queries/memberships.ts';
import { insertPeople } from '../src/db/queries/people.ts';
import { createHttpApp } from '../src/http/app.tsx';
import { openApp } from '../src/main.ts';
import { sessionFor } from '../test/factories.ts';
import { northfield } from '../test/story.ts';
import { figurePrinter } from './figure.ts';

const quietLog: Logger = { info() {}, warn() {}, error: (m, e) => console.error(m, e) };
const TARGET_MS = 100;

const GIVEN = ['Isla', 'Farah', 'Yusuf', 'Ben', 'Zoë', 'Aled', 'Maya', 'Tom', 'Priya', 'Kofi'];
const FAMILY = ['Singh', 'Young', 'Zielinski', 'Mensah', 'Müller', 'Jones', 'Okafor', 'Lund'];

/** `count` members of a body, written in bulk, with names in no particular order. */
async function fillBranch(ctx: AppContext, bodyId: string, count: number, tag: string) {
  const at = ctx.now().toISOString();
  const people = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    name: `${GIVEN[(i * 7) % GIVEN.length]} ${FAMILY[(i * 13) % FAMILY.length]} ${(i * 7919) % count}`,
    email: `${tag}-${i}@example.org`,
    created_at: at,
  }));
  await ctx.db.transaction().execute(async (trx) => {
    await insertPeople(trx, people);
    await insertMemberships(
      trx,
      people.map((p, i) => ({
        id: randomUUID(),
        body_id: bodyId,
        person_id: p.id,
        role: 'member',
        member_number: `${tag.toUpperCase()}${String(i).padStart(6, '0')}`,
        joined_on: '2020-01-01',
        left_on: i % 20 === 0 ? '2024-06-30' : null,
        vote_weight: null,
        created_at: at,
      })),
    );
  });
  // PostgreSQL's autovacuum would gather the statistics soon after such a load; SQLite gathers
  // none unless told, and the app does not tell it, so neither does the benchmark.
  if (dialectOf(ctx.db) === 'postgres') await sql`analyze`.execute(ctx.db);
}

/** The best time of a keyset page of 50 people by primary key: the floor of reading 50 rows. */
async function baselineMs(ctx: AppContext, rounds: number) {
  let best = Infinity;
  let after = '';
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    const rows = await ctx.db
      .selectFrom('people')
      .select(['id', 'name', 'email'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(50)
      .execute();
    best = Math.min(best, performance.now() - start);
    after = rows.length === 50 ? rows[49]!.id : '';
  }
  return best;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Reads pages over the app in this process, following `next`; returns each page's time. */
async function walkPages(
  request: (path: string) => Promise<Response>,
  bodyId: string,
  starts: readonly (string | null)[],
  pagesEach: number,
  json: boolean,
) {
  const times: number[] = [];
  for (const start of starts) {
    let after = start;
    for (let i = 0; i < pagesEach; i++) {
      const query = `limit=50${after ? `&after=${after}` : ''}`;
      const path = json
        ? `/api/v1/bodies/${bodyId}/members?${query}`
        : `/bodies/${bodyId}/members?${query}`;
      const t0 = performance.now();
      const res = await request(path);
      const body = await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
      const next = json
        ? ((JSON.parse(body) as { next: string | null }).next ?? null)
        : (/\bafter=([\w-]+)/.exec(body)?.[1] ?? null);
      if (!next) break;
      after = next;
    }
  }
  return times.sort((a, b) => a - b);
}

export async function benchRegister(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const emit = figurePrinter(opts.json);
  const members = opts.quick ? 20_000 : 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-register-'));
  const targets: { name: string; env: Record<string, string>; cleanUp: () => Promise<void> }[] = [
    { name: 'sqlite', env: { SQLITE_FILE: join(dir, 'seconded.sqlite') }, cleanUp: async () => {} },
  ];
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin.query(`create schema ${schema}`);
    targets.push({
      name: 'postgres',
      env: {
        DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      },
      cleanUp: async () => {
        await admin.query(`drop schema ${schema} cascade`);
      },
    });
  } catch {
    console.error(`PostgreSQL at ${url} is not reachable: its figures are skipped.`);
  }
  try {
    for (const target of targets) {
      const app = await openApp(loadConfig({ ...target.env, LOG_LEVEL: 'error' }), quietLog);
      try {
        await benchTarget(app.ctx, target.name, members, emit);
      } finally {
        await app.database.close();
        await target.cleanUp();
      }
    }
  } finally {
    await admin.end().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchTarget(
  ctx: AppContext,
  name: string,
  members: number,
  emit: ReturnType<typeof figurePrinter>,
) {
  const story = await northfield(ctx);
  await fillBranch(ctx, story.camdenId, members, 'c');
  await fillBranch(ctx, story.hackneyId, members / 5, 'h');
  const token = await sessionFor(ctx, story.adminId);
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
  const request = async (path: string) =>
    await app.request(`http://bench.test${path}`, {
      headers: { cookie: `seconded_session=${token}` },
    });
  // Cursors into the middle and near the end, as a reader who paged there would hold.
  const cursorAt = async (skip: number) => {
    let after: string | undefined;
    let seen = 0;
    while (seen < skip) {
      const page = await viewRegisterPage(ctx, {
        actor: story.admin,
        bodyId: story.camdenId,
        limit: 200,
        after,
      });
      seen += page.members.length;
      after = page.next ?? undefined;
      if (!after) break;
    }
    return after ?? null;
  };
  const current = Math.round(members * 0.95);
  const starts = [null, await cursorAt(current / 2), await cursorAt(current - 2600)];
  const baseline = await baselineMs(ctx, 200);
  for (const json of [false, true]) {
    const times = await walkPages(request, story.camdenId, starts, json ? 50 : 100, json);
    // Other work on the machine lengthens the slowest pages most: the load is printed beside.
    const load = loadavg()[0]!.toFixed(1);
    const median = quantile(times, 0.5);
    const worst = times[times.length - 1]!;
    const kind = json ? 'json' : 'html';
    emit(
      {
        bench: `register.${name}.page-of-50.${kind}.median`,
        value: Number(median.toFixed(2)),
        unit: 'ms',
        baseline: Number(baseline.toFixed(3)),
        ratio: median / baseline,
      },
      `${name.padEnd(8)} register of ${members.toLocaleString('en-GB')}, ${times.length} pages of 50 as ${kind.toUpperCase()}: ` +
        `median ${median.toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, worst ${worst.toFixed(1)} ms ` +
        `(target: every page under ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'MISSED'}); ` +
        `x${(median / baseline).toFixed(0)} the baseline of ${baseline.toFixed(2)} ms for 50 rows by primary key; ` +
        `load average ${load}`,
    );
    emit(
      {
        bench: `register.${name}.page-of-50.${kind}.worst`,
        value: Number(worst.toFixed(2)),
        unit: 'ms',
        baseline: TARGET_MS,
        ratio: worst / TARGET_MS,
      },
      `${name.padEnd(8)}   worst page as ${kind.toUpperCase()} against the ${TARGET_MS} ms target: x${(worst / TARGET_MS).toFixed(2)}`,
    );
  }
  const t0 = performance.now();
  const found = await viewRegisterPage(ctx, {
    actor: story.admin,
    bodyId: story.camdenId,
    search: 'zoë müller 9',
  });
  const searchMs = performance.now() - t0;
  const t1 = performance.now();
  const file = await exportRegister(ctx, { actor: story.admin, bodyId: story.camdenId });
  const exportMs = performance.now() - t1;
  emit(
    {
      bench: `register.${name}.search`,
      value: Number(searchMs.toFixed(1)),
      unit: 'ms',
      baseline: null,
      ratio: null,
    },
    `${name.padEnd(8)}   for scale: a search of the whole register (${found.members.length} on its first page) ` +
      `${searchMs.toFixed(0)} ms; the export of ${(file.csv.length / 1e6).toFixed(1)} MB of CSV ${exportMs.toFixed(0)} ms`,
  );
}
