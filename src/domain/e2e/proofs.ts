/**
 * The three non-interactive proofs of the protocol (docs/e2e-protocol.md section 3), each made
 * non-interactive by strong Fiat–Shamir: the challenge hashes the statement and every commitment
 * (Bernhard, Pereira, Warinschi, "How not to prove yourself", ASIACRYPT 2012), with `ctx` binding
 * the proof to its place on the board.
 *
 * - Schnorr's proof of knowledge of a discrete logarithm (Schnorr, CRYPTO 1989), tag `pok`.
 * - Chaum–Pedersen's proof of equal logarithms (CRYPTO 1992), tag `decrypt`.
 * - The disjunctive Chaum–Pedersen proof that an ElGamal ciphertext encrypts one of a range of
 *   integers (Cramer, Damgård, Schoenmakers, CRYPTO 1994), as Belenios's `iprove` (Glondu,
 *   Belenios specification), tags `individual` and `overall`.
 *
 * Provers take a `Random` (group.ts) so that tests can fix their randomness; verifiers return
 * nothing and throw PROOF_REFUSED naming `what` when a proof does not hold.
 */
import {
  G,
  type GroupPoint,
  H,
  mod,
  parseArray,
  parseObject,
  parseScalar,
  type Random,
  randomScalar,
  refuse,
  scalarToHex,
} from './group.ts';
import { fixedBase, gMul, gMulWide, mul, mul2, multiplier } from './multiply.ts';

export interface Proof {
  readonly challenge: string;
  readonly response: string;
}

/** A proof decoded: challenge and response as scalars. */
export interface ProofValues {
  readonly c: bigint;
  readonly r: bigint;
}

const toProof = (c: bigint, r: bigint): Proof => ({
  challenge: scalarToHex(c),
  response: scalarToHex(r),
});

/** Parses `{challenge, response}` from untrusted JSON: exactly those keys, canonical scalars. */
export function parseProof(value: unknown, what: string): ProofValues {
  const record = parseObject(value, ['challenge', 'response'], what);
  return {
    c: parseScalar(record['challenge'], `${what}, challenge`),
    r: parseScalar(record['response'], `${what}, response`),
  };
}

/** Parses a disjunctive proof: an array of `length` proofs. */
export function parseProofs(value: unknown, length: number, what: string): ProofValues[] {
  return parseArray(value, length, what).map((item, i) =>
    parseProof(item, `${what}, part ${i + 1}`),
  );
}

// --- Schnorr: knowledge of x with X = x·G (section 3, first bullet) ---

export function proveKnowledge(random: Random, ctx: string, x: bigint): Proof {
  const X = G.multiply(x);
  const w = randomScalar(random);
  const A = G.multiply(w);
  const c = H('pok', [ctx, X.toHex(), A.toHex()]);
  return toProof(c, mod(w - c * x));
}

export function checkKnowledge(ctx: string, X: GroupPoint, proof: ProofValues, what: string) {
  const A = mul2(G, proof.r, X, proof.c);
  if (H('pok', [ctx, X.toHex(), A.toHex()]) !== proof.c) {
    throw refuse(`${what}: the proof of knowledge of the secret does not hold`);
  }
}

// --- Chaum–Pedersen: h = s·G and d = s·α (section 3, second bullet) ---

export function proveEqualLogs(random: Random, ctx: string, s: bigint, alpha: GroupPoint): Proof {
  const h = G.multiply(s);
  const d = alpha.multiply(s);
  const w = randomScalar(random);
  const A = G.multiply(w);
  const B = alpha.multiply(w);
  const c = H('decrypt', [ctx, h.toHex(), alpha.toHex(), d.toHex(), A.toHex(), B.toHex()]);
  return toProof(c, mod(w - c * s));
}

export function checkEqualLogs(
  ctx: string,
  h: GroupPoint,
  alpha: GroupPoint,
  d: GroupPoint,
  proof: ProofValues,
  what: string,
) {
  const A = mul2(G, proof.r, h, proof.c);
  const B = mul2(alpha, proof.r, d, proof.c);
  const c = H('decrypt', [ctx, h.toHex(), alpha.toHex(), d.toHex(), A.toHex(), B.toHex()]);
  if (c !== proof.c) throw refuse(`${what}: the proof of a correct decryption does not hold`);
}

// --- Disjunctive Chaum–Pedersen: (α, β) under y encrypts one of lo..hi (section 3, third bullet) ---

/** The statement of a range proof: the ciphertext, the key and the range. */
export interface RangeStatement {
  readonly tag: 'individual' | 'overall' | 'rank';
  readonly ctx: string;
  readonly y: GroupPoint;
  readonly alpha: GroupPoint;
  readonly beta: GroupPoint;
  readonly lo: number;
  readonly hi: number;
  /** The encodings of y, α and β when the caller has them (as received), saving re-encoding. */
  readonly hex?: { readonly y: string; readonly alpha: string; readonly beta: string };
}

const statementParts = (s: RangeStatement) =>
  s.hex
    ? [s.ctx, s.hex.y, s.hex.alpha, s.hex.beta]
    : [s.ctx, s.y.toHex(), s.alpha.toHex(), s.beta.toHex()];

export type Multiply = (s: bigint) => GroupPoint;

/**
 * Proves that (α, β) = (ρ·G, m·G + ρ·y) with m in [lo, hi]: the true branch is a real Schnorr-like
 * commitment, every other branch is simulated from a chosen challenge and response.
 */
export function proveRange(random: Random, s: RangeStatement, rho: bigint, m: number): Proof[] {
  if (m < s.lo || m > s.hi) throw refuse(`the value ${m} is outside ${s.lo}..${s.hi}`);
  const cs: bigint[] = [];
  const rs: bigint[] = [];
  const commitments: string[] = [];
  let w = 0n;
  for (let v = s.lo; v <= s.hi; v++) {
    if (v === m) {
      w = randomScalar(random);
      cs.push(0n);
      rs.push(0n);
      commitments.push(G.multiply(w).toHex(), s.y.multiply(w).toHex());
    } else {
      const c = randomScalar(random);
      const r = randomScalar(random);
      cs.push(c);
      rs.push(r);
      const [A, B] = commitmentsOf(
        s,
        v,
        c,
        r,
        (k) => mul(s.alpha, k),
        (k) => mul(s.beta, k),
        (k) => mul(s.y, k),
      );
      commitments.push(A.toHex(), B.toHex());
    }
  }
  const c = H(s.tag, [...statementParts(s), ...commitments]);
  const j = m - s.lo;
  const cj = mod(c - cs.reduce((sum, ci) => sum + ci, 0n));
  cs[j] = cj;
  rs[j] = mod(w - rho * cj);
  return cs.map((ci, i) => toProof(ci, rs[i] ?? 0n));
}

/** A_i = r_i·G + c_i·α and B_i = r_i·y + c_i·(β − m_i·G) = r_i·y + c_i·β − (c_i·m_i)·G. */
function commitmentsOf(
  s: RangeStatement,
  m: number,
  c: bigint,
  r: bigint,
  alphaTimes: Multiply,
  betaTimes: Multiply,
  yTimes: Multiply,
  gTimes: Multiply = gMul,
): [GroupPoint, GroupPoint] {
  const A = gTimes(r).add(alphaTimes(c));
  const B = yTimes(r).add(betaTimes(c));
  return [A, m === 0 ? B : B.subtract(gTimes(mod(c * BigInt(m))))];
}

/**
 * Verifies a disjunctive proof: Σ c_i must equal the hash of the statement and the A_i, B_i.
 * α and β meet one scalar per branch, so with two branches or more each gets a table built once;
 * y, the election key, is the same for every ballot and gets a fixed-base table (multiply.ts).
 * A caller that already has multipliers for α and β (a ballot's overall proof: multiply.ts,
 * sumOfBases) passes them as `times`; they must multiply exactly s.alpha and s.beta.
 */
export function checkRange(
  s: RangeStatement,
  proofs: readonly ProofValues[],
  what: string,
  times?: { readonly alpha: Multiply; readonly beta: Multiply },
) {
  if (proofs.length !== s.hi - s.lo + 1) throw refuse(`${what}: wrong number of parts`);
  const several = proofs.length > 1;
  const alphaTimes =
    times?.alpha ?? (several ? multiplier(s.alpha) : (k: bigint) => mul(s.alpha, k));
  const betaTimes = times?.beta ?? (several ? multiplier(s.beta) : (k: bigint) => mul(s.beta, k));
  const yTimes = s.hex ? fixedBase(s.hex.y) : (k: bigint) => mul(s.y, k);
  const commitments: string[] = [];
  let sum = 0n;
  proofs.forEach((p, i) => {
    const [A, B] = commitmentsOf(s, s.lo + i, p.c, p.r, alphaTimes, betaTimes, yTimes, gMulWide);
    commitments.push(A.toHex(), B.toHex());
    sum += p.c;
  });
  if (mod(sum) !== H(s.tag, [...statementParts(s), ...commitments])) {
    throw refuse(
      s.tag === 'individual'
        ? `${what}: the proof that it is 0 or 1 does not hold`
        : s.tag === 'rank'
          ? `${what}: the proof that it names a candidate or no preference does not hold`
          : `${what}: the proof that the choices add up to an allowed total does not hold`,
    );
  }
}
