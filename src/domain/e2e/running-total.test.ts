import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BallotShape, encryptBallotWith, weightedTotal } from './ballot.ts';
import { G } from './group.ts';
import { addToTotal, ballotTerms, totalOf } from './running-total.ts';
import { seededRandom } from './testing.ts';

const openHash = 'ab'.repeat(32);
const y = G.multiply(0xfeedfacecafebeefn).toHex();
const shape: BallotShape = { choices: 3, min: 1, max: 1 };
const pseudonym = (i: number) => `voter${i}`.padEnd(22, '_');
const sealed = (i: number, choice: number) =>
  encryptBallotWith(
    seededRandom(`running ${i}`),
    openHash,
    y,
    shape,
    pseudonym(i),
    [0, 1, 2].map((k) => (k === choice ? 1 : 0)),
  ).ballot;
// A few ballots sealed once (sealing proves, which is slow); the property draws from them.
const pool = Array.from({ length: 6 }, (_, i) => sealed(i, i % 3));

describe('the running total', () => {
  it('kept ballot by ballot, is the weighted total of the close, in any order and with any weights', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ i: fc.nat(pool.length - 1), weight: fc.integer({ min: 1, max: 9 }) }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (cast) => {
          const ballots = cast.map(({ i, weight }) => ({ ballot: pool[i]!, weight }));
          let stored: string | null = null;
          for (const { ballot, weight } of ballots)
            stored = addToTotal(stored, ballotTerms(shape, ballot, weight));
          expect(totalOf(stored!)).toEqual(weightedTotal(shape, ballots));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a weight below 1 and a ballot of another shape', () => {
    expect(() => ballotTerms(shape, pool[0]!, 0)).toThrow(/weight/);
    expect(() => ballotTerms({ ...shape, choices: 2 }, pool[0]!, 1)).toThrow(/shape/);
  });

  it('refuses a stored total that is not on the curve', () => {
    const stored = addToTotal(null, ballotTerms(shape, pool[0]!, 1));
    const alpha = (JSON.parse(stored) as [string, string][])[0]![0];
    const [x, ...rest] = alpha!.split(':');
    const bent = stored.replace(alpha!, [(BigInt(`0x${x}`) + 1n).toString(16), ...rest].join(':'));
    expect(() => totalOf(bent)).toThrow();
  });
});
