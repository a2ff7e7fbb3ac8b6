/**
 * Live delivery benchmark (issue 8): 10,000 event-stream clients follow one meeting, the chair
 * records the vote on the question put, and each client's time from the request that declares
 * the result to the `declared` event reaching it is measured: p50, p99 and max.
 *
 * - the server is `seconded serve` in a process of its own (two processes on PostgreSQL, the
 *   clients spread over both, the vote recorded through the first);
 * - the clients are raw HTTP connections held by two other processes (bench/sse-clients.ts);
 * - baseline, in the same run and the same meeting: the same delivery to a single client (the
 *   vote on an amendment, declared while only that one client follows).
 * The file-descriptor limit of every process is raised to the hard limit (`ulimit -n`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { AppContext, Logger } from '../src/app/common/context.ts';
import { moveAmendment } from '../src/app/meetings/move-amendment.ts';
import { takeAmendmentStep } from '../src/app/meetings/amendment-step.ts';
import { putQuestion } from '../src/app/meetings/put-question.ts';
import { loadConfig } from '../src/config.ts';
import { openApp } from '../src/main.ts';
import { addMembers, sessionFor } from '../test/factories.ts';
import { figurePrinter } from './figure.ts';
import { openCamdenMeeting } from '../test/live-room.ts';
import { startServerProcess } from '../test/server-process.ts';

const quietLog: Logger = { info() {}, warn() {}, error: (m, e) => console.error(m, e) };
const root = fileURLToPath(new URL('..', import.meta.url));
const now = () => performance.timeOrigin + performance.now();

/** The room: a meeting in session with a motion and an amendment before it, and followers. */
async function prepareRoom(ctx: AppContext, followers: number) {
  const room = await openCamdenMeeting(ctx, 3, { withMotion: true });
  const motion = await ctx.db
    .selectFrom('motions')
    .select('text')
    .where('id', '=', room.motionId!)
    .executeTakeFirstOrThrow();
  const clauses = (JSON.parse(motion.text) as { clauses: { id: string }[] }).clauses;
  // Two amendments: the first warms the server up, the second is the single-client baseline.
  for (const [i, words] of [
    [2, ['overruled', 'set aside']],
    [1, ['two years', 'three years']],
  ] as const) {
    const { amendmentId } = await moveAmendment(ctx, {
      actor: room.chair,
      motionId: room.motionId!,
      by: room.members[2]!.personId,
      change: {
        kind: 'delete-and-insert',
        clauseId: clauses[i]!.id,
        delete: words[0],
        insert: words[1],
      },
    });
    await takeAmendmentStep(ctx, {
      actor: room.chair,
      amendmentId,
      step: { type: 'second', by: room.members[1]!.personId },
    });
  }
  const onAmendment = await putQuestion(ctx, {
    actor: room.chair,
    motionId: room.motionId!,
    mode: 'show-of-hands',
  });
  const voters = await addMembers(ctx, room.camdenId, followers);
  return {
    meetingId: room.meetingId,
    motionId: room.motionId!,
    amendmentQuestionId: onAmendment.questionId,
    chairToken: await sessionFor(ctx, room.adminId),
    tokens: voters.map((v) => v.token),
  };
}

/** A process of clients (bench/sse-clients.ts); resolves once all of them are following. */
async function startClients(orders: {
  servers: { host: string; port: number }[];
  path: string;
  tokens: string[];
}) {
  // Through bash, to raise the file-descriptor limit; the IPC channel survives the exec.
  const child: ChildProcess = spawn(
    'bash',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)" && exec "$0" bin/run-ts.js bench/sse-clients.ts',
      process.execPath,
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const messages: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  child.on('message', (m) => {
    const next = waiting.shift();
    if (next) next(m);
    else messages.push(m);
  });
  const nextMessage = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (messages.length) return resolve(messages.shift() as Record<string, unknown>);
      waiting.push((m) => resolve(m as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`a client process exited (${code})`)));
    });
  child.send({ ...orders, event: 'declared', timeoutMs: 30_000 });
  const ready = await nextMessage();
  if (ready.error) throw new Error(String(ready.error));
  return {
    ready: ready.ready as number,
    failed: ready.failed as number,
    arrivals: async () => {
      const done = await nextMessage();
      if (done.error) throw new Error(String(done.error));
      return done.arrived as number[];
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function post(url: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      cookie: `seconded_session=${token}`,
      'content-type': 'application/json',
      origin: url,
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Connects the clients, records the vote, and returns each client's delay in ms (or null). */
async function deliver(
  servers: string[],
  meetingId: string,
  tokens: string[],
  processes: number,
  declare: () => Promise<unknown>,
) {
  const hosts = servers.map((u) => {
    const { hostname, port } = new URL(u);
    return { host: hostname, port: Number(port) };
  });
  const share = Math.ceil(tokens.length / processes);
  const groups = await Promise.all(
    Array.from({ length: Math.min(processes, tokens.length) }, (_, i) =>
      startClients({
        servers: hosts,
        path: `/api/v1/meetings/${meetingId}/events`,
        tokens: tokens.slice(i * share, (i + 1) * share),
      }),
    ),
  );
  const following = groups.reduce((n, g) => n + g.ready, 0);
  if (following !== tokens.length)
    throw new Error(`only ${following} of ${tokens.length} clients connected`);
  const start = now();
  await declare();
  const arrivals = (await Promise.all(groups.map((g) => g.arrivals()))).flat();
  return arrivals.map((t) => (t ? t - start : null));
}

interface Run {
  name: string;
  env: Record<string, string>;
  processes: number;
  cleanUp(): Promise<void>;
}

async function postgresRun(processes: number): Promise<Run | null> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch {
    console.error(`PostgreSQL at ${url} is not reachable: its live figures are skipped.`);
    return null;
  }
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`create schema ${schema}`);
  return {
    name: `postgres.${processes}-processes`,
    env: {
      DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    },
    processes,
    async cleanUp() {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

export async function benchLive(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const clients = opts.quick ? 1_000 : 10_000;
  const emit = figurePrinter(opts.json);
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-live-'));
  const runs: Run[] = [
    {
      name: 'sqlite.1-process',
      env: { SQLITE_FILE: join(dir, 'seconded.sqlite'), DATABASE_URL: '' },
      processes: 1,
      cleanUp: () => Promise.resolve(),
    },
  ];
  const postgres = await postgresRun(2);
  if (postgres) runs.push(postgres);
  try {
    for (const run of runs) {
      try {
        const config = loadConfig({ ...run.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' });
        const setup = await openApp(config, quietLog);
        const room = await prepareRoom(setup.ctx, clients + 1);
        await setup.database.close();
        const servers = Array.from({ length: run.processes }, () =>
          startServerProcess(run.env, { raiseFileLimit: true }),
        );
        try {
          const urls = await Promise.all(servers.map((s) => s.url));
          const vote = (questionId: string, counts: Record<string, number>) => () =>
            post(urls[0]!, `/questions/${questionId}/vote`, room.chairToken, {
              mode: 'show-of-hands',
              counts,
            });
          const putNext = async () =>
            String(
              (
                await post(urls[0]!, `/motions/${room.motionId}/question`, room.chairToken, {
                  mode: 'show-of-hands',
                })
              ).questionId,
            );
          // Warming up: the first amendment is declared with one client following.
          await deliver(
            urls.slice(-1),
            room.meetingId,
            room.tokens.slice(0, 1),
            1,
            vote(room.amendmentQuestionId, { for: 1, against: 2, abstain: 0 }),
          );
          // Baseline: the same delivery to one client alone (the second amendment).
          const [one] = await deliver(
            urls.slice(-1),
            room.meetingId,
            room.tokens.slice(0, 1),
            1,
            vote(await putNext(), { for: 1, against: 2, abstain: 0 }),
          );
          if (one === null || one === undefined) throw new Error('the single client got nothing');
          const onMotion = await putNext();
          const delays = await deliver(
            urls,
            room.meetingId,
            room.tokens.slice(1),
            2,
            vote(onMotion, { for: 3, against: 0, abstain: 0 }),
          );
          const got = delays.filter((d): d is number => d !== null).sort((a, b) => a - b);
          const name = `live.${run.name}.${clients}-clients`;
          const figure = (what: string, value: number) =>
            emit(
              {
                bench: `${name}.${what}`,
                value: Number(value.toFixed(1)),
                unit: 'ms',
                baseline: Number(one.toFixed(1)),
                ratio: Number((value / one).toFixed(2)),
              },
              `${run.name.padEnd(22)} ${clients.toLocaleString('en-GB')} clients, ${what.padEnd(4)}: ` +
                `${value.toFixed(0).padStart(5)} ms (one client alone: ${one.toFixed(1)} ms)`,
            );
          emit(
            {
              bench: `${name}.delivered`,
              value: got.length,
              unit: 'clients',
              baseline: clients,
              ratio: got.length / clients,
            },
            `${run.name.padEnd(22)} ${clients.toLocaleString('en-GB')} clients: the result reached ` +
              `${got.length.toLocaleString('en-GB')} of ${clients.toLocaleString('en-GB')}` +
              (run.processes > 1 ? ` (spread over ${run.processes} server processes)` : ''),
          );
          if (got.length) {
            figure('p50', percentile(got, 50));
            figure('p99', percentile(got, 99));
            figure('max', got.at(-1)!);
          }
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
      } finally {
        await run.cleanUp();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchLive({
    json: process.argv.includes('--json'),
    quick: process.argv.includes('--quick'),
  });
}
