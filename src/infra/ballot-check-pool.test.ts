import { ristretto255 } from '@noble/curves/ed25519.js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBallot, encryptBallot } from '../domain/e2e/index.ts';
import { DomainError } from '../domain/errors.ts';
import { startBallotCheckPool } from './ballot-check-pool.ts';

const electionKey = ristretto255.Point.BASE.multiply(0xc0ffeen).toHex();
const openHash = 'ab'.repeat(32);
const shape = { choices: 3, min: 1, max: 1 };
const pseudonym = (i: number) => `voter${i}`.padEnd(22, '_');
const ballots = Array.from(
  { length: 4 },
  (_, i) =>
    encryptBallot(
      openHash,
      electionKey,
      shape,
      pseudonym(i),
      [0, 1, 2].map((k) => +(k === i % 3)),
    ).ballot,
);

describe('the pool of threads that check end-to-end ballots', () => {
  const pool = startBallotCheckPool(2);
  afterAll(() => pool.close());
  const request = (i: number, ballot: unknown = ballots[i]) => ({
    openHash,
    electionKey,
    shape,
    pseudonym: pseudonym(i),
    ballot,
  });

  it('answers what checkBallot answers, for ballots checked at once on its threads', async () => {
    await pool.started;
    const checked = await Promise.all(ballots.map((_, i) => pool.check(request(i))));
    checked.forEach((c, i) =>
      expect(c).toEqual(checkBallot(openHash, electionKey, shape, pseudonym(i), ballots[i])),
    );
  });

  it('refuses a tampered ballot with the same DomainError and message as checkBallot', async () => {
    const swapped = { ...ballots[0]!, choices: [...ballots[0]!.choices].reverse() };
    const inThread = (() => {
      try {
        checkBallot(openHash, electionKey, shape, pseudonym(0), swapped);
      } catch (e) {
        return e as DomainError;
      }
    })();
    const error = await pool.check(request(0, swapped)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect([(error as DomainError).code, (error as DomainError).message]).toEqual([
      'PROOF_REFUSED',
      inThread!.message,
    ]);
    // A ballot copied from another voter: the pseudonym is not theirs.
    await expect(pool.check(request(1, ballots[0]))).rejects.toThrow(/pseudonym/);
  });
});
