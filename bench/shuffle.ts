/**
 * Mixnet benchmark (issue 18): one trustee's verifiable shuffle of N ranked ballots of w
 * ciphertexts (docs/mixnet-protocol.md section 3), shuffled and proved with the server's module
 * (src/domain/e2e/shuffle.ts) and checked with the independent verifier (src/verifier/shuffle.ts),
 * both spread over one worker thread per core as `seconded trustee shuffle` and
 * `seconded verify-ballot` run them (src/cli/shuffle-threads.ts).
 *
 * The baseline, measured in the same run, is the work no mixnet can skip, on one core: decoding a
 * ciphertext, re-encrypting it (two fixed-base multiplications) and encoding the result, timed on
 * 1,000 ballots of w and multiplied by N/1,000 (it is linear). The ratio says how many one-core
 * re-encryptions of the list a proved shuffle (or its check) costs in wall time; the CPU time of
 * all threads is printed too, so that a run on a loaded machine can be read.
 *
 * Sizes: 1,000 ballots of 10 with --quick; otherwise 10,000 of 10 (or SHUFFLE_BALLOTS, a
 * comma-separated list, e.g. SHUFFLE_BALLOTS=10000,100000, which skips the rest), and 500
 * ballots of 5, 10 and 20 for the growth with candidates.
 */
import { availableParallelism } from 'node:os';
import { G, Point, randomScalar, systemRandom } from '../src/domain/e2e/group.ts';
import { runShuffleSteps, shuffleSteps, type MixBallot } from '../src/domain/e2e/shuffle.ts';
import { checkShuffleWith } from '../src/verifier/shuffle.ts';
import { shufflePool, type ShufflePool } from '../src/cli/shuffle-threads.ts';
import { figurePrinter } from './figure.ts';

const electionKey = G.multiply(0x5eedn * 0x1234567890abcdefn).toHex();

/** N·w distinct ciphertexts made by additions (their values do not matter to the timing). */
function ballotList(n: number, w: number): MixBallot[] {
  const y = Point.fromHex(electionKey);
  let alpha = G.multiply(7n);
  let beta = y.multiply(11n);
  return Array.from({ length: n }, () =>
    Array.from({ length: w }, () => {
      alpha = alpha.add(G);
      beta = beta.add(y);
      return { alpha: alpha.toHex(), beta: beta.toHex() };
    }),
  );
}

/** The baseline: decode, re-encrypt with fresh randomness, encode; no permutation, no proof. */
function reEncrypt(list: readonly MixBallot[]): MixBallot[] {
  const y = Point.fromHex(electionKey).precompute(8, false);
  return list.map((ballot) =>
    ballot.map((c) => {
      const r = randomScalar(systemRandom);
      return {
        alpha: Point.fromHex(c.alpha).add(G.multiply(r)).toHex(),
        beta: Point.fromHex(c.beta).add(y.multiply(r)).toHex(),
      };
    }),
  );
}

/** Wall seconds and CPU seconds of every thread of the process. */
async function timed<T>(f: () => Promise<T> | T): Promise<{ wall: number; cpu: number; value: T }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = await f();
  const u = process.cpuUsage(c);
  return { wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6, value };
}

type Print = ReturnType<typeof figurePrinter>;

/** Shuffle+prove and verify N ballots of w over the pool; prints both against the baseline. */
interface Baseline {
  /** Wall and CPU seconds per ballot of the one-core re-encryption. */
  readonly wall: number;
  readonly cpu: number;
}

async function measure(print: Print, pool: ShufflePool, n: number, w: number, per: Baseline) {
  const list = ballotList(n, w);
  const ctx = `${'ab'.repeat(32)}|1`;
  const baseline = per.wall * n;
  const baselineCpu = per.cpu * n;
  const prove = await timed(() =>
    runShuffleSteps(shuffleSteps(systemRandom, ctx, electionKey, list, pool.threads), pool.prove),
  );
  // What a verifier reads: the board's JSON, not the prover's objects.
  const output = JSON.parse(JSON.stringify(prove.value.ballots)) as unknown;
  const proof = JSON.parse(JSON.stringify(prove.value.proof)) as unknown;
  const verify = await timed(() =>
    checkShuffleWith(pool.check, pool.threads, ctx, electionKey, list, output, proof),
  );
  const label = `${n.toLocaleString('en')} ballots of ${w}`;
  const threads = `${pool.threads} threads`;
  for (const [step, m] of [
    ['prove', prove],
    ['verify', verify],
  ] as const) {
    const what = step === 'prove' ? 'shuffle and prove' : 'verify the shuffle of';
    print(
      {
        bench: `shuffle.${step}.${n}x${w}`,
        value: m.wall,
        unit: 's',
        baseline,
        ratio: m.wall / baseline,
      },
      `${what} ${label} (${threads}): ${m.wall.toFixed(1)} s ` +
        `(${(m.wall / baseline).toFixed(2)}× the one-core re-encryption's ${baseline.toFixed(1)} s), ` +
        `${m.cpu.toFixed(1)} s of CPU (${(m.cpu / baselineCpu).toFixed(2)}× its ` +
        `${baselineCpu.toFixed(1)} s; ${((m.cpu / (n * w)) * 1e3).toFixed(2)} ms per ciphertext)`,
    );
  }
}

export async function benchShuffle(opts: { json: boolean; quick: boolean }) {
  const print = figurePrinter(opts.json);
  const threads = availableParallelism();
  const pool = shufflePool(threads);
  try {
    const perBallot = new Map<number, Baseline>();
    const baselineOf = async (w: number) => {
      if (!perBallot.has(w)) {
        const list = ballotList(1000, w);
        const { wall, cpu } = await timed(() => reEncrypt(list));
        perBallot.set(w, { wall: wall / 1000, cpu: cpu / 1000 });
        print(
          {
            bench: `shuffle.baseline-reencrypt.1000x${w}`,
            value: wall,
            unit: 's',
            baseline: null,
            ratio: null,
          },
          `re-encrypt 1,000 ballots of ${w} on one core (baseline, no proof): ${wall.toFixed(1)} s, ` +
            `${cpu.toFixed(1)} s of CPU`,
        );
      }
      return perBallot.get(w)!;
    };
    const given = process.env['SHUFFLE_BALLOTS'];
    const sizes = opts.quick ? [1000] : (given ?? '10000').split(',').map(Number);
    for (const n of sizes) await measure(print, pool, n, 10, await baselineOf(10));
    // The growth with candidates, unless sizes were asked for.
    if (!opts.quick && given === undefined) {
      for (const w of [5, 10, 20]) await measure(print, pool, 500, w, await baselineOf(w));
    }
  } finally {
    await pool.close();
  }
}
