import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  ELL,
  H,
  mulMany,
  point,
  RistrettoPoint,
  scalar,
  scalarHex,
  trackerOf,
} from './group.ts';

const P = RistrettoPoint;

describe("the verifier's group arithmetic", () => {
  it('multiplies one point by several scalars as separate multiplications do', () => {
    const edges = [0n, 1n, 7n, 8n, 15n, 16n, ELL - 1n, 2n ** 252n, 2n ** 251n + 8n];
    const base = P.BASE.multiply(123456789n);
    const got = mulMany(base, edges);
    edges.forEach((s, i) => expect(got[i]!.equals(base.multiplyUnsafe(s))).toBe(true));
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: ELL - 1n }),
        fc.array(fc.bigInt({ min: 0n, max: ELL - 1n }), { minLength: 2, maxLength: 4 }),
        (k, scalars) => {
          const p = P.BASE.multiply(k);
          mulMany(p, scalars).forEach((q, i) =>
            expect(q.equals(p.multiplyUnsafe(scalars[i]!))).toBe(true),
          );
        },
      ),
      { numRuns: 20 },
    );
  });

  it('decodes only points whose encoding is the one it read', () => {
    let decoded = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        bytes[0] = bytes[0]! & 0xfe;
        bytes[31] = bytes[31]! & 0x7f;
        const hex = Buffer.from(bytes).toString('hex');
        try {
          expect(point(hex, 'p').toHex()).toBe(hex);
          decoded++;
        } catch (e) {
          if (!String(e).includes('Refusal')) throw e;
        }
      }),
      { numRuns: 2000 },
    );
    expect(decoded).toBeGreaterThan(50);
  });

  it('reads scalars and points strictly', () => {
    expect(scalar(scalarHex(ELL - 1n), 's')).toBe(ELL - 1n);
    expect(() => scalar(scalarHex(0n).replace(/^00/, '0A'), 's')).toThrow('lowercase');
    const g = P.BASE.toHex();
    expect(point(g, 'G').equals(P.BASE)).toBe(true);
    expect(() => point('0'.repeat(64), 'the key')).toThrow('the key is the identity point');
    expect(() => point(`${g.slice(0, 62)}ff`, 'x')).toThrow('not a canonical');
  });

  it('writes canonical JSON with keys in UTF-16 order and hashes as the protocol says', () => {
    expect(canonicalJson({ b: [1, 'é'], a: { d: null, c: true }, é: 0 })).toBe(
      '{"a":{"c":true,"d":null},"b":[1,"é"],"é":0}',
    );
    expect(trackerOf({})).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // H is a scalar below ℓ, and its tag separates domains.
    const c = H('pok', ['a', 'b']);
    expect(c < ELL).toBe(true);
    expect(H('decrypt', ['a', 'b'])).not.toBe(c);
  });
});
