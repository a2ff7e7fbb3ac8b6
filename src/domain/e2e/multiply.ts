/**
 * Scalar multiplications of public values, where speed matters (the server checks every ballot's
 * proofs). Variable-time methods are used only on public scalars and points (proof responses and
 * challenges, ciphertexts): secret scalars (keys, shares, randomness) go through the
 * constant-time `multiply` of @noble/curves in the provers.
 */
import { mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
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
