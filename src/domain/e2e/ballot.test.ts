import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditBallot,
  type BallotShape,
  checkBallot,
  type EncryptedBallot,
  encryptBallot,
  encryptBallotWith,
  tracker,
  weightedTotal,
} from './ballot.ts';
import { G, parseScalar, Point, scalarToHex } from './group.ts';
import { seededRandom } from './testing.ts';

const refused = expect.objectContaining({ code: 'PROOF_REFUSED' });
const openHash = 'ab'.repeat(32);
const otherOpen = 'cd'.repeat(32);
const secret = 0xfeedfacecafebeefn;
const y = G.multiply(secret).toHex();
const alice = 'AAAAAAAAAAAAAAAAAAAAAA';
const bob = 'BBBBBBBBBBBBBBBBBBBBBB';
const forAgainstAbstain: BallotShape = { choices: 3, min: 1, max: 1 };
const bump = (hex: string) => scalarToHex(parseScalar(hex, 'test') + 1n);

/** A ballot through JSON, as the server receives it. */
const wire = (b: EncryptedBallot): unknown => JSON.parse(JSON.stringify(b));

describe('encryptBallot and checkBallot', () => {
  it('accepts an honest ballot and hands back the same ballot', () => {
    const { ballot } = encryptBallot(openHash, y, forAgainstAbstain, alice, [0, 1, 0]);
    const checked = checkBallot(openHash, y, forAgainstAbstain, alice, wire(ballot));
    expect(checked).toEqual(ballot);
    expect(tracker(checked)).toBe(tracker(ballot));
  });

  it('accepts honest ballots of any shape and choices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 3 }),
        (choices, slack) => {
          const total = choices.reduce((a, b) => a + b, 0);
          const shape = {
            choices: choices.length,
            min: Math.max(0, total - slack),
            max: Math.min(choices.length, total + slack),
          };
          const { ballot } = encryptBallot(openHash, y, shape, alice, choices);
          expect(checkBallot(openHash, y, shape, alice, wire(ballot))).toEqual(ballot);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('will not encrypt a choice of 2 or a total outside the shape', () => {
    expect(() => encryptBallot(openHash, y, forAgainstAbstain, alice, [2, 0, 0])).toThrow(refused);
    expect(() => encryptBallot(openHash, y, forAgainstAbstain, alice, [1, 1, 0])).toThrow(refused);
    expect(() => encryptBallot(openHash, y, forAgainstAbstain, alice, [1, 0])).toThrow(refused);
  });

  const { ballot } = encryptBallot(openHash, y, forAgainstAbstain, alice, [1, 0, 0]);
  const check = (b: unknown) => () => checkBallot(openHash, y, forAgainstAbstain, alice, b);

  it('refuses a ballot copied under another pseudonym', () => {
    expect(() =>
      checkBallot(openHash, y, forAgainstAbstain, bob, { ...ballot, pseudonym: bob }),
    ).toThrow(refused);
    expect(() => checkBallot(openHash, y, forAgainstAbstain, bob, ballot)).toThrow(refused);
  });

  it('refuses a ballot bound to another open event', () => {
    expect(() => checkBallot(otherOpen, y, forAgainstAbstain, alice, ballot)).toThrow(refused);
  });

  it('refuses swapped ciphertexts between choices', () => {
    const c = ballot.choices;
    const p = ballot.individual;
    const swapped = { ...ballot, choices: [c[1], c[0], c[2]], individual: [p[1], p[0], p[2]] };
    expect(check(swapped)).toThrow(refused);
  });

  it('refuses any changed challenge, response, alpha or beta', () => {
    const proof0 = ballot.individual[0]![0]!;
    const changedProof = (field: 'challenge' | 'response') => ({
      ...ballot,
      individual: [
        [{ ...proof0, [field]: bump(proof0[field]) }, ballot.individual[0]![1]],
        ...ballot.individual.slice(1),
      ],
    });
    const other = encryptBallot(openHash, y, forAgainstAbstain, alice, [1, 0, 0]).ballot;
    const changedPoint = (field: 'alpha' | 'beta') => ({
      ...ballot,
      choices: [
        { ...ballot.choices[0]!, [field]: other.choices[0]![field] },
        ...ballot.choices.slice(1),
      ],
    });
    const overall0 = ballot.overall[0]!;
    for (const b of [
      changedProof('challenge'),
      changedProof('response'),
      changedPoint('alpha'),
      changedPoint('beta'),
      { ...ballot, overall: [{ ...overall0, challenge: bump(overall0.challenge) }] },
      { ...ballot, overall: [{ ...overall0, response: bump(overall0.response) }] },
    ]) {
      expect(check(b)).toThrow(refused);
    }
  });

  it('names the choice whose proof does not hold', () => {
    const b = { ...ballot, choices: [ballot.choices[0], ballot.choices[0], ballot.choices[2]] };
    expect(check(b)).toThrow(/choice 2 of the ballot: the proof that it is 0 or 1 does not hold/);
  });

  it('refuses the identity point, upper-case hex and a scalar of ℓ or more', () => {
    const withChoice0 = (alpha: string) => ({
      ...ballot,
      choices: [{ ...ballot.choices[0]!, alpha }, ...ballot.choices.slice(1)],
    });
    expect(check(withChoice0('00'.repeat(32)))).toThrow(refused);
    expect(check(withChoice0(ballot.choices[0]!.alpha.toUpperCase()))).toThrow(refused);
    const ell = 'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010';
    expect(check({ ...ballot, overall: [{ ...ballot.overall[0]!, response: ell }] })).toThrow(
      refused,
    );
  });

  it('refuses a ballot with an extra field, a missing field or the wrong number of choices', () => {
    expect(check({ ...ballot, extra: true })).toThrow(refused);
    expect(check({ ...ballot, overall: undefined })).toThrow(refused);
    expect(check({ ...ballot, choices: ballot.choices.slice(1) })).toThrow(refused);
    expect(check(null)).toThrow(refused);
    expect(check('ballot')).toThrow(refused);
  });

  it('refuses a ballot made for another shape', () => {
    // A ballot whose choices may add up to 0..3 cannot pass where exactly one is allowed.
    const loose = encryptBallot(
      openHash,
      y,
      { choices: 3, min: 0, max: 3 },
      alice,
      [1, 1, 0],
    ).ballot;
    expect(check(loose)).toThrow(refused);
  });
});

describe('the known answer of one ballot (so the protocol cannot drift silently)', () => {
  it('encrypts to the same ballot from the same randomness', () => {
    const { ballot, randomness } = encryptBallotWith(
      seededRandom('known-answer'),
      openHash,
      G.multiply(7n).toHex(),
      forAgainstAbstain,
      alice,
      [0, 0, 1],
    );
    expect(randomness[0]).toBe('250b02518c76259ddcabcb130c6a0d731abb7b445e001a8a23e4ee5209af0902');
    expect(ballot.choices[2]).toEqual({
      alpha: 'ca24a0081ace1657c5b93a74fb9c1311d5104d42cc028d6bee607c3e61f56074',
      beta: '36d4fe0be93162cb947a8ec0b60c1e3a153375c18dd494f70575995968077859',
    });
    expect(tracker(ballot)).toBe('JBAE9PVKyUTZfKqlBF95nTQEt6DrBoGQ3xmZ9QKwrfE');
  });
});

describe('auditBallot (Benaloh challenge)', () => {
  it('recovers the choices from the randomness', () => {
    const { ballot, randomness } = encryptBallot(openHash, y, forAgainstAbstain, alice, [0, 0, 1]);
    expect(auditBallot(y, ballot, randomness)).toEqual([0, 0, 1]);
  });

  it('refuses wrong randomness', () => {
    const { ballot, randomness } = encryptBallot(openHash, y, forAgainstAbstain, alice, [0, 1, 0]);
    const wrong = [randomness[1]!, randomness[0]!, randomness[2]!];
    expect(() => auditBallot(y, ballot, wrong)).toThrow(refused);
    expect(() => auditBallot(y, ballot, randomness.slice(1))).toThrow(refused);
    expect(() => auditBallot(y, ballot, ['00'.repeat(32), ...randomness.slice(1)])).toThrow(
      refused,
    );
  });
});

describe('weightedTotal', () => {
  it('is null when no ballot was cast', () => {
    expect(weightedTotal(forAgainstAbstain, [])).toBeNull();
  });

  it('adds each choice times the weight of its voter', () => {
    const a = encryptBallot(openHash, y, forAgainstAbstain, alice, [1, 0, 0]);
    const b = encryptBallot(openHash, y, forAgainstAbstain, bob, [0, 1, 0]);
    const total = weightedTotal(forAgainstAbstain, [
      { ballot: a.ballot, weight: 3 },
      { ballot: b.ballot, weight: 2 },
    ])!;
    // Decrypted with the secret key directly: m·G = β − x·α.
    const counts = total.map(({ alpha, beta }) => {
      const m = Point.fromHex(beta).subtract(Point.fromHex(alpha).multiply(secret));
      return [0n, 1n, 2n, 3n, 4n, 5n].findIndex((n) => G.multiplyUnsafe(n).equals(m));
    });
    expect(counts).toEqual([3, 2, 0]);
  });

  it('refuses a weight below 1', () => {
    const a = encryptBallot(openHash, y, forAgainstAbstain, alice, [1, 0, 0]);
    expect(() => weightedTotal(forAgainstAbstain, [{ ballot: a.ballot, weight: 0 }])).toThrow(
      refused,
    );
  });
});
