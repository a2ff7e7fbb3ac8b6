/**
 * Exponential ElGamal ballots (docs/e2e-protocol.md sections 4, 5 step 6 and 6): the voter's
 * device encrypts each 0/1 choice and proves it (Belenios's individual proofs) and the total of
 * the choices (its overall proof); the server checks every encoding and proof of a ballot before
 * it acknowledges it; weights multiply the ciphertexts before the count; a voter may audit a
 * ballot before casting it by revealing its randomness (Benaloh, "Simple verifiable elections",
 * EVT 2006).
 */
import { canonicalJson } from './board.ts';
import {
  base64url,
  G,
  type GroupPoint,
  isPseudonym,
  parseArray,
  parseHashHex,
  parseObject,
  parsePoint,
  parseScalar,
  Point,
  type Random,
  randomScalar,
  refuse,
  scalarToHex,
  systemRandom,
} from './group.ts';
import { gMul, limbBases, msm, multiplierOf, sumOfBases } from './multiply.ts';
import { checkRange, parseProofs, type Proof, proveRange, type RangeStatement } from './proofs.ts';
import type { EncryptedRanking } from './ranked.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export interface Ciphertext {
  readonly alpha: string;
  readonly beta: string;
}

export interface EncryptedBallot {
  readonly pseudonym: string;
  readonly choices: readonly Ciphertext[];
  readonly individual: readonly (readonly Proof[])[];
  readonly overall: readonly Proof[];
}

/** What a ballot asks: how many choices, and the allowed total of the 0/1 choices. */
export interface BallotShape {
  readonly choices: number;
  readonly min: number;
  readonly max: number;
}

interface Decoded {
  readonly alpha: GroupPoint;
  readonly beta: GroupPoint;
}

/** A ciphertext decoded, with the canonical encodings it came in (so none is computed twice). */
interface Received extends Decoded {
  readonly hex: Ciphertext;
}

function checkShape(shape: BallotShape) {
  const { choices, min, max } = shape;
  if (!Number.isSafeInteger(choices) || choices < 1) throw refuse('the ballot has no choices');
  if (
    !Number.isSafeInteger(min) ||
    !Number.isSafeInteger(max) ||
    min < 0 ||
    min > max ||
    max > choices
  ) {
    throw refuse('the ballot allows no total of its choices');
  }
}

const individualStatement = (
  openHash: string,
  pseudonym: string,
  y: GroupPoint,
  k: number,
  c: Decoded & { readonly hex?: Ciphertext },
  yHex?: string,
): RangeStatement => ({
  tag: 'individual',
  ctx: `${openHash}|${pseudonym}|${k}`,
  y,
  alpha: c.alpha,
  beta: c.beta,
  lo: 0,
  hi: 1,
  ...(c.hex && yHex ? { hex: { y: yHex, alpha: c.hex.alpha, beta: c.hex.beta } } : {}),
});

const overallStatement = (
  openHash: string,
  pseudonym: string,
  y: GroupPoint,
  shape: BallotShape,
  cs: readonly Decoded[],
  yHex?: string,
): RangeStatement => {
  const alpha = cs.reduce((sum, c) => sum.add(c.alpha), Point.ZERO);
  const beta = cs.reduce((sum, c) => sum.add(c.beta), Point.ZERO);
  return {
    tag: 'overall',
    ctx: `${openHash}|${pseudonym}`,
    y,
    alpha,
    beta,
    lo: shape.min,
    hi: shape.max,
    ...(yHex ? { hex: { y: yHex, alpha: alpha.toHex(), beta: beta.toHex() } } : {}),
  };
};

/** Encryption of m under y with randomness ρ: (ρ·G, m·G + ρ·y) (section 4). */
function encrypt(y: GroupPoint, m: number, rho: bigint): Decoded {
  return { alpha: G.multiply(rho), beta: gMul(BigInt(m)).add(y.multiply(rho)) };
}

const toCiphertext = (c: Decoded): Ciphertext => ({ alpha: c.alpha.toHex(), beta: c.beta.toHex() });

/** encryptBallot with a given source of randomness (tests pin a ballot with a seeded one). */
export function encryptBallotWith(
  random: Random,
  openHash: string,
  electionKey: string,
  shape: BallotShape,
  pseudonym: string,
  choices: readonly number[],
): { ballot: EncryptedBallot; randomness: string[] } {
  checkShape(shape);
  parseHashHex(openHash, 'the open event');
  const y = parsePoint(electionKey, 'the election key');
  if (!isPseudonym(pseudonym)) throw refuse('the pseudonym is not 22 characters of base64url');
  if (choices.length !== shape.choices || choices.some((m) => m !== 0 && m !== 1)) {
    throw refuse(`the ballot must give 0 or 1 for each of its ${shape.choices} choices`);
  }
  const total = choices.reduce((sum, m) => sum + m, 0);
  if (total < shape.min || total > shape.max) {
    throw refuse(`the choices must add up to between ${shape.min} and ${shape.max}`);
  }
  const rhos = choices.map(() => randomScalar(random));
  const cs = choices.map((m, k) => encrypt(y, m, rhos[k]!));
  const individual = cs.map((c, k) =>
    proveRange(random, individualStatement(openHash, pseudonym, y, k, c), rhos[k]!, choices[k]!),
  );
  const rhoSum = rhos.reduce((sum, r) => sum + r, 0n);
  const overall = proveRange(
    random,
    overallStatement(openHash, pseudonym, y, shape, cs),
    rhoSum,
    total,
  );
  return {
    ballot: { pseudonym, choices: cs.map(toCiphertext), individual, overall },
    randomness: rhos.map(scalarToHex),
  };
}

/** On the voter's device: the encrypted ballot and the randomness kept for a Benaloh audit. */
export function encryptBallot(
  openHash: string,
  electionKey: string,
  shape: BallotShape,
  pseudonym: string,
  choices: readonly number[],
): { ballot: EncryptedBallot; randomness: string[] } {
  return encryptBallotWith(systemRandom, openHash, electionKey, shape, pseudonym, choices);
}

function parseCiphertext(value: unknown, what: string): Received {
  const record = parseObject(value, ['alpha', 'beta'], what);
  const alpha = parsePoint(record['alpha'], `${what}, alpha`);
  const beta = parsePoint(record['beta'], `${what}, beta`);
  // parsePoint has checked that each string is the point's canonical encoding.
  return { alpha, beta, hex: { alpha: record['alpha'] as string, beta: record['beta'] as string } };
}

/**
 * On the server: parses an untrusted ballot and checks every encoding and proof. The pseudonym
 * must be the voter's own and every proof is bound to it and to the open event, so a ballot
 * copied from another voter or another ballot is refused; binding each choice's index refuses
 * swapped ciphertexts.
 */
export function checkBallot(
  openHash: string,
  electionKey: string,
  shape: BallotShape,
  pseudonym: string,
  ballot: unknown,
): EncryptedBallot {
  checkShape(shape);
  parseHashHex(openHash, 'the open event');
  const y = parsePoint(electionKey, 'the election key');
  if (!isPseudonym(pseudonym)) throw refuse('the pseudonym is not 22 characters of base64url');
  const record = parseObject(
    ballot,
    ['pseudonym', 'choices', 'individual', 'overall'],
    'the ballot',
  );
  if (record['pseudonym'] !== pseudonym)
    throw refuse('the ballot is not under the voter’s pseudonym');
  const cs = parseArray(record['choices'], shape.choices, 'the ballot’s choices').map((c, k) =>
    parseCiphertext(c, `choice ${k + 1} of the ballot`),
  );
  const individual = parseArray(
    record['individual'],
    shape.choices,
    'the ballot’s individual proofs',
  );
  const overall = parseProofs(
    record['overall'],
    shape.max - shape.min + 1,
    'the ballot’s overall proof',
  );
  // Each ciphertext's limb bases (multiply.ts) serve its own proof, and, added up, the overall
  // proof's sums: their doublings are made once.
  const bases = cs.map((c) => ({ alpha: limbBases(c.alpha), beta: limbBases(c.beta) }));
  cs.forEach((c, k) => {
    const what = `choice ${k + 1} of the ballot`;
    checkRange(
      individualStatement(openHash, pseudonym, y, k, c, electionKey),
      parseProofs(individual[k], 2, what),
      what,
      { alpha: multiplierOf(bases[k]!.alpha), beta: multiplierOf(bases[k]!.beta) },
    );
  });
  checkRange(
    overallStatement(openHash, pseudonym, y, shape, cs, electionKey),
    overall,
    'the ballot',
    {
      alpha: multiplierOf(sumOfBases(bases.map((b) => b.alpha))),
      beta: multiplierOf(sumOfBases(bases.map((b) => b.beta))),
    },
  );
  // Rebuilt from the checked values, so nothing unchecked travels on.
  return {
    pseudonym,
    choices: cs.map((c) => ({ alpha: c.hex.alpha, beta: c.hex.beta })),
    individual: (individual as Proof[][]).map((ps) => ps.map(copyProof)),
    overall: (record['overall'] as Proof[]).map(copyProof),
  };
}

const copyProof = (p: Proof): Proof => ({ challenge: p.challenge, response: p.response });

/** The voter's receipt: base64url of SHA-256 of the ballot's canonical JSON (43 characters). */
export function tracker(ballot: EncryptedBallot | EncryptedRanking): string {
  return base64url(sha256(utf8ToBytes(canonicalJson(ballot))));
}

/**
 * Benaloh's challenge: recomputes every ciphertext from its randomness and returns the choice it
 * encrypts; refuses when the randomness does not give exactly these ciphertexts or a choice is
 * not 0 or 1.
 */
export function auditBallot(
  electionKey: string,
  ballot: EncryptedBallot,
  randomness: readonly string[],
): number[] {
  return openWithRandomness(electionKey, ballot.choices, randomness, 1, 'choice');
}

/**
 * Benaloh's challenge on any ballot of exponential-ElGamal ciphertexts: each ciphertext, with
 * the randomness its device shows, recomputed and opened to its plaintext m in [0, hi] (a look-up
 * in the table 0·G … hi·G). Refuses a randomness that does not give exactly this ciphertext, or a
 * plaintext outside the range. `noun` names an item in a refusal (a choice, a preference).
 */
export function openWithRandomness(
  electionKey: string,
  choices: readonly Ciphertext[],
  randomness: readonly string[],
  hi: number,
  noun: string,
): number[] {
  const y = parsePoint(electionKey, 'the election key');
  if (randomness.length !== choices.length) {
    throw refuse(`the audit needs the randomness of each of the ${choices.length} ${noun}s`);
  }
  return choices.map((c, k) => {
    const what = `${noun} ${k + 1} of the audited ballot`;
    const { alpha, beta } = parseCiphertext(c, what);
    const rho = parseScalar(randomness[k], `${what}, randomness`);
    // The randomness is public now: variable-time multiplication is fine, and allows 0.
    if (!gMul(rho).equals(alpha))
      throw refuse(`${what}: the randomness does not give this ciphertext`);
    const m = beta.subtract(y.multiplyUnsafe(rho));
    for (let v = 0; v <= hi; v++) if (gMul(BigInt(v)).equals(m)) return v;
    throw refuse(
      hi === 1 ? `${what}: it encrypts neither 0 nor 1` : `${what}: it encrypts none of 0 to ${hi}`,
    );
  });
}

/**
 * Section 5 step 8: for each choice, Σ weight · ciphertext over the ballots; null when there is
 * none (the identity is never a valid total).
 */
export function weightedTotal(
  shape: BallotShape,
  ballots: readonly { ballot: EncryptedBallot; weight: number }[],
): Ciphertext[] | null {
  if (ballots.length === 0) return null;
  const weights = ballots.map(({ weight }) => {
    if (!Number.isSafeInteger(weight) || weight < 1)
      throw refuse('a weight is not a whole number of at least 1');
    return BigInt(weight);
  });
  return Array.from({ length: shape.choices }, (_, k) => {
    const cs = ballots.map(({ ballot }, i) =>
      parseCiphertext(ballot.choices[k], `choice ${k + 1} of ballot ${i + 1}`),
    );
    const alpha = msm(
      cs.map((c) => c.alpha),
      weights,
    );
    const beta = msm(
      cs.map((c) => c.beta),
      weights,
    );
    if (alpha.is0() || beta.is0())
      throw refuse(`the total of choice ${k + 1} is the identity point`);
    return { alpha: alpha.toHex(), beta: beta.toHex() };
  });
}
