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

/** s·P for a public P and s; s may be 0. */
export const mul = (p: GroupPoint, s: bigint): GroupPoint => p.multiplyUnsafe(s);

/** a·P + b·Q in one Strauss–Shamir pass (one doubling chain for both). */
export const mul2 = (p: GroupPoint, a: bigint, q: GroupPoint, b: bigint): GroupPoint =>
  mulAddUnsafe(Point, [p, q], [a, b]);

/** Σ s_i·P_i for public points and scalars: Strauss–Shamir for a few, Pippenger for many. */
export const msm = (points: GroupPoint[], scalars: bigint[]): GroupPoint =>
  points.length <= 4 ? mulAddUnsafe(Point, points, scalars) : pippenger(Point, points, scalars);

/**
 * A multiplier for one public point used with several scalars (a ciphertext's α under each
 * branch of a disjunctive proof): its table of odd multiples is built once (Möller, "Algorithms
 * for multi-exponentiation", SAC 2001), saving about a third of the work for two scalars.
 */
export function multiplier(p: GroupPoint): (s: bigint) => GroupPoint {
  const table = interleavedMSMUnsafe(Point, [p], 4);
  return (s) => table([s]);
}

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
