import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G, mod, parseScalar, scalarToHex } from './group.ts';
import {
  checkMixDecryption,
  combineRankings,
  type MixDecryptionPayload,
  partialDecryptMixRange,
  partialDecryptMixWith,
} from './mix-count.ts';
import {
  auditRanking,
  checkRanking,
  encodeRanking,
  encryptRanking,
  type EncryptedRanking,
  encryptRankingWith,
  rankingFromPreferences,
  type RankedShape,
  readRanking,
} from './ranked.ts';
import { shuffleBallotsWith } from './shuffle.ts';
import { seededRandom } from './testing.ts';

const refused = expect.objectContaining({ code: 'PROOF_REFUSED' });
const openHash = 'ab'.repeat(32);
const shuffleHash = 'cd'.repeat(32);
const cdOther = 'ef'.repeat(32);
const alice = 'AAAAAAAAAAAAAAAAAAAAAA';
const bob = 'BBBBBBBBBBBBBBBBBBBBBB';
const shape: RankedShape = { candidates: 4, positions: 3 };

// Two of three trustees: f(z) = a0 + a1·z, share s_j = f(j), y = a0·G.
const a0 = 0x5eed5eed5eed5eedn;
const a1 = 0xfacefacefacen;
const share = (j: number) => mod(a0 + a1 * BigInt(j));
const y = G.multiply(a0).toHex();
const verificationKey = (j: number) => G.multiply(share(j)).toHex();

const wire = <T>(b: T): T => JSON.parse(JSON.stringify(b)) as T;
const bump = (hex: string) => scalarToHex(parseScalar(hex, 'test') + 1n);
const seal = (ranking: number[], seed = 'a', who = alice): EncryptedRanking =>
  encryptRankingWith(seededRandom(seed), openHash, y, shape, who, ranking).ballot;

const rankingArb = fc
  .shuffledSubarray([0, 1, 2, 3], { minLength: 0, maxLength: 3 })
  .map((r) => [...r]);

describe('a ranked ballot sealed and checked (docs/mixnet-protocol.md sections 1 and 2)', () => {
  it('an honest ballot of any ranking verifies and comes back the same', () => {
    fc.assert(
      fc.property(rankingArb, fc.string(), (ranking, seed) => {
        const ballot = seal(ranking, seed);
        expect(checkRanking(openHash, y, shape, alice, wire(ballot))).toEqual(ballot);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses a changed field anywhere in the ballot', () => {
    const ballot = seal([2, 0, 1]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom('alpha', 'beta', 'challenge', 'response'),
        fc.integer({ min: 0, max: 4 }),
        (k, field, branch) => {
          const tampered = wire(ballot) as unknown as {
            choices: Record<string, string>[];
            proofs: Record<string, string>[][];
          };
          if (field === 'alpha' || field === 'beta') {
            tampered.choices[k]![field] = G.multiply(7n).toHex();
          } else {
            tampered.proofs[k]![branch]![field] = bump(tampered.proofs[k]![branch]![field]!);
          }
          expect(() => checkRanking(openHash, y, shape, alice, tampered)).toThrow(refused);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('refuses swapped positions', () => {
    const b = seal([3, 1, 0]);
    const swapped = {
      ...b,
      choices: [b.choices[1], b.choices[0], b.choices[2]],
      proofs: [b.proofs[1], b.proofs[0], b.proofs[2]],
    };
    expect(() => checkRanking(openHash, y, shape, alice, swapped)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('preference 1') }),
    );
  });

  it('refuses a ballot copied under another pseudonym, or to another election', () => {
    const b = seal([0]);
    expect(() => checkRanking(openHash, y, shape, bob, { ...b, pseudonym: bob })).toThrow(refused);
    expect(() => checkRanking(openHash, y, shape, bob, b)).toThrow(refused);
    expect(() => checkRanking(shuffleHash, y, shape, alice, b)).toThrow(refused);
  });

  it('refuses an out-of-range preference, whether sealed honestly or not', () => {
    expect(() => encodeRanking(shape, [4])).toThrow(refused);
    expect(() => encodeRanking(shape, [1, 1])).toThrow(refused);
    expect(() => encodeRanking(shape, [0, 1, 2, 3])).toThrow(refused);
    // A device that proves C + 1 under a ballot of one more candidate is refused here.
    const wider = encryptRankingWith(
      seededRandom('w'),
      openHash,
      y,
      { candidates: 5, positions: 3 },
      alice,
      [4],
    ).ballot;
    expect(() => checkRanking(openHash, y, shape, alice, wider)).toThrow(refused);
  });

  it('reads a decrypted ranking as a paper ballot: up to the first gap or repeat', () => {
    expect(readRanking([3, 1, 2], 4)).toEqual([2, 0, 1]);
    expect(readRanking([3, 0, 2], 4)).toEqual([2]);
    expect(readRanking([3, 3, 2], 4)).toEqual([2]);
    expect(readRanking([0, 1, 2], 4)).toEqual([]);
    expect(readRanking(encodeRanking(shape, [1, 3]), 4)).toEqual([1, 3]);
  });
});

describe("the voter's device: a ranking from the form, sealed, and challenged (Benaloh)", () => {
  it('reads numbered preferences in order, closing gaps, and refuses a number given twice', () => {
    expect(rankingFromPreferences([2, null, 1, null])).toEqual([2, 0]);
    expect(rankingFromPreferences([3, 1, null, 7])).toEqual([1, 0, 3]);
    expect(rankingFromPreferences([null, null, null, null])).toEqual([]);
    expect(rankingFromPreferences([1, null, 1, 2])).toBeNull();
  });

  it('a challenged ballot opens, with its randomness, to the ranking sealed', () => {
    fc.assert(
      fc.property(rankingArb, (ranking) => {
        const { ballot, randomness } = encryptRanking(openHash, y, shape, alice, ranking);
        expect(checkRanking(openHash, y, shape, alice, wire(ballot))).toEqual(ballot);
        expect(auditRanking(y, shape, wire(ballot), randomness)).toEqual(ranking);
      }),
      { numRuns: 4 },
    );
  });

  it('refuses a challenge whose randomness does not give the ballot', () => {
    const { ballot, randomness } = encryptRanking(openHash, y, shape, alice, [1, 3]);
    expect(() =>
      auditRanking(y, shape, ballot, [bump(randomness[0]!), ...randomness.slice(1)]),
    ).toThrow(refused);
    expect(() => auditRanking(y, shape, ballot, randomness.slice(1))).toThrow(refused);
    const other = encryptRanking(openHash, y, shape, alice, [2]).randomness;
    expect(() => auditRanking(y, shape, ballot, other)).toThrow(refused);
  });
});

describe('a shuffled list decrypted by the trustees (section 4)', () => {
  const rankings = [[0, 1, 2], [3], [], [2, 0]];
  const ballots = rankings.map((r, i) => seal(r, `b${i}`).choices);
  const shuffled = shuffleBallotsWith(seededRandom('s'), `${openHash}|1`, y, ballots).ballots;
  const partial = (j: number): MixDecryptionPayload =>
    partialDecryptMixWith(seededRandom(`p${j}`), shuffleHash, j, scalarToHex(share(j)), shuffled);

  it('any two trustees decrypt the shuffled rankings, which are the ones cast', () => {
    for (const pair of [
      [1, 2],
      [3, 1],
    ]) {
      const checked = pair.map((j) =>
        checkMixDecryption(shuffleHash, verificationKey(j), shuffled, wire(partial(j))),
      );
      const { plaintexts, trustees } = combineRankings(shuffled, checked, 2, 4);
      expect(trustees).toEqual(pair);
      const read = plaintexts.map((m) => readRanking(m, 4).join(',')).sort();
      expect(read).toEqual(rankings.map((r) => r.join(',')).sort());
    }
  });

  it('a decryption made in slices (the key holder’s page) is the one made at once, and holds', () => {
    const random = seededRandom('p2');
    const slices = [
      [0, 3],
      [3, 4],
    ].map(([from, to]) =>
      partialDecryptMixRange(random, shuffleHash, 2, scalarToHex(share(2)), shuffled, from!, to!),
    );
    const joined = {
      trustee: 2,
      factors: slices.flatMap((s) => s.factors),
      proofs: slices.flatMap((s) => s.proofs),
    };
    expect(joined).toEqual(partial(2));
    expect(checkMixDecryption(shuffleHash, verificationKey(2), shuffled, wire(joined))).toEqual(
      wire(joined),
    );
  });

  it('refuses a forged factor, a proof for another trustee, or one short of the threshold', () => {
    const forged = wire(partial(2)) as unknown as { factors: string[][] };
    forged.factors[3]![1] = G.multiply(9n).toHex();
    expect(() => checkMixDecryption(shuffleHash, verificationKey(2), shuffled, forged)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('ballot 4, preference 2') }),
    );
    expect(() =>
      checkMixDecryption(shuffleHash, verificationKey(1), shuffled, wire(partial(2))),
    ).toThrow(refused);
    expect(() =>
      checkMixDecryption(cdOther, verificationKey(2), shuffled, wire(partial(2))),
    ).toThrow(refused);
    expect(() => combineRankings(shuffled, [partial(1)], 2, 4)).toThrow(refused);
  });
});
