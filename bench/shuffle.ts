/**
 * Mixnet benchmark (issue 18): one trustee's verifiable shuffle of N ranked ballots of w = 10
 * ciphertexts (docs/mixnet-protocol.md section 3): shuffle and prove with the server's module
 * (src/domain/e2e/shuffle.ts), then check the proof with the independent verifier
 * (src/verifier/shuffle.ts), each in one thread. The baseline, measured in the same run on the same
 * list, is the work no mixnet can skip: decoding the N·w ciphertexts, re-encrypting each (two
 * fixed-base multiplications) and encoding the result, with no permutation and no proof. The
 * ratio says how many re-encryptions of the list a proved shuffle (or its check) costs.
 * 1,000 ballots with --quick; 1,000 and 10,000 otherwise.
 */
import { G, Point, randomScalar, systemRandom } from '../src/domain/e2e/group.ts';
import { shuffleBallots, type MixBallot } from '../src/domain/e2e/shuffle.ts';
import { checkShuffle } from '../src/verifier/shuffle.ts';
import { figurePrinter } from './figure.ts';

const WIDTH = 10;
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

const seconds = (f: () => void): number => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};

export async function benchShuffle(opts: { json: boolean; quick: boolean }) {
  const print = figurePrinter(opts.json);
  for (const n of opts.quick ? [1000] : [1000, 10_000]) {
    const list = ballotList(n, WIDTH);
    const ctx = `${'ab'.repeat(32)}|1`;
    const baseline = seconds(() => reEncrypt(list));
    let shuffled: ReturnType<typeof shuffleBallots> | undefined;
    const prove = seconds(() => {
      shuffled = shuffleBallots(ctx, electionKey, list);
    });
    // What a verifier reads: the board's JSON, not the prover's objects.
    const output = JSON.parse(JSON.stringify(shuffled!.ballots)) as unknown;
    const proof = JSON.parse(JSON.stringify(shuffled!.proof)) as unknown;
    const verify = seconds(() => checkShuffle(ctx, electionKey, list, output, proof));
    const label = `${n.toLocaleString('en')} ballots of ${WIDTH}`;
    print(
      {
        bench: `shuffle.baseline-reencrypt.${n}x${WIDTH}`,
        value: baseline,
        unit: 's',
        baseline: null,
        ratio: null,
      },
      `re-encrypt ${label} (baseline, no proof): ${baseline.toFixed(1)} s`,
    );
    print(
      {
        bench: `shuffle.prove.${n}x${WIDTH}`,
        value: prove,
        unit: 's',
        baseline,
        ratio: prove / baseline,
      },
      `shuffle and prove ${label}: ${prove.toFixed(1)} s (${(prove / baseline).toFixed(1)}× the re-encryption)`,
    );
    print(
      {
        bench: `shuffle.verify.${n}x${WIDTH}`,
        value: verify,
        unit: 's',
        baseline,
        ratio: verify / baseline,
      },
      `verify the shuffle of ${label}: ${verify.toFixed(1)} s (${(verify / baseline).toFixed(1)}× the re-encryption)`,
    );
  }
}
