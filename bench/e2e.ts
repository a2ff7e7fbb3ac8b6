/**
 * End-to-end ballot benchmark (issue 14): how many for/against/abstain ballots the server checks
 * per second (every encoding, the three individual proofs and the overall proof, from JSON), on
 * one process and on two at once (the target: at least 500 a second on two cores), and how long
 * a voter's device takes to encrypt and prove one, and the rate of the server's own pool of worker
 * threads (infra/ballot-check-pool.ts, one thread a core), as a cast ballot uses it. The baseline, measured in the same run, is
 * the floor of the work: one variable-base scalar multiplication of @noble/curves per second
 * (a ballot check needs about fourteen of them, for the points that only its own proofs use).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { encryptBallot } from '../src/domain/e2e/index.ts';
import { startBallotCheckPool } from '../src/infra/ballot-check-pool.ts';
import type { Figure } from './figure.ts';

const root = join(fileURLToPath(import.meta.url), '../..');

interface ChildReport {
  checkMs: number;
  checkCpuMs: number;
  encryptMs: number;
  encryptCpuMs: number;
}

/** Starts `processes` children, lets them encrypt, starts their checks together, collects. */
async function run(processes: number, count: number, electionKey: string): Promise<ChildReport[]> {
  const children = Array.from({ length: processes }, () =>
    fork(join(root, 'bin/run-ts.js'), [
      join(root, 'bench/e2e-child.ts'),
      String(count),
      electionKey,
    ]),
  );
  await Promise.all(children.map((child) => new Promise((ready) => child.once('message', ready))));
  const reports = children.map(
    (child) =>
      new Promise<ChildReport>((done, fail) => {
        child.once('message', (m) => done(m as ChildReport));
        child.once('exit', (code) => code && fail(new Error(`bench child exited with ${code}`)));
      }),
  );
  children.forEach((child) => child.send('go'));
  return Promise.all(reports);
}

/** Variable-base scalar multiplications per second, in this process. */
function scalarMultRate(): number {
  const P = ristretto255.Point;
  const point = P.BASE.multiply(0x1234567890abcdefn);
  const scalar = (i: number) => (BigInt(i + 1) * 0x9e3779b97f4a7c15f39cc0605cedc834n) % P.Fn.ORDER;
  for (let i = 0; i < 50; i++) point.multiplyUnsafe(scalar(i));
  const n = 300;
  const t = performance.now();
  for (let i = 0; i < n; i++) point.multiplyUnsafe(scalar(i));
  return n / ((performance.now() - t) / 1000);
}

export async function benchE2e(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const print = (f: Figure, text: string) => console.log(opts.json ? JSON.stringify(f) : text);
  const count = opts.quick ? 100 : 400;
  const electionKey = ristretto255.Point.BASE.multiply(0xc0ffeen).toHex();
  const floor = scalarMultRate();
  print(
    { bench: 'e2e.baseline.scalar-mult', value: floor, unit: '1/s', baseline: floor, ratio: 1 },
    `floor: ${floor.toFixed(0)} variable-base scalar multiplications/s on one core`,
  );
  for (const processes of [1, 2]) {
    const reports = await run(processes, count, electionKey);
    // Each process's own rate, added: they ran at the same time.
    const rate = reports.reduce((sum, r) => sum + count / (r.checkMs / 1000), 0);
    const cpuMs = reports.reduce((sum, r) => sum + r.checkCpuMs, 0) / (count * processes);
    print(
      {
        bench: `e2e.check-ballot.${processes}-process`,
        value: rate,
        unit: '1/s',
        baseline: floor,
        ratio: rate / floor,
      },
      `check a for/against/abstain ballot, ${processes} process${processes > 1 ? 'es' : ''}: ${rate.toFixed(0)}/s (CPU ${cpuMs.toFixed(2)} ms a ballot)`,
    );
    if (processes === 1) {
      const ms = reports[0]!.encryptMs / count;
      print(
        {
          bench: 'e2e.encrypt-ballot',
          value: ms,
          unit: 'ms',
          baseline: 1000 / floor,
          ratio: ms / (1000 / floor),
        },
        `encrypt and prove a for/against/abstain ballot (voter's device, Node.js): ${ms.toFixed(1)} ms`,
      );
    }
  }
  await benchPool(print, count, electionKey, floor);
}

/** The server's pool: ballots sent to it all at once from one process, as concurrent casts are. */
async function benchPool(
  print: (f: Figure, text: string) => void,
  count: number,
  electionKey: string,
  floor: number,
) {
  const threads = Math.min(8, availableParallelism());
  const openHash = 'ab'.repeat(32);
  const shape = { choices: 3, min: 1, max: 1 };
  const pseudonym = (i: number) => `voter${i}`.padEnd(22, '_');
  const requests = Array.from({ length: count }, (_, i) => ({
    openHash,
    electionKey,
    shape,
    pseudonym: pseudonym(i),
    ballot: JSON.parse(
      JSON.stringify(
        encryptBallot(
          openHash,
          electionKey,
          shape,
          pseudonym(i),
          [0, 1, 2].map((k) => (k === i % 3 ? 1 : 0)),
        ).ballot,
      ),
    ) as unknown,
  }));
  const pool = startBallotCheckPool(threads);
  try {
    await pool.started;
    // Each thread builds its tables for the key on its first ballot, as on a running server.
    await Promise.all(requests.slice(0, threads * 2).map((r) => pool.check(r)));
    const t = performance.now();
    await Promise.all(requests.map((r) => pool.check(r)));
    const rate = count / ((performance.now() - t) / 1000);
    print(
      {
        bench: `e2e.check-ballot.pool-${threads}-threads`,
        value: rate,
        unit: '1/s',
        baseline: floor,
        ratio: rate / floor,
      },
      `check a for/against/abstain ballot, the server's pool of ${threads} worker threads: ${rate.toFixed(0)}/s`,
    );
  } finally {
    await pool.close();
  }
}
