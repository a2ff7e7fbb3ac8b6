/**
 * Scalar multiplications of public values, where speed matters (the server checks every ballot's
 * proofs). Variable-time methods are used only on public scalars and points (proof responses and
 * challenges, ciphertexts, keys): secret scalars (keys, shares, randomness) go through the
 * constant-time `multiply` of @noble/curves in the provers.
 */
import { interleavedMSMUnsafe, mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
import { G, type GroupPoint, Point } from './group.ts';

/** s·G with the base point's precomputed table; s may be 0. */
export const gMul = (s: bigint): GroupPoint => G.multiplyUnsafe(s);

let wideG: GroupPoint | undefined;

/**
 * s·G with a wider table (window 8 instead of the library's 6: 33 additions instead of 43),
 * built on first use by a verifier, on a copy of G so that the library's own base point is left
 * as it is.
 */
export function gMulWide(s: bigint): GroupPoint {
  wideG ??= Point.fromHex(G.toHex()).precompute(8, false);
  return wideG.multiplyUnsafe(s);
}

/** s·P for a public P and s; s may be 0. */
export const mul = (p: GroupPoint, s: bigint): GroupPoint => p.multiplyUnsafe(s);

/** a·P + b·Q in one Strauss–Shamir pass (one doubling chain for both). */
export const mul2 = (p: GroupPoint, a: bigint, q: GroupPoint, b: bigint): GroupPoint =>
  mulAddUnsafe(Point, [p, q], [a, b]);

/** Σ s_i·P_i for public points and scalars: Strauss–Shamir for a few, Pippenger for many. */
export const msm = (points: GroupPoint[], scalars: bigint[]): GroupPoint =>
  points.length <= 4 ? mulAddUnsafe(Point, points, scalars) : pippenger(Point, points, scalars);

/**
 * A multiplier for one public point used with several scalars (a ciphertext's α and β, under
 * each branch of a disjunctive proof). The doublings dominate a multiplication, so the point's
 * multiples P_i = 2^(64·i)·P (i = 0..3) are computed once, and each scalar, cut into four 64-bit
 * limbs, is applied to all four in one interleaved walk of 64 doublings instead of 252 (a
 * multi-exponentiation: Möller, "Algorithms for multi-exponentiation", SAC 2001).
 */
export const multiplier = (p: GroupPoint): ((s: bigint) => GroupPoint) =>
  multiplierOf(limbBases(p));

/** The point's multiples 2^(64·i)·P (i = 0..3), from which multiplierOf multiplies it. */
export function limbBases(p: GroupPoint): GroupPoint[] {
  const bases = [p];
  for (let limb = 1; limb < LIMBS; limb++) {
    let q = bases[limb - 1]!;
    for (let i = 0; i < LIMB_BITS; i++) q = q.double();
    bases.push(q);
  }
  return bases;
}

/**
 * The limb bases of a sum of points from those of each point, without a doubling:
 * 2^(64·i)·ΣP_k = Σ 2^(64·i)·P_k. A ballot's overall proof multiplies the sums of its
 * ciphertexts, whose choices' bases its individual proofs have already built.
 */
export const sumOfBases = (all: readonly GroupPoint[][]): GroupPoint[] =>
  Array.from({ length: LIMBS }, (_, limb) =>
    all.reduce((sum, bases) => sum.add(bases[limb]!), Point.ZERO),
  );

/** s·P for the point whose limb bases these are (limbBases), s public; s may be 0. */
export function multiplierOf(bases: readonly GroupPoint[]): (s: bigint) => GroupPoint {
  const walk = interleavedMSMUnsafe(Point, bases as GroupPoint[], 4);
  return (s) => walk(limbsOf(s));
}

const LIMBS = 4;
const LIMB_BITS = 64;
const LIMB_MASK = (1n << 64n) - 1n;
const limbsOf = (s: bigint): bigint[] =>
  Array.from({ length: LIMBS }, (_, i) => (s >> BigInt(i * LIMB_BITS)) & LIMB_MASK);

/**
 * A fixed-base multiplier for a point used across many ballots (the election key): a windowed
 * table built once per key (a few kept), after which s·y costs about 33 additions instead of
 * 250 doublings. Keyed by the point's canonical hex, which identifies it.
 */
const fixed = new Map<string, GroupPoint>();
const FIXED_KEPT = 8;

export function fixedBase(hex: string): (s: bigint) => GroupPoint {
  let base = fixed.get(hex);
  if (!base) {
    if (fixed.size >= FIXED_KEPT) fixed.delete(fixed.keys().next().value as string);
    base = Point.fromHex(hex);
    base.precompute(8, false);
    fixed.set(hex, base);
  }
  const b = base;
  return (s) => b.multiplyUnsafe(s);
}

/**
 * Σ s_i·P_i for many public points sharing one list of public scalars (a shuffle's 2w + 1 sums
 * over its ballots all use the same ω'_i, or the same c·u_j and s'_i): Pippenger's bucket method
 * with signed digits (Bernstein, Doumen, Lange and Oosterwijk, "Faster batch forgery
 * identification", INDOCRYPT 2012, section 4; Bootle et al. call it the "signed bucket" method),
 * the scalars recoded once for every sum. Signed digits in [−2^(c−1), 2^(c−1)] halve the buckets
 * of the unsigned method (the negations are cheap), and the window c is the one that minimises
 * windows × (points + buckets) for this many points, rather than @noble's fixed rule: about 15%
 * fewer additions at 1,000 to 100,000 points. Not constant-time: public values only.
 */
export function sharedScalars(
  scalars: readonly bigint[],
): (points: readonly GroupPoint[]) => GroupPoint {
  const n = scalars.length;
  const c = bucketWindow(n);
  const windows = Math.ceil(254 / c);
  const digits = signedDigits(scalars, c, windows);
  return (points) => {
    if (points.length !== n) throw new Error('as many points as scalars are needed');
    if (n <= 4) return n === 0 ? Point.ZERO : mulAddUnsafe(Point, [...points], [...scalars]);
    return bucketSum(points, digits, c, windows);
  };
}

/** The window c that minimises ⌈254/c⌉·(n + 2^c) additions (n to fill buckets, 2^c to sum them). */
function bucketWindow(n: number): number {
  let best = 2;
  let bestCost = Infinity;
  for (let c = 2; c <= 20; c++) {
    const cost = Math.ceil(254 / c) * (n + 2 ** c + c);
    if (cost < bestCost) [best, bestCost] = [c, cost];
  }
  return best;
}

/**
 * Each scalar (below ℓ < 2^253) as `windows` digits of c bits in [−2^(c−1), 2^(c−1)), low
 * first, Σ d_w·2^(c·w) = s; the top window, which has at most c − 1 bits since c·windows ≥ 254,
 * takes the last carry (so it may be 2^(c−1)).
 */
function signedDigits(scalars: readonly bigint[], c: number, windows: number): Int32Array {
  const digits = new Int32Array(scalars.length * windows);
  const full = 1 << c;
  const half = full >> 1;
  const mask = BigInt(full - 1);
  const shift = BigInt(c);
  scalars.forEach((scalar, j) => {
    let s = scalar;
    let carry = 0;
    for (let w = 0; w < windows; w++) {
      let d = Number(s & mask) + carry;
      s >>= shift;
      carry = 0;
      if (d >= half && w < windows - 1) {
        d -= full;
        carry = 1;
      }
      digits[j * windows + w] = d;
    }
  });
  return digits;
}

function bucketSum(
  points: readonly GroupPoint[],
  digits: Int32Array,
  c: number,
  windows: number,
): GroupPoint {
  const n = points.length;
  const half = 1 << (c - 1);
  const negated = points.map((p) => p.negate());
  // An empty bucket is undefined rather than the identity: no addition to fill it.
  const buckets = new Array<GroupPoint | undefined>(half + 1);
  let sum: GroupPoint | undefined;
  for (let w = windows - 1; w >= 0; w--) {
    if (sum) for (let i = 0; i < c; i++) sum = sum.double();
    buckets.fill(undefined);
    for (let j = 0; j < n; j++) {
      const d = digits[j * windows + w]!;
      if (d === 0) continue;
      const p = d > 0 ? points[j]! : negated[j]!;
      const b = d > 0 ? d : -d;
      const at = buckets[b];
      buckets[b] = at ? at.add(p) : p;
    }
    // Σ_b b·B_b by running sums, top bucket first.
    let running: GroupPoint | undefined;
    let total: GroupPoint | undefined;
    for (let b = half; b > 0; b--) {
      const at = buckets[b];
      if (at) running = running ? running.add(at) : at;
      if (running) total = total ? total.add(running) : running;
    }
    if (total) sum = sum ? sum.add(total) : total;
  }
  return sum ?? Point.ZERO;
}
