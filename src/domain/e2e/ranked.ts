/**
 * Ranked ballots under end-to-end secrecy (docs/mixnet-protocol.md sections 1 and 2): the voter's
 * device encrypts a ranking as `w` exponential-ElGamal ciphertexts, one per rank position, where
 * position k encrypts m_k = c + 1 for candidate c (counted from 0) or 0 for "no further
 * preference", and proves each in [0, C] with a disjunctive Chaum–Pedersen proof (Cramer,
 * Damgård, Schoenmakers 1994, as Belenios's `iprove`), tag `rank`, bound to the open event, the
 * voter's pseudonym and the position. The server checks every proof before it acknowledges the
 * ballot; only the ciphertexts go on into the mixnet (mixnet.ts). Pure and browser-usable, like
 * ballot.ts.
 */
import { type Ciphertext, openWithRandomness } from './ballot.ts';
import {
  G,
  type GroupPoint,
  isPseudonym,
  parseArray,
  parseHashHex,
  parseObject,
  parsePoint,
  type Random,
  randomScalar,
  refuse,
  scalarToHex,
  systemRandom,
} from './group.ts';
import { gMul } from './multiply.ts';
import { checkRange, parseProofs, type Proof, proveRange, type RangeStatement } from './proofs.ts';

/** What a ranked ballot asks: `candidates` (C) to rank, in up to `positions` (w) preferences. */
export interface RankedShape {
  readonly candidates: number;
  readonly positions: number;
}

/** A ranked ballot as cast: w ciphertexts (`choices`, as the mixnet reads them) and w proofs. */
export interface EncryptedRanking {
  readonly pseudonym: string;
  readonly choices: readonly Ciphertext[];
  readonly proofs: readonly (readonly Proof[])[];
}

/** The most candidates a ranked ballot may have: each proof has C + 1 branches. */
export const MAX_RANKED_CANDIDATES = 64;

export function checkRankedShape(shape: RankedShape): void {
  const { candidates: c, positions: w } = shape;
  if (!Number.isSafeInteger(c) || c < 1 || c > MAX_RANKED_CANDIDATES) {
    throw refuse(`a ranked ballot needs from 1 to ${MAX_RANKED_CANDIDATES} candidates`);
  }
  if (!Number.isSafeInteger(w) || w < 1 || w > c) {
    throw refuse(`a ranked ballot allows from 1 to ${c} preferences`);
  }
}

interface Decoded {
  readonly alpha: GroupPoint;
  readonly beta: GroupPoint;
  readonly hex?: Ciphertext;
}

/** Section 2: position k's ciphertext encrypts one of 0..C, ctx = openHash|pseudonym|k. */
const rankStatement = (
  openHash: string,
  pseudonym: string,
  y: GroupPoint,
  shape: RankedShape,
  k: number,
  c: Decoded,
  yHex?: string,
): RangeStatement => ({
  tag: 'rank',
  ctx: `${openHash}|${pseudonym}|${k}`,
  y,
  alpha: c.alpha,
  beta: c.beta,
  lo: 0,
  hi: shape.candidates,
  ...(c.hex && yHex ? { hex: { y: yHex, alpha: c.hex.alpha, beta: c.hex.beta } } : {}),
});

/**
 * Section 1: the plaintexts m_0..m_{w−1} of a ranking given as candidates (counted from 0), best
 * first: c + 1 for each preference, then 0 for every position left. Refuses a repeated candidate,
 * an unknown one or more preferences than positions: an honest device makes no such ballot.
 */
export function encodeRanking(shape: RankedShape, ranking: readonly number[]): number[] {
  checkRankedShape(shape);
  if (ranking.length > shape.positions) {
    throw refuse(`the ballot allows at most ${shape.positions} preferences`);
  }
  if (ranking.some((c) => !Number.isSafeInteger(c) || c < 0 || c >= shape.candidates)) {
    throw refuse(`a preference is not one of the ${shape.candidates} candidates`);
  }
  if (new Set(ranking).size !== ranking.length) throw refuse('a candidate is ranked twice');
  return Array.from({ length: shape.positions }, (_, k) =>
    k < ranking.length ? ranking[k]! + 1 : 0,
  );
}

/**
 * Section 2, read as a paper ballot is: the preferences of decrypted plaintexts m_0..m_{w−1}, as
 * candidates counted from 0, up to the first 0 (no further preference, or a gap) or the first
 * repeated candidate. An empty list is an empty ballot.
 */
export function readRanking(plaintexts: readonly number[], candidates: number): number[] {
  const out: number[] = [];
  for (const m of plaintexts) {
    if (!Number.isSafeInteger(m) || m < 1 || m > candidates) break;
    if (out.includes(m - 1)) break;
    out.push(m - 1);
  }
  return out;
}

/** encryptRanking with a given source of randomness (tests pin a ballot with a seeded one). */
export function encryptRankingWith(
  random: Random,
  openHash: string,
  electionKey: string,
  shape: RankedShape,
  pseudonym: string,
  ranking: readonly number[],
): { ballot: EncryptedRanking; randomness: bigint[] } {
  parseHashHex(openHash, 'the open event');
  const y = parsePoint(electionKey, 'the election key');
  if (!isPseudonym(pseudonym)) throw refuse('the pseudonym is not 22 characters of base64url');
  const ms = encodeRanking(shape, ranking);
  const rhos = ms.map(() => randomScalar(random));
  const cs = ms.map((m, k) => ({
    alpha: G.multiply(rhos[k]!),
    beta: gMul(BigInt(m)).add(y.multiply(rhos[k]!)),
  }));
  const proofs = cs.map((c, k) =>
    proveRange(random, rankStatement(openHash, pseudonym, y, shape, k, c), rhos[k]!, ms[k]!),
  );
  return {
    ballot: {
      pseudonym,
      choices: cs.map((c) => ({ alpha: c.alpha.toHex(), beta: c.beta.toHex() })),
      proofs,
    },
    randomness: rhos,
  };
}

/**
 * On the voter's device: a ranking (candidates counted from 0, best first) sealed and proved,
 * with the randomness of each position, which leaves the device only if the voter challenges the
 * ballot (auditRanking) and is otherwise forgotten.
 */
export function encryptRanking(
  openHash: string,
  electionKey: string,
  shape: RankedShape,
  pseudonym: string,
  ranking: readonly number[],
): { ballot: EncryptedRanking; randomness: string[] } {
  const made = encryptRankingWith(systemRandom, openHash, electionKey, shape, pseudonym, ranking);
  return { ballot: made.ballot, randomness: made.randomness.map(scalarToHex) };
}

/**
 * Benaloh's challenge on a ranked ballot (as auditBallot on a plain one): each position opened
 * with its randomness to m_k in [0, C], read as the count reads it (readRanking). Refuses a
 * randomness that does not give exactly these ciphertexts.
 */
export function auditRanking(
  electionKey: string,
  shape: RankedShape,
  ballot: EncryptedRanking,
  randomness: readonly string[],
): number[] {
  checkRankedShape(shape);
  if (ballot.choices.length !== shape.positions) {
    throw refuse(`the audited ballot has not ${shape.positions} preferences`);
  }
  const ms = openWithRandomness(
    electionKey,
    ballot.choices,
    randomness,
    shape.candidates,
    'preference',
  );
  return readRanking(ms, shape.candidates);
}

/**
 * A ranking from a form of numbered preferences (`preferences[c]` the number the voter gave
 * candidate c, or null for none), best first. Numbers are read in order, so a gap is closed up
 * as on the plain ranked form (src/http/ballots/schema.ts); the same number given to two
 * candidates is refused (null): the voter's device must not guess which they meant.
 */
export function rankingFromPreferences(preferences: readonly (number | null)[]): number[] | null {
  const given = preferences.flatMap((p, c) => (p === null ? [] : [[c, p] as const]));
  given.sort((a, b) => a[1] - b[1]);
  if (given.some(([, p], i) => i > 0 && given[i - 1]![1] === p)) return null;
  return given.map(([c]) => c);
}

/**
 * On the server and in every verifier: parses an untrusted ranked ballot and checks every
 * encoding and proof (section 2). The pseudonym must be the voter's own: every proof is bound to
 * it, to the open event and to its position, so a copied ballot or swapped positions are refused.
 */
export function checkRanking(
  openHash: string,
  electionKey: string,
  shape: RankedShape,
  pseudonym: string,
  ballot: unknown,
): EncryptedRanking {
  checkRankedShape(shape);
  parseHashHex(openHash, 'the open event');
  const y = parsePoint(electionKey, 'the election key');
  if (!isPseudonym(pseudonym)) throw refuse('the pseudonym is not 22 characters of base64url');
  const record = parseObject(ballot, ['pseudonym', 'choices', 'proofs'], 'the ballot');
  if (record['pseudonym'] !== pseudonym) {
    throw refuse('the ballot is not under the voter’s pseudonym');
  }
  const w = shape.positions;
  const cs = parseArray(record['choices'], w, 'the ballot’s preferences').map((c, k) => {
    const what = `preference ${k + 1} of the ballot`;
    const r = parseObject(c, ['alpha', 'beta'], what);
    return {
      alpha: parsePoint(r['alpha'], `${what}, alpha`),
      beta: parsePoint(r['beta'], `${what}, beta`),
      hex: { alpha: r['alpha'] as string, beta: r['beta'] as string },
    };
  });
  const proofs = parseArray(record['proofs'], w, 'the ballot’s proofs');
  cs.forEach((c, k) => {
    const what = `preference ${k + 1} of the ballot`;
    checkRange(
      rankStatement(openHash, pseudonym, y, shape, k, c, electionKey),
      parseProofs(proofs[k], shape.candidates + 1, what),
      what,
    );
  });
  // Rebuilt from the checked values, so nothing unchecked travels on.
  return {
    pseudonym,
    choices: cs.map((c) => c.hex),
    proofs: (proofs as Proof[][]).map((ps) =>
      ps.map((p) => ({ challenge: p.challenge, response: p.response })),
    ),
  };
}
