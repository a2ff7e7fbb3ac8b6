/**
 * The trustees' threshold key and the count (docs/e2e-protocol.md section 5, steps 2–4, 9 and
 * 10), as Belenios's threshold mode (Glondu, Belenios specification: Pedersen's distributed key
 * generation with verification keys): each trustee deals a Feldman-verifiable polynomial
 * (Feldman, FOCS 1987; Pedersen, EUROCRYPT 1991), sends each share sealed by DHIES (Abdalla,
 * Bellare, Rogaway, CT-RSA 2001) to its recipient's key, and each recipient checks its shares
 * against the public commitments before publishing its verification key. Any `needed` of them
 * then decrypt the totals (count.ts).
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  G,
  type GroupPoint,
  hex32,
  mod,
  ORDER,
  parseArray,
  parseHashHex,
  parseInteger,
  parseObject,
  parsePoint,
  parseSecret,
  Point,
  type Random,
  randomScalar,
  refuse,
  scalarToBytes,
  scalarToHex,
  systemRandom,
  bytesToScalarLE,
} from './group.ts';
import { gMul, msm } from './multiply.ts';
import { checkKnowledge, parseProof, type Proof, proveKnowledge } from './proofs.ts';

export interface TrusteeKeyPayload {
  trustee: number;
  key: string;
  proof: Proof;
}
export interface SealedShare {
  to: number;
  ephemeral: string;
  box: string;
  tag: string;
}
export interface TrusteePolynomialPayload {
  trustee: number;
  commitments: string[];
  proof: Proof;
  shares: SealedShare[];
}
export interface TrusteeVerificationPayload {
  trustee: number;
  verificationKey: string;
  proof: Proof;
}
export interface PartialDecryptionPayload {
  trustee: number;
  factors: string[];
  proofs: Proof[];
}

const copyProof = (p: Proof): Proof => ({ challenge: p.challenge, response: p.response });

// --- Step 2: a trustee's key ---

export function makeTrusteeKeyWith(random: Random, setupHash: string, trustee: number) {
  parseHashHex(setupHash, 'the setup event');
  const x = randomScalar(random);
  const payload: TrusteeKeyPayload = {
    trustee,
    key: G.multiply(x).toHex(),
    proof: proveKnowledge(random, `${setupHash}|${trustee}`, x),
  };
  return { secret: scalarToHex(x), payload };
}

/** On trustee `trustee`'s device: its key pair and the board payload with its proof (step 2). */
export function makeTrusteeKey(setupHash: string, trustee: number) {
  return makeTrusteeKeyWith(systemRandom, setupHash, trustee);
}

/** On the server: a trustee's key, its number in 1..n and its proof of knowledge (step 2). */
export function checkTrusteeKey(setupHash: string, n: number, payload: unknown): TrusteeKeyPayload {
  parseHashHex(setupHash, 'the setup event');
  const record = parseObject(payload, ['trustee', 'key', 'proof'], 'the trustee’s key');
  const trustee = parseInteger(record['trustee'], 'the trustee’s number', 1, n);
  const what = `the key of trustee ${trustee}`;
  const key = parsePoint(record['key'], what);
  checkKnowledge(`${setupHash}|${trustee}`, key, parseProof(record['proof'], what), what);
  return { trustee, key: key.toHex(), proof: copyProof(record['proof'] as Proof) };
}

// --- Step 3: a trustee's polynomial and its shares, sealed by DHIES ---

/** f(z) = Σ a_k·z^k mod ℓ, by Horner's rule. */
function evaluate(coefficients: readonly bigint[], z: number): bigint {
  let value = 0n;
  for (let k = coefficients.length - 1; k >= 0; k--)
    value = mod(value * BigInt(z) + coefficients[k]!);
  return value;
}

/** Σ_k j^k·A_k: the public image f(j)·G of a share, from the Feldman commitments. */
function shareImage(commitments: readonly GroupPoint[], j: number): GroupPoint {
  const powers = commitments.map((_, k) => mod(BigInt(j) ** BigInt(k)));
  return msm([...commitments], powers);
}

/** The DHIES keys of one share: 32 bytes to mask the share, 32 bytes for its HMAC. */
function shareKeys(
  setupHash: string,
  from: number,
  to: number,
  shared: GroupPoint,
  ephemeral: GroupPoint,
) {
  const okm = hkdf(
    sha512,
    shared.toBytes(),
    ephemeral.toBytes(),
    utf8ToBytes(`seconded-e2e-v1 share|${setupHash}|${from}|${to}`),
    64,
  );
  return { mask: okm.slice(0, 32), mac: okm.slice(32, 64) };
}

const xor = (a: Uint8Array, b: Uint8Array) => a.map((byte, i) => byte ^ (b[i] ?? 0));

function seal(
  random: Random,
  setupHash: string,
  from: number,
  to: number,
  recipient: GroupPoint,
  share: bigint,
) {
  const e = randomScalar(random);
  const ephemeral = G.multiply(e);
  const { mask, mac } = shareKeys(setupHash, from, to, recipient.multiply(e), ephemeral);
  const box = xor(scalarToBytes(share), mask);
  const tag = hmac(sha256, mac, concatBytes(ephemeral.toBytes(), box));
  return { to, ephemeral: ephemeral.toHex(), box: bytesToHex(box), tag: bytesToHex(tag) };
}

/** Constant-time comparison of two MACs of equal length. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function makePolynomialWith(
  random: Random,
  setupHash: string,
  trustee: number,
  needed: number,
  keys: readonly TrusteeKeyPayload[],
): TrusteePolynomialPayload {
  const n = keys.length;
  const checked = keys.map((key) => checkTrusteeKey(setupHash, n, key));
  const byIndex = new Map(checked.map((key) => [key.trustee, Point.fromHex(key.key)]));
  if (byIndex.size !== n) throw refuse('the trustees’ keys must be one for each trustee');
  parseInteger(needed, 'the number of trustees needed', 2, n);
  parseInteger(trustee, 'the trustee’s number', 1, n);
  const coefficients = Array.from({ length: needed }, () => randomScalar(random));
  return {
    trustee,
    commitments: coefficients.map((a) => G.multiply(a).toHex()),
    proof: proveKnowledge(random, `${setupHash}|${trustee}`, coefficients[0]!),
    shares: Array.from({ length: n }, (_, i) =>
      seal(random, setupHash, trustee, i + 1, byIndex.get(i + 1)!, evaluate(coefficients, i + 1)),
    ),
  };
}

/**
 * On trustee `trustee`'s device, once every key is on the board: a random polynomial of degree
 * `needed − 1`, its commitments and proof, and its value at each trustee sealed to that trustee's
 * key (step 3). `keys` are the n trustees' key payloads; each is checked first.
 */
export function makePolynomial(
  setupHash: string,
  trustee: number,
  needed: number,
  keys: readonly TrusteeKeyPayload[],
): TrusteePolynomialPayload {
  return makePolynomialWith(systemRandom, setupHash, trustee, needed, keys);
}

function parseShare(value: unknown, to: number, what: string): SealedShare {
  const record = parseObject(value, ['to', 'ephemeral', 'box', 'tag'], what);
  if (record['to'] !== to) throw refuse(`${what}: shares must go to trustees 1 to n in order`);
  parsePoint(record['ephemeral'], `${what}, ephemeral key`);
  hex32(record['box'], `${what}, box`);
  hex32(record['tag'], `${what}, tag`);
  return {
    to,
    ephemeral: record['ephemeral'] as string,
    box: record['box'] as string,
    tag: record['tag'] as string,
  };
}

/**
 * On the server: a polynomial's `needed` commitments, the proof of its constant term, and n
 * well-formed sealed shares in order (step 3). Shares cannot be opened here; their recipients do.
 */
export function checkPolynomial(
  setupHash: string,
  n: number,
  needed: number,
  payload: unknown,
): TrusteePolynomialPayload {
  parseHashHex(setupHash, 'the setup event');
  const record = parseObject(
    payload,
    ['trustee', 'commitments', 'proof', 'shares'],
    'the trustee’s polynomial',
  );
  const trustee = parseInteger(record['trustee'], 'the trustee’s number', 1, n);
  const what = `the polynomial of trustee ${trustee}`;
  const commitments = parseArray(record['commitments'], needed, `${what}, commitments`).map(
    (c, k) => parsePoint(c, `${what}, commitment ${k}`),
  );
  checkKnowledge(
    `${setupHash}|${trustee}`,
    commitments[0]!,
    parseProof(record['proof'], what),
    what,
  );
  const shares = parseArray(record['shares'], n, `${what}, shares`).map((s, i) =>
    parseShare(s, i + 1, `${what}, share for trustee ${i + 1}`),
  );
  return {
    trustee,
    commitments: commitments.map((c) => c.toHex()),
    proof: copyProof(record['proof'] as Proof),
    shares,
  };
}

/** Checks that the polynomials are one per trustee 1..n, each with `needed` commitments. */
function checkDealers(polynomials: readonly TrusteePolynomialPayload[]): number {
  const n = polynomials.length;
  const seen = new Set(polynomials.map((p) => p.trustee));
  if (
    n < 2 ||
    seen.size !== n ||
    [...seen].some((i) => !Number.isSafeInteger(i) || i < 1 || i > n)
  ) {
    throw refuse('the polynomials must be one from each trustee');
  }
  const needed = polynomials[0]!.commitments.length;
  if (polynomials.some((p) => p.commitments.length !== needed)) {
    throw refuse('the polynomials must all have the same number of commitments');
  }
  return n;
}

// --- Step 4: a trustee opens its shares and publishes its verification key ---

function openShare(
  setupHash: string,
  to: number,
  x: bigint,
  polynomial: TrusteePolynomialPayload,
): bigint {
  const from = polynomial.trustee;
  const what = `the share sent by trustee ${from}`;
  const sealed = polynomial.shares[to - 1];
  if (!sealed || sealed.to !== to) throw refuse(`${what}: missing`);
  const ephemeral = parsePoint(sealed.ephemeral, `${what}, ephemeral key`);
  const box = hex32(sealed.box, `${what}, box`);
  const { mask, mac } = shareKeys(setupHash, from, to, ephemeral.multiply(x), ephemeral);
  const tag = hmac(sha256, mac, concatBytes(ephemeral.toBytes(), box));
  if (!sameBytes(tag, hex32(sealed.tag, `${what}, tag`)))
    throw refuse(`${what}: it does not open with this key`);
  const share = bytesToScalarLE(xor(box, mask));
  const commitments = polynomial.commitments.map((c, k) =>
    parsePoint(c, `${what}, commitment ${k}`),
  );
  if (share >= ORDER || !gMul(share).equals(shareImage(commitments, to))) {
    throw refuse(`${what}: it does not match the trustee’s commitments`);
  }
  return share;
}

/**
 * On trustee `trustee`'s device: opens and checks every share sent to it; throws PROOF_REFUSED
 * naming the first trustee whose share does not open or does not match its commitments.
 */
export function openSharesWith(
  random: Random,
  setupHash: string,
  trustee: number,
  secret: string,
  polynomials: readonly TrusteePolynomialPayload[],
): { share: string; payload: TrusteeVerificationPayload } {
  const n = checkDealers(polynomials);
  parseInteger(trustee, 'the trustee’s number', 1, n);
  const needed = polynomials[0]!.commitments.length;
  const checked = polynomials.map((p) => checkPolynomial(setupHash, n, needed, p));
  const x = parseSecret(secret, 'the trustee’s secret key');
  const s = mod(checked.reduce((sum, p) => sum + openShare(setupHash, trustee, x, p), 0n));
  return {
    share: scalarToHex(s),
    payload: {
      trustee,
      verificationKey: G.multiply(s).toHex(),
      proof: proveKnowledge(random, `${setupHash}|${trustee}`, s),
    },
  };
}

export function openShares(
  setupHash: string,
  trustee: number,
  secret: string,
  polynomials: readonly TrusteePolynomialPayload[],
): { share: string; payload: TrusteeVerificationPayload } {
  return openSharesWith(systemRandom, setupHash, trustee, secret, polynomials);
}

/** The verification key h_j = Σ_i Σ_k j^k·A_ik that trustee j's share must have (step 4). */
function expectedVerificationKey(
  polynomials: readonly TrusteePolynomialPayload[],
  j: number,
): GroupPoint {
  const points: GroupPoint[] = [];
  const scalars: bigint[] = [];
  for (const p of polynomials) {
    p.commitments.forEach((c, k) => {
      points.push(parsePoint(c, `the polynomial of trustee ${p.trustee}, commitment ${k}`));
      scalars.push(mod(BigInt(j) ** BigInt(k)));
    });
  }
  return msm(points, scalars);
}

/** On the server: a verification key must be the one the commitments give, with its proof (step 4). */
export function checkVerification(
  setupHash: string,
  polynomials: readonly TrusteePolynomialPayload[],
  payload: unknown,
): TrusteeVerificationPayload {
  parseHashHex(setupHash, 'the setup event');
  const n = checkDealers(polynomials);
  const record = parseObject(
    payload,
    ['trustee', 'verificationKey', 'proof'],
    'the trustee’s verification key',
  );
  const trustee = parseInteger(record['trustee'], 'the trustee’s number', 1, n);
  const what = `the verification key of trustee ${trustee}`;
  const h = parsePoint(record['verificationKey'], what);
  if (!h.equals(expectedVerificationKey(polynomials, trustee))) {
    throw refuse(`${what}: it does not match the trustees’ commitments`);
  }
  checkKnowledge(`${setupHash}|${trustee}`, h, parseProof(record['proof'], what), what);
  return { trustee, verificationKey: h.toHex(), proof: copyProof(record['proof'] as Proof) };
}

/** Step 5: y = Σ_i A_i0. */
export function electionKey(polynomials: readonly TrusteePolynomialPayload[]): string {
  checkDealers(polynomials);
  const y = polynomials.reduce(
    (sum, p) => sum.add(parsePoint(p.commitments[0], `the polynomial of trustee ${p.trustee}`)),
    Point.ZERO,
  );
  if (y.is0()) throw refuse('the election key is the identity point');
  return y.toHex();
}
