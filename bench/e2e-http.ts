/**
 * End-to-end ballot casts over HTTP (issue 14: the server checks every proof of a cast before it
 * acknowledges it, aim 500 a second on two cores). `seconded serve` runs in a process of its own
 * on SQLite with its pool of ballot-checking threads (BALLOT_CHECK_THREADS, one a core), and the
 * voters in another (bench/http-clients.js: keep-alive connections, one request at a time each,
 * every request with its own session cookie). Each voter's ballot is sealed and proved
 * beforehand, as their browser would, under their own pseudonym.
 *
 * Two baselines, measured in the same run on the same server and voters:
 * - the same voters casting a plain secret yes/no ballot over HTTP: what a cast costs without
 *   proofs (HTTP, session, policy, the durable commit);
 * - the domain's checkBallot in this process, one ballot after another: the proofs' own cost on
 *   one core, with nothing else.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext, Logger } from '../src/app/common/context.ts';
import { loadActor } from '../src/app/common/actor.ts';
import type { Actor } from '../src/domain/organisations/policy.ts';
import { today } from '../src/app/common/context.ts';
import { createE2eBallot } from '../src/app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../src/app/ballots/open-e2e-ballot.ts';
import { viewE2eBallot } from '../src/app/ballots/view-e2e-ballot.ts';
import { devices } from '../src/demo/seed-demo-e2e.ts';
import { checkBallot, encryptBallot } from '../src/domain/e2e/index.ts';
import { loadConfig } from '../src/config.ts';
import { openApp } from '../src/main.ts';
import { startServerProcess } from '../test/server-process.ts';
import { openBallotWithVoters, type Voter } from './ballots.ts';
import { figurePrinter } from './figure.ts';

const quietLog: Logger = { info() {}, warn() {}, error: (m, e) => console.error(m, e) };
const clientsScript = fileURLToPath(new URL('./http-clients.js', import.meta.url));
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

interface Sealed {
  readonly openHash: string;
  readonly electionKey: string;
  readonly shape: { choices: number; min: number; max: number };
  readonly pseudonyms: string[];
  /** One request body a voter: `{ ballot }`, the ballot sealed on their device. */
  readonly bodies: string[];
}

/**
 * A for/against/abstain end-to-end ballot of the body, two of its voters holding the keys,
 * opened, and every voter's ballot sealed under their own pseudonym.
 */
async function sealedBallot(
  ctx: AppContext,
  body: { admin: Actor; bodyId: string },
  voters: readonly Voter[],
): Promise<Sealed & { ballotId: string }> {
  const actors = await Promise.all(
    voters.map(async (v) => (await loadActor(ctx.db, v.personId, today(ctx)))!),
  );
  const holders = [actors[0]!, actors[1]!];
  const { ballotId } = await createE2eBallot(ctx, {
    actor: body.admin,
    bodyId: body.bodyId,
    question: 'That this branch adopts the budget.',
    options: { kind: 'yes-no' },
    trustees: [voters[0]!.personId, voters[1]!.personId],
  });
  await devices.makeKeys(ctx, ballotId, holders);
  await openE2eBallot(ctx, { actor: body.admin, ballotId });
  const pseudonyms: string[] = [];
  const bodies: string[] = [];
  let view = await viewE2eBallot(ctx, { actor: body.admin, ballotId });
  for (const [i, actor] of actors.entries()) {
    view = await viewE2eBallot(ctx, { actor, ballotId });
    const choices = view.choices.map((_, k) => (k === i % view.choices.length ? 1 : 0));
    const pseudonym = view.me.pseudonym!;
    const { ballot } = encryptBallot(
      view.openHash!,
      view.electionKey!,
      view.shape,
      pseudonym,
      choices,
    );
    pseudonyms.push(pseudonym);
    bodies.push(JSON.stringify({ ballot }));
  }
  return {
    ballotId,
    openHash: view.openHash!,
    electionKey: view.electionKey!,
    shape: view.shape,
    pseudonyms,
    bodies,
  };
}

/** Posts one request a voter from `concurrency` connections in a process of its own: requests/s. */
async function postAll(
  url: string,
  job: { ballotId: string; tokens: string[]; bodies?: string[]; path?: string },
  concurrency: number,
) {
  const child = fork(clientsScript, [], { stdio: 'inherit' });
  const report = await new Promise<{ ok?: number; refused?: unknown; seconds?: number }>(
    (resolve, reject) => {
      child.once('message', resolve);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the clients exited with ${code}`)));
      child.send({ url, concurrency, healthOnly: false, ...job });
    },
  );
  if (report.ok !== job.tokens.length || !report.seconds)
    throw new Error(`not every request succeeded: ${JSON.stringify(report)}`);
  return job.tokens.length / report.seconds;
}

/** The domain's check of every sealed ballot, one after another in this process: ballots/s. */
function checkRate(sealed: Sealed) {
  const check = (i: number) =>
    checkBallot(
      sealed.openHash,
      sealed.electionKey,
      sealed.shape,
      sealed.pseudonyms[i]!,
      (JSON.parse(sealed.bodies[i]!) as { ballot: unknown }).ballot,
    );
  check(0); // the election key's table, built once per key as on a running server
  const n = Math.min(sealed.bodies.length, 100);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) check(i);
  const used = process.cpuUsage(cpu);
  return {
    rate: n / ((performance.now() - start) / 1000),
    cpuMs: (used.user + used.system) / 1000 / n,
  };
}

export async function benchE2eHttp(opts: { json: boolean; quick: boolean }): Promise<void> {
  const emit = figurePrinter(opts.json);
  const count = opts.quick ? 200 : 1000;
  const concurrency = 32;
  const threads = Math.min(8, availableParallelism());
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-e2e-http-'));
  const env = { SQLITE_FILE: join(dir, 'seconded.sqlite'), BALLOT_CHECK_THREADS: String(threads) };
  try {
    const setup = await openApp(loadConfig({ ...env, LOG_LEVEL: 'error' }), quietLog);
    const plain = await openBallotWithVoters(setup.ctx, count);
    const sealed = await sealedBallot(setup.ctx, plain, plain.voters);
    const oneCore = checkRate(sealed);
    await setup.database.close();

    // Compiling the app on a loaded machine can take longer than the tests' 30 s.
    const server = startServerProcess(env, { startTimeoutMs: 300_000 });
    let plainRate: number;
    let e2eRate: number;
    try {
      const url = await server.url;
      const tokens = plain.voters.map((v) => v.token);
      plainRate = await postAll(url, { ballotId: plain.ballotId, tokens }, concurrency);
      e2eRate = await postAll(
        url,
        {
          ballotId: sealed.ballotId,
          tokens,
          bodies: sealed.bodies,
          path: `/api/v1/ballots/${sealed.ballotId}/verifiable/ballots`,
        },
        concurrency,
      );
    } catch (error) {
      console.error(server.log().slice(-3000));
      throw error;
    } finally {
      await server.stop();
    }
    emit(
      {
        bench: 'e2e-http.baseline.check-one-core',
        value: oneCore.rate,
        unit: 'ballots/s',
        baseline: null,
        ratio: null,
      },
      `baseline: the proofs of a for/against/abstain ballot checked in one process, one after another: ` +
        `${oneCore.rate.toFixed(0)}/s (CPU ${oneCore.cpuMs.toFixed(1)} ms a ballot)`,
    );
    emit(
      {
        bench: `e2e-http.baseline.plain-cast-over-http.${count}`,
        value: plainRate,
        unit: 'ballots/s',
        baseline: null,
        ratio: null,
      },
      `baseline: the same ${fmt(count)} voters casting a plain secret ballot over HTTP from ${concurrency} clients: ${fmt(plainRate)}/s`,
    );
    emit(
      {
        bench: `e2e-http.cast-over-http.${count}`,
        value: e2eRate,
        unit: 'ballots/s',
        baseline: oneCore.rate,
        ratio: e2eRate / oneCore.rate,
      },
      `cast ${fmt(count)} end-to-end ballots over HTTP from ${concurrency} clients, every proof checked ` +
        `(server on SQLite, ${threads} checking threads): ${e2eRate.toFixed(0)}/s, ` +
        `x${(e2eRate / oneCore.rate).toFixed(2)} the one-core check, x${(e2eRate / plainRate).toFixed(3)} the plain casts (aim: 500/s)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
