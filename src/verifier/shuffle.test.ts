import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G, Point } from '../domain/e2e/group.ts';
import { shuffleBallotsWith, type MixBallot } from '../domain/e2e/shuffle.ts';
import { seededRandom } from '../domain/e2e/testing.ts';
import { Refusal } from './group.ts';
import { checkShuffle } from './shuffle.ts';

// The server's shuffle (src/domain) checked by the independent verifier: the two read
// docs/mixnet-protocol.md section 3 separately, so agreement here is agreement on the text.
const electionKey = G.multiply(0x1f2e3d4c5b6an).toHex();
const ctx = `${'cd'.repeat(32)}|2`;

const ballotsOf = (n: number, w: number, salt: number): MixBallot[] =>
  Array.from({ length: n }, (_, i) =>
    Array.from({ length: w }, (_, k) => ({
      alpha: G.multiply(BigInt(salt * 1000 + i * 17 + k + 3)).toHex(),
      beta: G.multiply(BigInt(salt * 7919 + i * 29 + k + 5)).toHex(),
    })),
  );

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const sizes = fc.record({
  n: fc.integer({ min: 2, max: 4 }),
  w: fc.integer({ min: 2, max: 4 }),
  seed: fc.string({ maxLength: 6 }),
});

describe('the verifier checks a shuffle proof (docs/mixnet-protocol.md section 3.5)', () => {
  it('accepts an honest shuffle made by the server and returns its output', () => {
    fc.assert(
      fc.property(sizes, ({ n, w, seed }) => {
        const input = ballotsOf(n, w, 1);
        const shuffled = shuffleBallotsWith(seededRandom(seed), ctx, electionKey, input);
        const out = checkShuffle(
          ctx,
          electionKey,
          copy(input),
          copy(shuffled.ballots),
          copy(shuffled.proof),
        );
        expect(out).toEqual(shuffled.ballots);
      }),
      { numRuns: 10 },
    );
  });

  it('refuses a dropped, duplicated, altered or swapped ballot, or a proof for another list', () => {
    fc.assert(
      fc.property(
        sizes,
        fc.constantFrom(
          'drop',
          'duplicate',
          'alter',
          'swap',
          'other-input',
          'other-key',
          'other-ctx',
        ),
        ({ n, w, seed }, tamper) => {
          const input = ballotsOf(n, w, 2);
          const shuffled = shuffleBallotsWith(seededRandom(seed), ctx, electionKey, input);
          const output = copy(shuffled.ballots) as { alpha: string; beta: string }[][];
          let checkedInput: unknown = copy(input);
          let key = electionKey;
          let context = ctx;
          if (tamper === 'drop') output.pop();
          if (tamper === 'duplicate') output[n - 1] = output[0]!;
          if (tamper === 'alter') {
            const c = output[n - 1]![w - 1]!;
            output[n - 1]![w - 1] = { alpha: Point.fromHex(c.alpha).add(G).toHex(), beta: c.beta };
          }
          if (tamper === 'swap') [output[0], output[1]] = [output[1]!, output[0]!];
          if (tamper === 'other-input') checkedInput = ballotsOf(n, w, 3);
          if (tamper === 'other-key') key = G.multiply(99n).toHex();
          if (tamper === 'other-ctx') context = `${'cd'.repeat(32)}|3`;
          expect(() =>
            checkShuffle(context, key, checkedInput, output, copy(shuffled.proof)),
          ).toThrow(Refusal);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses a column swapped inside a ballot, and a proof with an extra field', () => {
    const input = ballotsOf(3, 3, 4);
    const shuffled = shuffleBallotsWith(seededRandom('cols'), ctx, electionKey, input);
    const output = copy(shuffled.ballots) as { alpha: string; beta: string }[][];
    [output[0]![0], output[0]![1]] = [output[0]![1]!, output[0]![0]!];
    expect(() => checkShuffle(ctx, electionKey, input, output, shuffled.proof)).toThrow(
      'the proof of the shuffle does not hold',
    );
    expect(() =>
      checkShuffle(ctx, electionKey, input, shuffled.ballots, { ...shuffled.proof, t1: '00' }),
    ).toThrow('unknown field "t1"');
  });
});
