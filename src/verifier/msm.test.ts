import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE, ELL, IDENTITY } from './group.ts';
import { weightedSums } from './msm.ts';

const scalar = fc.oneof(
  fc.constantFrom(0n, 1n, 2n ** 252n, ELL - 1n),
  fc.bigInt({ min: 0n, max: ELL - 1n }),
);

describe("the verifier's sums of many products (signed buckets)", () => {
  it('agree with a plain sum for any length, zero and top scalars, and serve several lists', () => {
    fc.assert(
      fc.property(fc.array(scalar, { minLength: 0, maxLength: 40 }), (scalars) => {
        const points = scalars.map((_, i) => BASE.multiply(BigInt(i + 1) * 104729n));
        const plain = points.reduce(
          (sum, p, i) => sum.add(p.multiplyUnsafe(scalars[i]!)),
          IDENTITY,
        );
        const sum = weightedSums(scalars);
        expect(sum(points).equals(plain)).toBe(true);
        expect(sum(points.map((p) => p.negate())).equals(plain.negate())).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
