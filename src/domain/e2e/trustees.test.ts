import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BallotShape, encryptBallotWith, weightedTotal } from './ballot.ts';
import { digest } from './board.ts';
import { G, ORDER, parseScalar, Point, scalarToHex } from './group.ts';
import { seededRandom } from './testing.ts';
import { checkPartialDecryption, combine, lagrangeAtZero, partialDecryptWith } from './count.ts';
import {
  checkPolynomial,
  checkTrusteeKey,
  checkVerification,
  electionKey,
  makePolynomialWith,
  makeTrusteeKeyWith,
  openSharesWith,
  type TrusteePolynomialPayload,
} from './trustees.ts';

const refused = expect.objectContaining({ code: 'PROOF_REFUSED' });
const setupHash = '5e'.repeat(32);
const openHash = '0e'.repeat(32);
const shape: BallotShape = { choices: 3, min: 1, max: 1 };

/** Steps 2 to 5 of the board, run by n honest trustees, every payload checked as the server does. */
function keyCeremony(seed: string, n: number, needed: number) {
  const random = seededRandom(seed);
  const trustees = Array.from({ length: n }, (_, i) =>
    makeTrusteeKeyWith(random, setupHash, i + 1),
  );
  const keys = trustees.map((t) =>
    checkTrusteeKey(setupHash, n, JSON.parse(JSON.stringify(t.payload))),
  );
  const polynomials = trustees.map((t) =>
    checkPolynomial(
      setupHash,
      n,
      needed,
      makePolynomialWith(random, setupHash, t.payload.trustee, needed, keys),
    ),
  );
  const opened = trustees.map((t) =>
    openSharesWith(random, setupHash, t.payload.trustee, t.secret, polynomials),
  );
  const verificationKeys = opened.map(
    (o) => checkVerification(setupHash, polynomials, o.payload).verificationKey,
  );
  return { random, trustees, polynomials, opened, verificationKeys, y: electionKey(polynomials) };
}

describe('the threshold round trip', () => {
  it('decrypts any t of n trustees’ factors to the exact weighted counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            needed: fc.integer({ min: 2, max: n }),
            order: fc.shuffledSubarray(
              Array.from({ length: n }, (_, i) => i),
              { minLength: n, maxLength: n },
            ),
            votes: fc.array(
              fc.record({
                choice: fc.integer({ min: 0, max: 2 }),
                weight: fc.integer({ min: 1, max: 5 }),
              }),
              {
                minLength: 1,
                maxLength: 3,
              },
            ),
            seed: fc.string({ maxLength: 8 }),
          }),
        ),
        ({ n, needed, order, votes, seed }) => {
          const ceremony = keyCeremony(seed, n, needed);
          const ballots = votes.map((v, i) => ({
            ballot: encryptBallotWith(
              ceremony.random,
              openHash,
              ceremony.y,
              shape,
              `voter${i}`.padEnd(22, '_'),
              [0, 1, 2].map((k) => (k === v.choice ? 1 : 0)),
            ).ballot,
            weight: v.weight,
          }));
          const totals = weightedTotal(shape, ballots)!;
          // The trustees come in a random order; the first `needed` to arrive are combined.
          const partials = order.map((i) =>
            checkPartialDecryption(
              openHash,
              ceremony.verificationKeys[i]!,
              totals,
              partialDecryptWith(
                ceremony.random,
                openHash,
                i + 1,
                ceremony.opened[i]!.share,
                totals,
              ),
            ),
          );
          const weight = votes.reduce((sum, v) => sum + v.weight, 0);
          const expected = [0, 1, 2].map((k) =>
            votes.filter((v) => v.choice === k).reduce((sum, v) => sum + v.weight, 0),
          );
          const result = combine(totals, partials, needed, weight);
          expect(result.counts).toEqual(expected);
          expect(result.trustees).toEqual(order.slice(0, needed).map((i) => i + 1));
        },
      ),
      { numRuns: 4 },
    );
  });

  it('refuses to combine fewer than t trustees or one trustee twice', () => {
    const c = keyCeremony('few', 3, 2);
    const ballot = encryptBallotWith(
      c.random,
      openHash,
      c.y,
      shape,
      'A'.repeat(22),
      [1, 0, 0],
    ).ballot;
    const totals = weightedTotal(shape, [{ ballot, weight: 1 }])!;
    const p1 = partialDecryptWith(c.random, openHash, 1, c.opened[0]!.share, totals);
    expect(() => combine(totals, [p1], 2, 1)).toThrow(refused);
    expect(() => combine(totals, [p1, p1], 2, 1)).toThrow(refused);
  });

  it('refuses a count above the largest possible', () => {
    const c = keyCeremony('max', 2, 2);
    const b = (m: number[]) =>
      encryptBallotWith(c.random, openHash, c.y, shape, 'A'.repeat(22), m).ballot;
    const totals = weightedTotal(shape, [{ ballot: b([1, 0, 0]), weight: 5 }])!;
    const partials = [0, 1].map((i) =>
      partialDecryptWith(c.random, openHash, i + 1, c.opened[i]!.share, totals),
    );
    expect(combine(totals, partials, 2, 5).counts).toEqual([5, 0, 0]);
    expect(() => combine(totals, partials, 2, 4)).toThrow(/choice 1: it does not decrypt/);
  });
});

describe('the key ceremony', () => {
  it('gives an election key whose secret is shared: t shares recover it by Lagrange at 0', () => {
    const c = keyCeremony('lagrange', 3, 2);
    const shares = c.opened.map((o) => parseScalar(o.share, 'share'));
    const secret =
      (shares[0]! * lagrangeAtZero(1, [1, 3]) + shares[2]! * lagrangeAtZero(3, [1, 3])) % ORDER;
    expect(G.multiply(secret).toHex()).toBe(c.y);
  });

  it('names the trustee who sends a bad share', () => {
    const c = keyCeremony('bad-share', 3, 2);
    // Trustee 2 seals to trustee 3 a share of a polynomial other than the one it committed to.
    const keys = c.trustees.map((t) => t.payload);
    const other = makePolynomialWith(c.random, setupHash, 2, 2, keys);
    const cheat: TrusteePolynomialPayload = {
      ...c.polynomials[1]!,
      shares: c.polynomials[1]!.shares.map((s, i) => (i === 2 ? other.shares[2]! : s)),
    };
    const polynomials = [c.polynomials[0]!, cheat, c.polynomials[2]!];
    expect(() =>
      openSharesWith(c.random, setupHash, 3, c.trustees[2]!.secret, polynomials),
    ).toThrow(/share sent by trustee 2: it does not match/);
    // A share whose box was altered does not open at all.
    const box = cheat.shares[0]!.box;
    const altered: TrusteePolynomialPayload = {
      ...c.polynomials[0]!,
      shares: c.polynomials[0]!.shares.map((s, i) =>
        i === 0 ? { ...s, box: (box[0] === '0' ? '1' : '0') + box.slice(1) } : s,
      ),
    };
    expect(() =>
      openSharesWith(c.random, setupHash, 1, c.trustees[0]!.secret, [
        altered,
        c.polynomials[1]!,
        c.polynomials[2]!,
      ]),
    ).toThrow(/share sent by trustee 1: it does not open/);
    // A key of zero (no secret) is refused, not a crash.
    expect(() => openSharesWith(c.random, setupHash, 1, '00'.repeat(32), c.polynomials)).toThrow(
      refused,
    );
  });

  it('refuses a key, polynomial or verification key whose proof or figures do not hold', () => {
    const c = keyCeremony('refusals', 2, 2);
    const key = c.trustees[0]!.payload;
    expect(() => checkTrusteeKey(setupHash, 2, { ...key, trustee: 2 })).toThrow(refused);
    expect(() =>
      checkTrusteeKey(setupHash, 2, { ...key, key: c.trustees[1]!.payload.key }),
    ).toThrow(refused);
    expect(() => checkTrusteeKey(setupHash, 2, { ...key, trustee: 3 })).toThrow(refused);
    expect(() => checkTrusteeKey('00'.repeat(32), 2, key)).toThrow(refused);
    const poly = c.polynomials[0]!;
    expect(() => checkPolynomial(setupHash, 2, 3, poly)).toThrow(refused);
    expect(() =>
      checkPolynomial(setupHash, 2, 2, { ...poly, commitments: [...poly.commitments].reverse() }),
    ).toThrow(refused);
    expect(() =>
      checkPolynomial(setupHash, 2, 2, { ...poly, shares: [...poly.shares].reverse() }),
    ).toThrow(refused);
    const v = c.opened[0]!.payload;
    expect(() => checkVerification(setupHash, c.polynomials, { ...v, trustee: 2 })).toThrow(
      refused,
    );
    const forged = { ...v, verificationKey: G.multiply(12345n).toHex() };
    expect(() => checkVerification(setupHash, c.polynomials, forged)).toThrow(/does not match/);
  });
});

describe('partial decryptions', () => {
  it('refuses a forged factor, a proof for another choice and a factor from another share', () => {
    const c = keyCeremony('forged', 2, 2);
    const b = encryptBallotWith(c.random, openHash, c.y, shape, 'B'.repeat(22), [0, 0, 1]).ballot;
    const totals = weightedTotal(shape, [{ ballot: b, weight: 1 }])!;
    const honest = partialDecryptWith(c.random, openHash, 1, c.opened[0]!.share, totals);
    const h1 = c.verificationKeys[0]!;
    expect(checkPartialDecryption(openHash, h1, totals, honest)).toEqual(honest);
    const forgedFactor = {
      ...honest,
      factors: [G.multiply(3n).toHex(), ...honest.factors.slice(1)],
    };
    expect(() => checkPartialDecryption(openHash, h1, totals, forgedFactor)).toThrow(
      /partial decryption of trustee 1, choice 1: the proof of a correct decryption does not hold/,
    );
    const swapped = {
      ...honest,
      proofs: [honest.proofs[1]!, honest.proofs[0]!, honest.proofs[2]!],
    };
    expect(() => checkPartialDecryption(openHash, h1, totals, swapped)).toThrow(refused);
    // Trustee 2's factors, claimed as trustee 1's.
    const other = partialDecryptWith(c.random, openHash, 2, c.opened[1]!.share, totals);
    expect(() => checkPartialDecryption(openHash, h1, totals, { ...other, trustee: 1 })).toThrow(
      refused,
    );
    // A made-up share: its factors do not match the published verification key.
    const madeUp = partialDecryptWith(c.random, openHash, 1, scalarToHex(99n), totals);
    expect(() => checkPartialDecryption(openHash, h1, totals, madeUp)).toThrow(refused);
    expect(() => checkPartialDecryption(openHash, h1, totals, { ...honest, extra: 1 })).toThrow(
      refused,
    );
  });
});

describe('the sealed share (DHIES, step 3)', () => {
  it('is HKDF-SHA-512 and HMAC-SHA-256 exactly as the protocol writes them', () => {
    const c = keyCeremony('dhies', 2, 2);
    const sealed = c.polynomials[0]!.shares[1]!; // from trustee 1 to trustee 2
    const x2 = parseScalar(c.trustees[1]!.secret, 'x');
    const ephemeral = Point.fromHex(sealed.ephemeral);
    const okm = Buffer.from(
      hkdfSync(
        'sha512',
        ephemeral.multiply(x2).toBytes(),
        ephemeral.toBytes(),
        `seconded-e2e-v1 share|${setupHash}|1|2`,
        64,
      ),
    );
    const box = Buffer.from(sealed.box, 'hex');
    const tag = createHmac('sha256', okm.subarray(32))
      .update(Buffer.concat([ephemeral.toBytes(), box]))
      .digest('hex');
    expect(sealed.tag).toBe(tag);
    const share = Buffer.from(box.map((b, i) => b ^ okm[i]!));
    // f_1(2)·G from the commitments: A_10 + 2·A_11.
    const [a0, a1] = c.polynomials[0]!.commitments.map((h) => Point.fromHex(h));
    const value = BigInt('0x' + Buffer.from(share).reverse().toString('hex'));
    expect(G.multiply(value).equals(a0!.add(a1!.multiply(2n)))).toBe(true);
  });

  it('pins a trustee’s polynomial made from fixed randomness (so the protocol cannot drift)', () => {
    const random = seededRandom('known-answer-trustees');
    const keys = [1, 2].map((i) => makeTrusteeKeyWith(random, setupHash, i).payload);
    const polynomial = makePolynomialWith(random, setupHash, 1, 2, keys);
    expect(keys[0]!.key).toBe('e454c83dc3fa2493549dbfc5d2a5b9f5b768f2554bcc4c09dae27faef04ae904');
    expect(digest(polynomial)).toBe(
      'e8e639a086bd21eda4283b66d67769f66c9f1656b2746a6ce4c4d89e0dbb2f93',
    );
  });
});
