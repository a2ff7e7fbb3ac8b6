/**
 * The count (docs/e2e-protocol.md section 5, steps 9 and 10): each trustee's partial decryption
 * of the weighted totals with its share, proved by Chaum–Pedersen against its verification key,
 * and the combination of the first `needed` of them with Lagrange coefficients at 0 (Shamir,
 * "How to share a secret", CACM 1979; Belenios's threshold decryption), the counts found by
 * baby-step giant-step (Shanks 1971) since exponential ElGamal yields m·G, not m.
 */
import type { Ciphertext } from './ballot.ts';
import {
  G,
  type GroupPoint,
  invert,
  mod,
  parseArray,
  parseHashHex,
  parseInteger,
  parseObject,
  parsePoint,
  parseSecret,
  Point,
  type Random,
  refuse,
  systemRandom,
} from './group.ts';
import { gMul, msm } from './multiply.ts';
import { checkEqualLogs, parseProof, type Proof, proveEqualLogs } from './proofs.ts';
import type { PartialDecryptionPayload } from './trustees.ts';

const copyProof = (p: Proof): Proof => ({ challenge: p.challenge, response: p.response });

function parseTotals(totals: readonly Ciphertext[]) {
  return totals.map((c, k) => {
    const what = `the total of choice ${k + 1}`;
    const record = parseObject(c, ['alpha', 'beta'], what);
    return {
      alpha: parsePoint(record['alpha'], `${what}, alpha`),
      beta: parsePoint(record['beta'], `${what}, beta`),
    };
  });
}

export function partialDecryptWith(
  random: Random,
  openHash: string,
  trustee: number,
  share: string,
  totals: readonly Ciphertext[],
): PartialDecryptionPayload {
  parseHashHex(openHash, 'the open event');
  const s = parseSecret(share, 'the trustee’s share');
  const cs = parseTotals(totals);
  return {
    trustee,
    factors: cs.map(({ alpha }) => alpha.multiply(s).toHex()),
    proofs: cs.map(({ alpha }, k) =>
      proveEqualLogs(random, `${openHash}|${trustee}|${k}`, s, alpha),
    ),
  };
}

/** On trustee `trustee`'s device: its decryption factor of each total, each with its proof (step 9). */
export function partialDecrypt(
  openHash: string,
  trustee: number,
  share: string,
  totals: readonly Ciphertext[],
): PartialDecryptionPayload {
  return partialDecryptWith(systemRandom, openHash, trustee, share, totals);
}

/**
 * On the server: each factor's proof of equal logarithms with the trustee's verification key
 * (step 9). `verificationKey` must be that of the trustee the payload names: the proofs are
 * bound to that number, and the caller looks the key up by it.
 */
export function checkPartialDecryption(
  openHash: string,
  verificationKey: string,
  totals: readonly Ciphertext[],
  payload: unknown,
): PartialDecryptionPayload {
  parseHashHex(openHash, 'the open event');
  const h = parsePoint(verificationKey, 'the trustee’s verification key');
  const cs = parseTotals(totals);
  const record = parseObject(payload, ['trustee', 'factors', 'proofs'], 'the partial decryption');
  const trustee = parseInteger(record['trustee'], 'the trustee’s number', 1);
  const what = `the partial decryption of trustee ${trustee}`;
  const factors = parseArray(record['factors'], cs.length, `${what}, factors`).map((d, k) =>
    parsePoint(d, `${what}, factor ${k + 1}`),
  );
  const proofs = parseArray(record['proofs'], cs.length, `${what}, proofs`).map((p, k) =>
    parseProof(p, `${what}, proof ${k + 1}`),
  );
  cs.forEach(({ alpha }, k) =>
    checkEqualLogs(
      `${openHash}|${trustee}|${k}`,
      h,
      alpha,
      factors[k]!,
      proofs[k]!,
      `${what}, choice ${k + 1}`,
    ),
  );
  return {
    trustee,
    factors: factors.map((d) => d.toHex()),
    proofs: (record['proofs'] as Proof[]).map(copyProof),
  };
}

/** λ_j = Π_{m≠j} m / (m − j) mod ℓ: the Lagrange coefficient at 0 of trustee j among `group`. */
export function lagrangeAtZero(j: number, group: readonly number[]): bigint {
  let num = 1n;
  let den = 1n;
  for (const m of group) {
    if (m === j) continue;
    num = mod(num * BigInt(m));
    den = mod(den * BigInt(m - j));
  }
  return mod(num * invert(den));
}

/**
 * Baby-step giant-step (Shanks 1971): the m in [0, maxCount] with m·G = target, in O(√maxCount)
 * group operations; refuses when there is none (the factors do not decrypt to a count).
 */
export function discreteLog(target: GroupPoint, maxCount: number, what: string): number {
  const step = Math.max(1, Math.ceil(Math.sqrt(maxCount + 1)));
  const baby = new Map<string, number>();
  let point = Point.ZERO;
  for (let i = 0; i < step; i++) {
    baby.set(point.toHex(), i);
    point = point.add(G);
  }
  const giant = gMul(BigInt(step)).negate();
  let current = target;
  for (let g = 0; g * step <= maxCount; g++) {
    const i = baby.get(current.toHex());
    if (i !== undefined && g * step + i <= maxCount) return g * step + i;
    current = current.add(giant);
  }
  throw refuse(`${what}: it does not decrypt to a count from 0 to ${maxCount}`);
}

/**
 * Step 10: combines the first `needed` partial decryptions (in the order given, which is board
 * order) with Lagrange coefficients at 0 and recovers each count: n_k·G = β_k − Σ_j λ_j·d_jk.
 * The partials must have been checked (checkPartialDecryption).
 */
export function combine(
  totals: readonly Ciphertext[],
  partials: readonly PartialDecryptionPayload[],
  needed: number,
  maxCount: number,
): { counts: number[]; trustees: number[] } {
  parseInteger(maxCount, 'the largest possible count');
  const chosen = partials.slice(0, needed);
  const trustees = chosen.map((p) => p.trustee);
  if (chosen.length < needed || new Set(trustees).size !== trustees.length) {
    throw refuse(`the count needs partial decryptions from ${needed} different trustees`);
  }
  const lambdas = trustees.map((j) => lagrangeAtZero(j, trustees));
  const cs = parseTotals(totals);
  const counts = cs.map(({ beta }, k) => {
    const factors = chosen.map((p) =>
      parsePoint(p.factors[k], `the factor of trustee ${p.trustee}, choice ${k + 1}`),
    );
    const target = beta.subtract(msm(factors, lambdas));
    return discreteLog(target, maxCount, `the total of choice ${k + 1}`);
  });
  return { counts, trustees };
}
