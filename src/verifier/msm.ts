/**
 * The verifier's multi-scalar multiplication Σ s_i·P_i, for the sums of a shuffle's check
 * (docs/mixnet-protocol.md section 3.5), where 2w + 1 sums over the ballots share one list of
 * scalars (c·u_j for the inputs, s'_i for the outputs). Its own code, as the rest of this folder
 * (docs/e2e-protocol.md: the verifier shares nothing with the server but @noble).
 *
 * Pippenger's bucket method with signed digits (Bernstein, Doumen, Lange and Oosterwijk, "Faster
 * batch forgery identification", INDOCRYPT 2012, section 4): digits in [−2^(c−1), 2^(c−1)] need
 * half the buckets of unsigned ones, a negated point costs two field negations, and the scalars
 * are recoded once for all the sums that share them. The window is chosen for the number of
 * points (the one minimising windows × (points + buckets)), and empty buckets cost nothing. Not
 * constant-time: every value here is public.
 */
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js';
import { IDENTITY, RistrettoPoint, type Pt } from './group.ts';

/** Sums over lists of points, each weighted by `scalars` in order (all below ℓ). */
export function weightedSums(scalars: readonly bigint[]): (points: readonly Pt[]) => Pt {
  const n = scalars.length;
  let c = 2;
  for (let k = 3, best = cost(2, n); k <= 20; k++) {
    if (cost(k, n) < best) [c, best] = [k, cost(k, n)];
  }
  // c·windows ≥ 254 > 253 bits of a scalar, so the top window has room for the last carry.
  const windows = Math.ceil(254 / c);
  const digits = recode(scalars, c, windows);
  return (points) => {
    if (points.length !== n) throw new Error('as many points as scalars are needed');
    if (n === 0) return IDENTITY;
    if (n <= 4) return mulAddUnsafe(RistrettoPoint, [...points], [...scalars]);
    return buckets(points, digits, c, windows);
  };
}

const cost = (c: number, n: number) => Math.ceil(254 / c) * (n + 2 ** c + c);

/** Signed base-2^c digits, low first, each in [−2^(c−1), 2^(c−1)) but the top one. */
function recode(scalars: readonly bigint[], c: number, windows: number): Int32Array {
  const out = new Int32Array(scalars.length * windows);
  const radix = 1 << c;
  const mask = BigInt(radix - 1);
  for (let j = 0; j < scalars.length; j++) {
    let s = scalars[j]!;
    let carry = 0;
    for (let w = 0; w < windows; w++) {
      let d = Number(s & mask) + carry;
      s >>= BigInt(c);
      carry = d >= radix >> 1 && w < windows - 1 ? 1 : 0;
      if (carry) d -= radix;
      out[j * windows + w] = d;
    }
  }
  return out;
}

function buckets(points: readonly Pt[], digits: Int32Array, c: number, windows: number): Pt {
  const half = 1 << (c - 1);
  const minus = points.map((p) => p.negate());
  const bucket = new Array<Pt | undefined>(half + 1);
  let acc: Pt | undefined;
  for (let w = windows - 1; w >= 0; w--) {
    if (acc) for (let i = 0; i < c; i++) acc = acc.double();
    bucket.fill(undefined);
    for (let j = 0; j < points.length; j++) {
      const d = digits[j * windows + w]!;
      if (d === 0) continue;
      const b = Math.abs(d);
      const p = d > 0 ? points[j]! : minus[j]!;
      bucket[b] = bucket[b]?.add(p) ?? p;
    }
    // Σ b·bucket_b as a sum of running sums, from the top bucket down.
    let running: Pt | undefined;
    let window: Pt | undefined;
    for (let b = half; b > 0; b--) {
      const at = bucket[b];
      if (at) running = running?.add(at) ?? at;
      if (running) window = window?.add(running) ?? running;
    }
    if (window) acc = acc?.add(window) ?? window;
  }
  return acc ?? IDENTITY;
}
