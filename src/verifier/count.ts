/**
 * The count (docs/e2e-protocol.md sections 4, 5.8–5.10): the weighted total recomputed from the
 * ballots, Lagrange interpolation at 0 of the first `t` partial decryptions, and each count found
 * as a small discrete logarithm by baby-step giant-step in [0, total weight].
 */
import { BASE, ELL, IDENTITY, hexOf, modL, mul, refuse, type Pt } from './group.ts';

/** λ_j = Π_{m≠j} m / (m − j) mod ℓ over the trustees combined. */
export function lagrangeAtZero(trustees: readonly number[], j: number): bigint {
  let num = 1n;
  let den = 1n;
  for (const m of trustees) {
    if (m === j) continue;
    num = modL(num * BigInt(m));
    den = modL(den * BigInt(m - j));
  }
  return modL(num * inverse(den));
}

/** a^(ℓ−2) mod ℓ: ℓ is prime and a is never 0 here (distinct trustee numbers). */
function inverse(a: bigint): bigint {
  let result = 1n;
  let base = modL(a);
  let e = ELL - 2n;
  while (e > 0n) {
    if (e & 1n) result = modL(result * base);
    base = modL(base * base);
    e >>= 1n;
  }
  return result;
}

/**
 * The m in [0, bound] with m·G = target, by baby-step giant-step (Shanks): ⌈√(bound+1)⌉ baby
 * steps j·G kept by encoding, then giant steps of −s·G. Undefined when there is none.
 */
export function smallLog(target: Pt, bound: number): number | undefined {
  const s = Math.max(1, Math.ceil(Math.sqrt(bound + 1)));
  const baby = new Map<string, number>();
  let p = IDENTITY;
  for (let j = 0; j < s; j++) {
    baby.set(hexOf(p), j);
    p = p.add(BASE);
  }
  const giant = mul(BASE, BigInt(s)).negate();
  let q = target;
  for (let i = 0; i * s <= bound; i++) {
    const j = baby.get(hexOf(q));
    if (j !== undefined) {
      const m = i * s + j;
      return m <= bound ? m : undefined;
    }
    q = q.add(giant);
  }
  return undefined;
}

/** n_k·G = β_k − Σ_j λ_j·d_jk for each choice k; refuses a count out of range. */
export function decryptCounts(
  betas: readonly Pt[],
  partials: readonly { trustee: number; factors: readonly { p: Pt }[] }[],
  bound: number,
): number[] {
  const trustees = partials.map((d) => d.trustee);
  const lambdas = trustees.map((j) => lagrangeAtZero(trustees, j));
  return betas.map((beta, k) => {
    let combined = IDENTITY;
    partials.forEach((d, i) => (combined = combined.add(mul(d.factors[k]!.p, lambdas[i]!))));
    const m = smallLog(beta.subtract(combined), bound);
    if (m === undefined)
      return refuse(
        `the decryption of choice ${k} is not a count from 0 to the weight cast, ${bound}`,
      );
    return m;
  });
}
