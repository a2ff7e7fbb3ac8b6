import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ciphertext } from './ballot.ts';
import { G, mod, Point } from './group.ts';
import {
  checkShuffle,
  runShuffleSteps,
  shuffleBallotsWith,
  shuffleSteps,
  type MixBallot,
} from './shuffle.ts';
import { runShuffleJob } from './shuffle-slices.ts';
import {
  checkShuffle as verifierCheck,
  checkShuffleSlice,
  checkShuffleWith,
} from '../../verifier/shuffle.ts';
import { seededRandom } from './testing.ts';

const secretKey = 0x5eed5eed5eed5eed5eed5eed5eedn;
const electionKey = G.multiply(secretKey).toHex();
const ctx = `${'ab'.repeat(32)}|1`;

/** Exponential ElGamal of m with randomness ρ under the test key. */
const encrypt = (m: number, rho: bigint): Ciphertext => ({
  alpha: G.multiply(rho).toHex(),
  beta: G.multiply(BigInt(m) + 1000n)
    .add(G.multiply(mod(rho * secretKey)))
    .toHex(),
});

/** What a ciphertext decrypts to, as a point in hex (β − x·α). */
const decrypt = (c: Ciphertext): string =>
  Point.fromHex(c.beta).subtract(Point.fromHex(c.alpha).multiply(secretKey)).toHex();

const ballotsOf = (rankings: readonly (readonly number[])[], seed: string): MixBallot[] =>
  rankings.map((ranking, i) =>
    ranking.map((m, k) => encrypt(m, BigInt(7 + i * 31 + k) * 0x1234567n + BigInt(seed.length))),
  );

// A few ballots of 2 to 4 ciphertexts: enough for every branch, quick to prove.
const rankingsArb = fc.integer({ min: 2, max: 4 }).chain((w) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: w, maxLength: w }), {
    minLength: 1,
    maxLength: 4,
  }),
);

const sortedPlaintexts = (ballots: readonly MixBallot[]) =>
  ballots.map((b) => b.map(decrypt).join(',')).sort();

const mutable = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('a verifiable shuffle of ranked ballots (docs/mixnet-protocol.md section 3)', () => {
  it('an honest shuffle verifies and carries the same ballots, whole', () => {
    fc.assert(
      fc.property(rankingsArb, fc.string(), (rankings, seed) => {
        const input = ballotsOf(rankings, seed);
        const shuffled = shuffleBallotsWith(seededRandom(seed), ctx, electionKey, input);
        expect(() =>
          checkShuffle(ctx, electionKey, input, mutable(shuffled.ballots), mutable(shuffled.proof)),
        ).not.toThrow();
        // Each ballot moves as a unit: the multiset of whole rankings is unchanged.
        expect(sortedPlaintexts(shuffled.ballots)).toEqual(sortedPlaintexts(input));
        // Every ciphertext is fresh.
        const before = new Set(input.flat().map((c) => c.alpha));
        expect(shuffled.ballots.flat().some((c) => before.has(c.alpha))).toBe(false);
      }),
      { numRuns: 15 },
    );
  });

  it('refuses a shuffle whose output lost, repeated, altered or swapped a ballot', () => {
    fc.assert(
      fc.property(
        rankingsArb.filter((r) => r.length >= 2),
        fc.constantFrom('drop', 'duplicate', 'alter', 'swap', 'other-input', 'other-ctx'),
        (rankings, tamper) => {
          const input = ballotsOf(rankings, 'x');
          const shuffled = shuffleBallotsWith(seededRandom('tamper'), ctx, electionKey, input);
          const output = mutable(shuffled.ballots) as Ciphertext[][];
          let checkedInput: MixBallot[] = input;
          let checkedCtx = ctx;
          if (tamper === 'drop') output.pop();
          if (tamper === 'duplicate') output[1] = output[0]!;
          if (tamper === 'alter') {
            const c = output[0]![0]!;
            output[0]![0] = { alpha: c.alpha, beta: Point.fromHex(c.beta).add(G).toHex() };
          }
          if (tamper === 'swap') [output[0], output[1]] = [output[1]!, output[0]!];
          if (tamper === 'other-input') {
            checkedInput = ballotsOf(
              rankings.map((r) => r.map((m) => m + 1)),
              'x',
            );
          }
          if (tamper === 'other-ctx') checkedCtx = `${'ab'.repeat(32)}|2`;
          expect(() =>
            checkShuffle(checkedCtx, electionKey, checkedInput, output, mutable(shuffled.proof)),
          ).toThrow(/shuffle|must have/);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses a proof with a changed response, or the identity as a commitment', () => {
    const input = ballotsOf(
      [
        [1, 2, 3],
        [3, 1, 0],
        [2, 0, 0],
      ],
      's',
    );
    const shuffled = shuffleBallotsWith(seededRandom('p'), ctx, electionKey, input);
    const proof = mutable(shuffled.proof) as unknown as Record<string, unknown>;
    const bad = { ...proof, s1: proof['s2'] };
    expect(() => checkShuffle(ctx, electionKey, input, shuffled.ballots, bad)).toThrow(
      'the proof of the shuffle does not hold',
    );
    const zero = '0'.repeat(64);
    const identity = {
      ...proof,
      commitments: [zero, ...(proof['commitments'] as string[]).slice(1)],
    };
    expect(() => checkShuffle(ctx, electionKey, input, shuffled.ballots, identity)).toThrow(
      'identity',
    );
  });

  it('is pinned by its randomness (a known answer)', () => {
    const input = ballotsOf([[1, 2]], 'k');
    const a = shuffleBallotsWith(seededRandom('k'), ctx, electionKey, input);
    const b = shuffleBallotsWith(seededRandom('k'), ctx, electionKey, input);
    expect(a).toEqual(b);
    checkShuffle(ctx, electionKey, input, a.ballots, a.proof);
  });

  it('cut into slices (as worker threads run it), is the same shuffle, and checks in slices', async () => {
    const input = ballotsOf(
      [
        [1, 2, 3],
        [3, 1, 0],
        [2, 0, 0],
        [0, 1, 2],
        [4, 4, 1],
      ],
      'slices',
    );
    const whole = shuffleBallotsWith(seededRandom('cut'), ctx, electionKey, input);
    const here = async <J, A>(jobs: J[], run: (job: J) => A) => jobs.map(run);
    for (const parts of [2, 3, 5, 9]) {
      const steps = shuffleSteps(seededRandom('cut'), ctx, electionKey, input, parts);
      const sliced = await runShuffleSteps(steps, (jobs) => here(jobs, runShuffleJob));
      expect(sliced).toEqual(whole);
      const output = mutable(sliced.ballots) as Ciphertext[][];
      const proof = mutable(sliced.proof);
      const run = (slices: Parameters<typeof checkShuffleSlice>[0][]) =>
        here(slices, checkShuffleSlice);
      await expect(
        checkShuffleWith(run, parts, ctx, electionKey, input, output, proof),
      ).resolves.toEqual(output);
      const altered = mutable(output);
      altered[4]![1] = altered[3]![1]!;
      await expect(
        checkShuffleWith(run, parts, ctx, electionKey, input, altered, proof),
      ).rejects.toThrow('the proof of the shuffle does not hold');
    }
    expect(verifierCheck(ctx, electionKey, input, whole.ballots, whole.proof)).toEqual(
      whole.ballots,
    );
  });
});
