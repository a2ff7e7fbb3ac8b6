/**
 * Ballot benchmark (issue 5), on SQLite and, when one answers, PostgreSQL:
 *
 * - baseline: the raw durable single-row insert rate of that database, measured in the same run
 *   with the app's durability settings, one connection, one INSERT per transaction, a prepared
 *   statement (SQLite: a file of its own with the same pragmas; PostgreSQL: autocommit, the
 *   server's own synchronous_commit). It is measured three times (before, between and after
 *   the runs over HTTP) and the best kept, so a busy moment on the machine cannot make it easy;
 * - cast: N ballots over HTTP from C concurrent clients (a process of their own,
 *   bench/http-clients.js) against `seconded serve` (a process of its own, as in production), in
 *   ballots/s and as a ratio to the baseline (target: at least 0.5);
 * - for scale: PostgreSQL's insert rate from C connections at once (its own group commit), a bare
 *   GET /healthz from the same clients, and the same casts without HTTP;
 * - close: closing and counting a yes/no ballot of 500,000 votes whose roll, box and receipts
 *   are inserted directly (target: under 10 s).
 */
import { randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import type { AppContext, Logger } from '../src/app/common/context.ts';
import { castBallot } from '../src/app/ballots/cast-ballot.ts';
import { closeBallot } from '../src/app/ballots/close-ballot.ts';
import { createBallot } from '../src/app/ballots/create-ballot.ts';
import { openBallot } from '../src/app/ballots/open-ballot.ts';
import type { Actor } from '../src/domain/organisations/policy.ts';
import { loadConfig } from '../src/config.ts';
import { dialectOf } from '../src/db/database.ts';
import { openApp } from '../src/main.ts';
import { addMembers, sessionFor } from '../test/factories.ts';
import { figurePrinter } from './figure.ts';
import { postgresInserts, sqliteBaseline, withServerCpu } from './ballot-floors.ts';
import { startServerProcess } from '../test/server-process.ts';
import { northfield } from '../test/story.ts';

const quietLog: Logger = { info() {}, warn() {}, error: (m, e) => console.error(m, e) };

/** The environment a server (in this process or a child) needs to reach one database. */
export type DatabaseEnv = { SQLITE_FILE: string } | { DATABASE_URL: string };

export interface Voter {
  readonly personId: string;
  /** The session cookie's value. */
  readonly token: string;
}

/** A secret yes/no ballot on `question` in a body, drafted and opened by its admin. */
async function openYesNoBallot(
  ctx: AppContext,
  body: { admin: Actor; bodyId: string },
  question: string,
) {
  const { ballotId } = await createBallot(ctx, {
    actor: body.admin,
    bodyId: body.bodyId,
    question,
    options: { kind: 'yes-no' },
    secret: true,
  });
  const { electorate } = await openBallot(ctx, { actor: body.admin, ballotId });
  return { ballotId, electorate };
}

/**
 * The Northfield story's organisation with `voters` more members (each signed in) in the Camden
 * Town Group, and an open secret yes/no ballot of that branch, set up through the use cases.
 */
export async function openBallotWithVoters(ctx: AppContext, voters: number) {
  const story = await northfield(ctx);
  const people = await addMembers(ctx, story.camdenId, voters);
  const adminToken = await sessionFor(ctx, story.adminId);
  const camden = { admin: story.admin, bodyId: story.camdenId };
  const question = 'That this branch has no confidence in the Leader.';
  const opened = await openYesNoBallot(ctx, camden, question);
  return { ...camden, adminToken, ...opened, voters: people };
}

export type CastOutcome = { kind: 'recorded'; receipt: string } | { kind: 'refused'; code: string };

/** Casts one vote over HTTP; network failures (a dead server) are thrown. */
export async function castOverHttp(
  url: string,
  ballotId: string,
  voter: Voter,
  choice: string,
): Promise<CastOutcome> {
  const res = await fetch(`${url}/api/v1/ballots/${ballotId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `seconded_session=${voter.token}` },
    body: JSON.stringify({ choice }),
  });
  const body = (await res.json()) as { receipt?: string; error?: string };
  if (res.status === 201 && body.receipt) return { kind: 'recorded', receipt: body.receipt };
  return { kind: 'refused', code: body.error ?? `HTTP ${res.status}` };
}

export const choiceFor = (i: number) => (i % 10 < 5 ? 'for' : i % 10 < 8 ? 'against' : 'abstain');

// --- the benchmark ---

const clientsScript = fileURLToPath(new URL('./http-clients.js', import.meta.url));

/**
 * Sends every voter's ballot (or, for the HTTP ceiling, merely GET /healthz) from
 * `concurrency` keep-alive connections in a process of their own; returns requests/s.
 */
async function castOverHttpAll(
  url: string,
  ballotId: string,
  voters: readonly Voter[],
  concurrency: number,
  healthOnly = false,
) {
  const child: ChildProcess = fork(clientsScript, [], { stdio: 'inherit' });
  const report = await new Promise<{
    ok?: number;
    refused?: unknown;
    seconds?: number;
    error?: string;
  }>((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the clients exited with ${code}`)));
    child.send({ url, ballotId, tokens: voters.map((v) => v.token), concurrency, healthOnly });
  });
  if (report.error || report.ok !== voters.length || !report.seconds)
    throw new Error(`not every request succeeded: ${JSON.stringify(report)}`);
  return voters.length / report.seconds;
}

/** Casts every voter's ballot by calling the use case from `concurrency` callers: no HTTP. */
async function castInProcess(
  ctx: AppContext,
  ballotId: string,
  voters: readonly Voter[],
  concurrency: number,
) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < voters.length) {
        const i = next++;
        await castBallot(ctx, {
          actor: { personId: voters[i]!.personId, isSiteAdmin: false, memberships: [] },
          ballotId,
          choice: choiceFor(i),
        });
      }
    }),
  );
  return voters.length / ((performance.now() - start) / 1000);
}

/**
 * Fills an open yes/no ballot with `count` electors, roll entries, papers and receipts, written
 * in bulk by the database itself, as if that many members had voted.
 */
export async function fillBallot(ctx: AppContext, ballotId: string, count: number) {
  if (dialectOf(ctx.db) === 'postgres') {
    await sql`insert into ballot_electors (ballot_id, person_id, weight)
      select ${ballotId}, 'p' || i, 1 from generate_series(1, ${count}::int) i`.execute(ctx.db);
    await sql`insert into ballot_roll (ballot_id, person_id)
      select ${ballotId}, 'p' || i from generate_series(1, ${count}::int) i`.execute(ctx.db);
    await sql`insert into ballot_box (ballot_id, id, choice, weight, voter_person_id)
      select ${ballotId}, gen_random_uuid()::text,
        case when i % 10 < 5 then 'for' when i % 10 < 8 then 'against' else 'abstain' end, 1, null
      from generate_series(1, ${count}::int) i`.execute(ctx.db);
    await sql`insert into ballot_receipts (ballot_id, fingerprint)
      select ${ballotId}, encode(sha256(('r' || i || random())::bytea), 'hex')
      from generate_series(1, ${count}::int) i`.execute(ctx.db);
    await sql`analyze`.execute(ctx.db);
  } else {
    await ctx.db.transaction().execute(async (trx) => {
      const series = sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < ${count})`;
      await sql`${series} insert into ballot_electors (ballot_id, person_id, weight)
        select ${ballotId}, 'p' || i, 1 from s`.execute(trx);
      await sql`${series} insert into ballot_roll (ballot_id, person_id)
        select ${ballotId}, 'p' || i from s`.execute(trx);
      await sql`${series} insert into ballot_box (ballot_id, id, choice, weight, voter_person_id)
        select ${ballotId}, lower(hex(randomblob(16))),
          case when i % 10 < 5 then 'for' when i % 10 < 8 then 'against' else 'abstain' end, 1, null
        from s`.execute(trx);
      await sql`${series} insert into ballot_receipts (ballot_id, fingerprint)
        select ${ballotId}, lower(hex(randomblob(32))) from s`.execute(trx);
    });
  }
  await ctx.db
    .updateTable('ballots')
    .set({ electorate: count })
    .where('id', '=', ballotId)
    .execute();
}

interface Target {
  readonly name: 'sqlite' | 'postgres';
  readonly env: DatabaseEnv;
  /** Raw durable single-row inserts per second. */
  baseline(): Promise<number>;
  /** For scale: inserts/s from many connections at once, where the database groups commits. */
  concurrentInserts?(): Promise<number>;
  cleanUp(): Promise<void>;
}

async function postgresTarget(connections: number, ms: number): Promise<Target | null> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    console.error(`PostgreSQL at ${url} is not reachable: its figures are skipped.`);
    return null;
  }
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`create schema ${schema}`);
  const inSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    name: 'postgres',
    env: { DATABASE_URL: inSchema },
    baseline: () => postgresInserts(inSchema, 1, ms),
    concurrentInserts: () => postgresInserts(inSchema, connections, ms),
    async cleanUp() {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

/** What one run of the ballot benchmark measures: how many votes, from how many clients. */
interface BallotRun {
  readonly castCount: number;
  readonly closeCount: number;
  readonly concurrency: number;
  readonly emit: ReturnType<typeof figurePrinter>;
}

type BenchBallot = Awaited<ReturnType<typeof openBallotWithVoters>>;

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

export async function benchBallots(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const concurrency = 64;
  const baselineMs = 2000;
  const run: BallotRun = {
    castCount: opts.quick ? 5_000 : 20_000,
    closeCount: opts.quick ? 100_000 : 500_000,
    concurrency,
    emit: figurePrinter(opts.json),
  };
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-ballots-'));
  const targets: Target[] = [
    {
      name: 'sqlite',
      env: { SQLITE_FILE: join(dir, 'seconded.sqlite') },
      baseline: () => Promise.resolve(sqliteBaseline(dir, baselineMs)),
      cleanUp: () => Promise.resolve(),
    },
  ];
  const postgres = await postgresTarget(concurrency, baselineMs);
  if (postgres) targets.push(postgres);
  try {
    for (const target of targets) {
      try {
        await benchTarget(target, run);
      } finally {
        await target.cleanUp();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One database: casting over HTTP between baselines, then in process, then a big close. */
async function benchTarget(target: Target, run: BallotRun) {
  const before = await target.baseline();

  // (b) casting over HTTP against `seconded serve`, clients and server each in a process
  const config = loadConfig({ ...target.env, LOG_LEVEL: 'error' });
  const setup = await openApp(config, quietLog);
  const ballot = await openBallotWithVoters(setup.ctx, run.castCount);
  await setup.database.close();
  const { castRate, httpCeiling, between } = await castOverHttpRun(target, ballot, run);
  const after = await target.baseline();
  const baseline = Math.max(before, between, after);
  await reportOverHttp(target, run, { before, between, after, baseline, castRate, httpCeiling });

  const app = await openApp(config, quietLog);
  try {
    await benchInProcess(app.ctx, target, run, ballot, baseline);
    await benchClose(app.ctx, target, run, ballot);
  } finally {
    await app.database.close();
  }
}

/** Casts the ballot's votes over HTTP, with the server's ceiling and a baseline between. */
async function castOverHttpRun(target: Target, ballot: BenchBallot, run: BallotRun) {
  const server = startServerProcess(target.env);
  try {
    const url = await server.url;
    const pid = server.child.pid;
    const n = ballot.voters.length;
    // What the server answers when there is nothing to do: the most HTTP allows here.
    const ceiling = await withServerCpu(pid, n, () =>
      castOverHttpAll(url, '', ballot.voters, run.concurrency, true),
    );
    const between = await target.baseline();
    const cast = await withServerCpu(pid, n, () =>
      castOverHttpAll(url, ballot.ballotId, ballot.voters, run.concurrency),
    );
    if (cast.cpu && ceiling.cpu) {
      run.emit(
        {
          bench: `ballots.${target.name}.server-cpu-per-cast.all-threads`,
          value: Math.round(cast.cpu.all),
          unit: 'µs',
          baseline: Math.round(ceiling.cpu.all),
          ratio: cast.cpu.all / ceiling.cpu.all,
        },
        `${target.name.padEnd(8)}   server CPU per cast, all its threads: ${Math.round(cast.cpu.all)} µs ` +
          `(GET /healthz: ${Math.round(ceiling.cpu.all)} µs)`,
      );
      run.emit(
        {
          bench: `ballots.${target.name}.server-cpu-per-cast`,
          value: Math.round(cast.cpu.main),
          unit: 'µs',
          baseline: Math.round(ceiling.cpu.main),
          ratio: cast.cpu.main / ceiling.cpu.main,
        },
        `${target.name.padEnd(8)}   server CPU per cast on its main thread: ` +
          `${Math.round(cast.cpu.main)} µs (GET /healthz: ${Math.round(ceiling.cpu.main)} µs)`,
      );
    }
    return { castRate: cast.result, httpCeiling: ceiling.result, between };
  } finally {
    await server.stop();
  }
}

async function reportOverHttp(
  target: Target,
  { emit, concurrency, castCount }: BallotRun,
  figures: {
    before: number;
    between: number;
    after: number;
    baseline: number;
    castRate: number;
    httpCeiling: number;
  },
) {
  const { before, between, after, baseline, castRate, httpCeiling } = figures;
  emit(
    {
      bench: `ballots.${target.name}.baseline.durable-insert`,
      value: Math.round(baseline),
      unit: 'rows/s',
      baseline: null,
      ratio: null,
    },
    `${target.name.padEnd(8)} baseline: ${fmt(baseline)} durable single-row inserts/s ` +
      `(one connection; the best of ${fmt(before)}, ${fmt(between)} and ${fmt(after)} ` +
      `measured before, between and after the runs over HTTP)`,
  );
  if (target.concurrentInserts) {
    const concurrent = await target.concurrentInserts();
    emit(
      {
        bench: `ballots.${target.name}.durable-insert.${concurrency}-connections`,
        value: Math.round(concurrent),
        unit: 'rows/s',
        baseline: Math.round(baseline),
        ratio: concurrent / baseline,
      },
      `${target.name.padEnd(8)}   for scale: single-row inserts from ${concurrency} connections at once ` +
        `(the server groups their commits): ${fmt(concurrent)} rows/s; casting runs at ` +
        `x${(castRate / concurrent).toFixed(2)} of that`,
    );
  }
  emit(
    {
      bench: `ballots.${target.name}.cast-over-http.${castCount}`,
      value: Math.round(castRate),
      unit: 'ballots/s',
      baseline: Math.round(baseline),
      ratio: castRate / baseline,
    },
    `${target.name.padEnd(8)} cast ${fmt(castCount)} ballots over HTTP from ${concurrency} clients: ` +
      `${fmt(castRate)} ballots/s, x${(castRate / baseline).toFixed(2)} the baseline (target x0.5)`,
  );
  emit(
    {
      bench: `ballots.${target.name}.http-ceiling.healthz`,
      value: Math.round(httpCeiling),
      unit: 'requests/s',
      baseline: Math.round(baseline),
      ratio: httpCeiling / baseline,
    },
    `${target.name.padEnd(8)}   for scale: GET /healthz from the same clients: ${fmt(httpCeiling)} requests/s ` +
      `(casting runs at x${(castRate / httpCeiling).toFixed(2)} of that)`,
  );
}

/** The same votes without HTTP: the use case from as many callers (group commit alone). */
async function benchInProcess(
  ctx: AppContext,
  target: Target,
  { emit, concurrency, castCount }: BallotRun,
  ballot: BenchBallot,
  baseline: number,
) {
  const second = await openYesNoBallot(ctx, ballot, 'That the branch meets monthly.');
  const inProcess = await castInProcess(ctx, second.ballotId, ballot.voters, concurrency);
  emit(
    {
      bench: `ballots.${target.name}.cast-in-process.${castCount}`,
      value: Math.round(inProcess),
      unit: 'ballots/s',
      baseline: Math.round(baseline),
      ratio: inProcess / baseline,
    },
    `${target.name.padEnd(8)}   for scale: the same casts without HTTP (use case, ${concurrency} callers): ` +
      `${fmt(inProcess)} ballots/s, x${(inProcess / baseline).toFixed(2)} the baseline`,
  );
}

/** (c) close and count a big yes/no ballot */
async function benchClose(
  ctx: AppContext,
  target: Target,
  { emit, closeCount }: BallotRun,
  ballot: BenchBallot,
) {
  const { ballotId } = await openYesNoBallot(
    ctx,
    ballot,
    'That the union affiliates to the federation.',
  );
  await fillBallot(ctx, ballotId, closeCount);
  const start = performance.now();
  const result = await closeBallot(ctx, { actor: ballot.admin, ballotId });
  const seconds = (performance.now() - start) / 1000;
  if (result.votes !== closeCount)
    throw new Error(`counted ${result.votes} votes, not ${closeCount}`);
  emit(
    {
      bench: `ballots.${target.name}.close-and-count.${closeCount}`,
      value: Number(seconds.toFixed(3)),
      unit: 's',
      baseline: 10,
      ratio: seconds / 10,
    },
    `${target.name.padEnd(8)} close and count ${fmt(closeCount)} votes: ${seconds.toFixed(2)} s (target < 10 s)`,
  );
}
