import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G, H, ORDER, parsePoint, parseScalar, scalarToHex } from './group.ts';
import {
  checkEqualLogs,
  checkKnowledge,
  checkRange,
  parseProof,
  type Proof,
  proveEqualLogs,
  proveKnowledge,
  proveRange,
  type RangeStatement,
} from './proofs.ts';
import { seededRandom } from './testing.ts';

const refused = expect.objectContaining({ code: 'PROOF_REFUSED' });
const random = seededRandom('proofs.test');
const x = 0x1234567890abcdef1234567890abcdefn;
const X = G.multiply(x);
const bump = (hex: string) => scalarToHex(parseScalar(hex, 'test') + 1n);
const values = (p: Proof) => parseProof(p, 'test');

describe('H, the hash onto scalars (section 2)', () => {
  it('pins its answers on fixed inputs, so the protocol cannot drift silently', () => {
    // Known answers computed once here and, independently, by a twenty-line Python
    // expand_message_xmd (RFC 9380 §5.3.1) reduced mod ℓ: both agree.
    expect(scalarToHex(H('pok', ['a', 'b']))).toBe(
      '4a4657a653246bf6b10620f2af5e5ba35aa2b3fd0a363430b40bfcb5154aa601',
    );
    expect(scalarToHex(H('individual', []))).toBe(
      'bab9d9c10700d29f0b28b7a999181cc0295f8ec9c959c5450d5e48fe10ac8900',
    );
    expect(scalarToHex(H('decrypt', [G.toHex(), 7]))).toBe(
      '0793b9894cabf3fd7025b1e182b866601318478cc4784885144aea14ee2f4e05',
    );
  });

  it('separates tags and joins parts with a bar', () => {
    expect(H('pok', ['a', 'b'])).not.toBe(H('overall', ['a', 'b']));
    expect(H('pok', ['a', 'b'])).toBe(H('pok', ['a|b']));
    expect(H('pok', ['a', 'b']) < ORDER).toBe(true);
  });
});

describe('encodings (section 1)', () => {
  it('reads back a point and a scalar it wrote', () => {
    expect(parsePoint(X.toHex(), 'X').equals(X)).toBe(true);
    expect(parseScalar(scalarToHex(x), 'x')).toBe(x);
  });

  it('writes scalars little-endian', () => {
    expect(scalarToHex(1n)).toBe('01' + '00'.repeat(31));
  });

  it('refuses upper-case hex, a wrong length and a scalar of ℓ or more', () => {
    expect(() => parsePoint(X.toHex().toUpperCase(), 'X')).toThrow(refused);
    expect(() => parsePoint(X.toHex().slice(2), 'X')).toThrow(refused);
    expect(() => parseScalar(scalarToHex(x) + '00', 'x')).toThrow(refused);
    expect(() => parseScalar(scalarToHex(x).toUpperCase(), 'x')).toThrow(refused);
    const ell = ORDER.toString(16).padStart(64, '0').match(/../g)!.reverse().join('');
    expect(() => parseScalar(ell, 'x')).toThrow(refused);
    expect(() => parseScalar(12, 'x')).toThrow(refused);
  });

  it('refuses the identity point and non-canonical encodings', () => {
    expect(() => parsePoint('00'.repeat(32), 'X')).toThrow(refused);
    // The field element p = 2^255 − 19 itself, not reduced: RFC 9496 §4.3.1 refuses it.
    const p = 'ed' + 'ff'.repeat(30) + '7f';
    expect(() => parsePoint(p, 'X')).toThrow(refused);
    // A negative field element (odd, so "negative" in RFC 9496's sense): 1 is refused.
    expect(() => parsePoint('01' + '00'.repeat(31), 'X')).toThrow(refused);
    // The high bit set.
    const high = X.toHex().slice(0, 62) + (parseInt(X.toHex().slice(62), 16) | 0x80).toString(16);
    expect(() => parsePoint(high, 'X')).toThrow(refused);
  });

  it('accepts only encodings that re-encode to themselves, so it need not re-encode', () => {
    // Random 32 bytes with the low bit clear (an odd s is refused at once): about one in eight
    // decodes; each that does must be the point's own encoding.
    let decoded = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        bytes[0] = bytes[0]! & 0xfe;
        bytes[31] = bytes[31]! & 0x7f;
        const hex = Buffer.from(bytes).toString('hex');
        let point;
        try {
          point = parsePoint(hex, 'X');
        } catch {
          return;
        }
        decoded++;
        expect(point.toHex()).toBe(hex);
      }),
      { numRuns: 2000 },
    );
    expect(decoded).toBeGreaterThan(50);
  });
});

describe('the proof of knowledge (Schnorr, tag pok)', () => {
  it('holds when honest', () => {
    const proof = proveKnowledge(random, 'ctx|1', x);
    expect(() => checkKnowledge('ctx|1', X, values(proof), 'key')).not.toThrow();
  });

  it('is refused with a changed challenge, response, context or key', () => {
    const proof = proveKnowledge(random, 'ctx|1', x);
    const changed = [
      { ...proof, challenge: bump(proof.challenge) },
      { ...proof, response: bump(proof.response) },
    ];
    for (const p of changed)
      expect(() => checkKnowledge('ctx|1', X, values(p), 'key')).toThrow(refused);
    expect(() => checkKnowledge('ctx|2', X, values(proof), 'key')).toThrow(refused);
    expect(() => checkKnowledge('ctx|1', X.add(G), values(proof), 'key')).toThrow(refused);
  });

  it('is refused with an extra field or a missing one', () => {
    const proof = proveKnowledge(random, 'ctx', x);
    expect(() => parseProof({ ...proof, extra: 1 }, 'p')).toThrow(refused);
    expect(() => parseProof({ challenge: proof.challenge }, 'p')).toThrow(refused);
  });
});

describe('the proof of equal logarithms (Chaum–Pedersen, tag decrypt)', () => {
  const alpha = G.multiply(99n);
  it('holds when honest and is refused for any other factor or changed field', () => {
    const proof = proveEqualLogs(random, 'open|1|0', x, alpha);
    const d = alpha.multiply(x);
    expect(() => checkEqualLogs('open|1|0', X, alpha, d, values(proof), 'f')).not.toThrow();
    expect(() => checkEqualLogs('open|1|0', X, alpha, d.add(G), values(proof), 'f')).toThrow(
      refused,
    );
    expect(() => checkEqualLogs('open|1|1', X, alpha, d, values(proof), 'f')).toThrow(refused);
    const bad = { ...proof, response: bump(proof.response) };
    expect(() => checkEqualLogs('open|1|0', X, alpha, d, values(bad), 'f')).toThrow(refused);
  });
});

describe('the disjunctive proof (Belenios iprove)', () => {
  const y = G.multiply(31337n);
  const statement = (m: number, rho: bigint, lo: number, hi: number): RangeStatement => ({
    tag: 'individual',
    ctx: 'open|pseudonym|0',
    y,
    alpha: G.multiply(rho),
    beta: G.multiplyUnsafe(BigInt(m)).add(y.multiply(rho)),
    lo,
    hi,
  });

  it('holds for every value of the range, whichever is true', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.bigInt({ min: 1n, max: ORDER - 1n }),
        (lo, width, rho) => {
          const m = lo + (Number(rho % 7n) % (width + 1));
          const s = statement(m, rho, lo, lo + width);
          const proofs = proveRange(random, s, rho, m);
          expect(proofs).toHaveLength(width + 1);
          checkRange(s, proofs.map(values), 'choice 1');
        },
      ),
      { numRuns: 8 },
    );
  });

  it('is refused for a value outside the range (a choice of 2)', () => {
    const rho = 12345n;
    const two = statement(2, rho, 0, 1);
    // A prover that lies about m: it cannot make the proof hold.
    const forged = proveRange(random, { ...two }, rho, 1);
    expect(() => checkRange(two, forged.map(values), 'choice 1')).toThrow(refused);
    expect(() => proveRange(random, two, rho, 2)).toThrow(refused);
  });

  it('is refused when any field or the statement changes', () => {
    const rho = 777n;
    const s = statement(1, rho, 0, 1);
    const proofs = proveRange(random, s, rho, 1);
    const variants: Proof[][] = [
      [{ ...proofs[0]!, challenge: bump(proofs[0]!.challenge) }, proofs[1]!],
      [proofs[0]!, { ...proofs[1]!, response: bump(proofs[1]!.response) }],
    ];
    for (const v of variants) expect(() => checkRange(s, v.map(values), 'c')).toThrow(refused);
    const others: RangeStatement[] = [
      { ...s, alpha: s.alpha.add(G) },
      { ...s, beta: s.beta.add(G) },
      { ...s, ctx: 'open|pseudonym|1' },
      { ...s, tag: 'overall' },
      { ...s, y: y.add(G) },
    ];
    for (const o of others) expect(() => checkRange(o, proofs.map(values), 'c')).toThrow(refused);
    expect(() => checkRange(s, proofs.slice(1).map(values), 'c')).toThrow(refused);
  });
});
