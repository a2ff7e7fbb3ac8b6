/**
 * The three proofs of docs/e2e-protocol.md section 3, checked from their (challenge, response)
 * form: the verifier recomputes every commitment and the hash over the statement and the
 * commitments (strong Fiat–Shamir: Bernhard, Pereira and Warinschi 2012).
 */
import { ELL, H, hexOf, mul, mulG, mulMany, refuse, scalar, type Pt } from './group.ts';

export interface Proof {
  readonly challenge: bigint;
  readonly response: bigint;
}

/** `{ challenge, response }` with exactly those keys, both scalars. */
export function parseProof(v: unknown, what: string): Proof {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) refuse(`${what} is not an object`);
  const r = v as Record<string, unknown>;
  const keys = Object.keys(r);
  if (keys.length !== 2 || !('challenge' in r) || !('response' in r))
    refuse(`${what} must have exactly the fields challenge and response`);
  return {
    challenge: scalar(r.challenge, `${what}: the challenge`),
    response: scalar(r.response, `${what}: the response`),
  };
}

/** Schnorr proof of knowledge of x with X = x·G: A' = r·G + c·X, c = H('pok', ctx, X, A'). */
export function checkKnowledge(ctx: string, X: Pt, xHex: string, proof: Proof): boolean {
  const A = mulG(proof.response).add(mul(X, proof.challenge));
  return H('pok', [ctx, xHex, hexOf(A)]) === proof.challenge;
}

/**
 * Chaum–Pedersen proof that h = s·G and d = s·α: A' = r·G + c·h, B' = r·α + c·d,
 * c = H('decrypt', ctx, h, α, d, A', B').
 */
export function checkEqualLogs(
  ctx: string,
  h: { p: Pt; hex: string },
  alpha: { p: Pt; hex: string },
  d: { p: Pt; hex: string },
  proof: Proof,
): boolean {
  const A = mulG(proof.response).add(mul(h.p, proof.challenge));
  const B = mul(alpha.p, proof.response).add(mul(d.p, proof.challenge));
  return H('decrypt', [ctx, h.hex, alpha.hex, d.hex, hexOf(A), hexOf(B)]) === proof.challenge;
}

/** An election key with its table of multiples, built once for all ballots. */
export interface Key {
  readonly p: Pt;
  readonly hex: string;
}

/**
 * Disjunctive proof (Belenios `iprove`) that (α, β) under y encrypts one of lo..hi:
 * A_i = r_i·G + c_i·α, B_i = r_i·y + c_i·(β − m_i·G), and Σ c_i = H(tag, ctx, y, α, β, A_lo,
 * B_lo, …). B_i is computed as r_i·y + c_i·β − (c_i·m_i)·G: the same point with one
 * variable-base multiplication fewer.
 */
export function checkRange(
  tag: 'individual' | 'overall' | 'rank',
  ctx: string,
  y: Key,
  alpha: Pt,
  alphaHex: string,
  beta: Pt,
  betaHex: string,
  lo: number,
  proofs: readonly Proof[],
): boolean {
  const parts = [ctx, y.hex, alphaHex, betaHex];
  const challenges = proofs.map((p) => p.challenge);
  const cAlpha = mulMany(alpha, challenges);
  const cBeta = mulMany(beta, challenges);
  let sum = 0n;
  proofs.forEach(({ challenge: c, response: r }, i) => {
    const m = BigInt(lo + i);
    const A = mulG(r).add(cAlpha[i]!);
    const B = mul(y.p, r)
      .add(cBeta[i]!)
      .subtract(mulG((c * m) % ELL));
    parts.push(hexOf(A), hexOf(B));
    sum += c;
  });
  return sum % ELL === H(tag, parts);
}
