import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G, ORDER } from './group.ts';
import { fixedBase, gMulWide, msm, multiplier, sharedScalars } from './multiply.ts';

const scalar = fc.oneof(
  fc.constantFrom(0n, 1n, 2n ** 64n - 1n, 2n ** 64n, ORDER - 1n),
  fc.bigInt({ min: 0n, max: ORDER - 1n }),
);

describe('the fast multiplications agree with a plain one', () => {
  const P = G.multiply(0xabcdef0123456789n);

  it('the four-limb multiplier, the wide base table and the fixed-base table', () => {
    const times = multiplier(P);
    const fixed = fixedBase(P.toHex());
    fc.assert(
      fc.property(scalar, (s) => {
        const expected = P.multiplyUnsafe(s);
        expect(times(s).equals(expected)).toBe(true);
        expect(fixed(s).equals(expected)).toBe(true);
        expect(gMulWide(s).equals(G.multiplyUnsafe(s))).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it('a sum of many products (Pippenger) and of a few (Strauss–Shamir)', () => {
    const points = [1n, 2n, 3n, 4n, 5n, 6n].map((k) => G.multiply(k * 1000003n));
    const scalars = [7n, 0n, ORDER - 1n, 11n, 13n, 2n ** 200n];
    const plain = points.reduce(
      (sum, p, i) => sum.add(p.multiplyUnsafe(scalars[i]!)),
      G.subtract(G),
    );
    expect(msm(points, scalars).equals(plain)).toBe(true);
    expect(
      msm(points.slice(0, 3), scalars.slice(0, 3)).equals(
        points
          .slice(0, 3)
          .reduce((sum, p, i) => sum.add(p.multiplyUnsafe(scalars[i]!)), G.subtract(G)),
      ),
    ).toBe(true);
  });

  it('sums sharing their scalars (signed buckets): any length, zero and top scalars', () => {
    fc.assert(
      fc.property(fc.array(scalar, { minLength: 0, maxLength: 40 }), (scalars) => {
        const points = scalars.map((_, i) => G.multiply(BigInt(i + 1) * 7919n));
        const plain = points.reduce(
          (sum, p, i) => sum.add(p.multiplyUnsafe(scalars[i]!)),
          G.subtract(G),
        );
        const sum = sharedScalars(scalars);
        expect(sum(points).equals(plain)).toBe(true);
        // The same recoding serves another list of points.
        const others = points.map((p) => p.double());
        expect(sum(others).equals(plain.double())).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
