/**
 * The per-ballot work of a trustee's shuffle (docs/mixnet-protocol.md section 3), cut into
 * contiguous slices of output positions that can run anywhere: in the caller's thread, or in
 * worker threads that the trustee's command starts (src/cli/shuffle-threads.ts). A slice's job
 * and answer are plain data (strings, numbers, bigints), so they cross a thread by structured
 * clone. Nearly all of a shuffle's cost is here: N·w re-encryptions, their encodings, and the
 * sums with ω'_i, and the chain of commitments.
 *
 * Secret scalars (re-encryption randomness, the chain's scalars, which depend on the
 * permutation) are multiplied on fixed-base window-8 tables of G, of the election key and of h_0
 * built once per thread, by the table walk of @noble/curves that its constant-time `multiply`
 * uses: one table addition per window whatever the digit (a zero digit adds to a discarded
 * accumulator), each window's entry picked by scanning the whole window. `multiplyUnsafe` on a
 * point with a table runs that same walk (ScalarMultiplier.mulUnsafe in abstract/curve.js) and
 * only skips what `multiply` adds after it: normalising the result to Z = 1, an inversion that
 * cost a fifth of each multiplication here and that nothing needs (the point is added to and
 * encoded next). Scalar blinding, which `multiply` applies to the library's own base point only,
 * was not applied to these tables before either. The sums with the prover's random ω'_i are
 * signed-bucket multi-scalar multiplications sharing one recoding of the ω'_i (multiply.ts
 * sharedScalars; see shuffle.ts).
 */
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Ciphertext } from './ballot.ts';
import { G, type GroupPoint, mod, Point, parseArray, parseObject, parsePoint } from './group.ts';
import { sharedScalars } from './multiply.ts';

/** Re-encrypt output positions from..from+count−1 and commit to the permutation there. */
export interface ReEncryptJob {
  readonly kind: 'reencrypt';
  readonly electionKey: string;
  /** 0-based index of the first output position. */
  readonly from: number;
  /** Input ballot ψ(i) for each output position i of the slice, as received. */
  readonly inputs: readonly unknown[];
  /** Their input indexes ψ(i), for the refusals' wording. */
  readonly sources: readonly number[];
  /** r̃_{i,k}. */
  readonly rTilde: readonly (readonly bigint[])[];
  /** r_{ψ(i)}: the commitment c_{ψ(i)} = r_{ψ(i)}·G + h_i is made at output position i. */
  readonly rCommit: readonly bigint[];
  readonly omegaPrime: readonly bigint[];
}

export interface ReEncryptAnswer {
  readonly ballots: Ciphertext[][];
  readonly commitments: string[];
  /** Σ ω'_i·h_i over the slice. */
  readonly t3: string;
  /** Per column k, Σ ω'_i·ẽ_{i,k} over the slice. */
  readonly t4: Ciphertext[];
}

/**
 * Chain points ĉ_i and t̂_i for positions from+1..from+count (1-based). Unrolling the chain
 * ĉ_i = r̂_i·G + u'_i·ĉ_{i−1} from ĉ_0 = h_0 gives ĉ_i = a_i·G + b_i·h_0 with a_i = r̂_i + u'_i·a_{i−1}
 * and b_i = u'_i·b_{i−1} (a_0 = 0, b_0 = 1): two fixed-base multiplications instead of a
 * variable-base one, and no dependency between positions, so slices run in parallel. Likewise
 * t̂_i = ω̂_i·G + ω'_i·ĉ_{i−1} = (ω̂_i + ω'_i·a_{i−1})·G + (ω'_i·b_{i−1})·h_0. Same points, same
 * proof: only the way of computing them changes.
 */
export interface ChainJob {
  readonly kind: 'chain';
  /** a_i, b_i for i = from..from+count (count + 1 entries: the one before the slice first). */
  readonly a: readonly bigint[];
  readonly b: readonly bigint[];
  readonly omegaHat: readonly bigint[];
  readonly omegaPrime: readonly bigint[];
}

export interface ChainAnswer {
  readonly chain: string[];
  readonly tHat: string[];
}

export type ShuffleJob = ReEncryptJob | ChainJob;
export type ShuffleAnswer = ReEncryptAnswer | ChainAnswer;

const generatorCache = new Map<number, GroupPoint>();

/**
 * Section 3.2 (CHVote's GetGenerators): h_i = hash_to_ristretto255(decimal i) with the DST
 * "seconded-e2e-v1 generator" (RFC 9380 Appendix B, the ristretto255_XMD:SHA-512_R255MAP_RO_
 * suite). Nobody knows a discrete logarithm between them. Kept, since every shuffle of the same
 * size needs the same ones; a slice computes only its own.
 */
export function generatorAt(i: number): GroupPoint {
  let h = generatorCache.get(i);
  if (!h) {
    h = ristretto255_hasher.hashToCurve(utf8ToBytes(String(i)), {
      DST: 'seconded-e2e-v1 generator',
    }) as GroupPoint;
    generatorCache.set(i, h);
  }
  return h;
}

/** h_from .. h_to, inclusive. */
export const generatorRange = (from: number, to: number): GroupPoint[] =>
  Array.from({ length: to - from + 1 }, (_, k) => generatorAt(from + k));

const tables = new Map<string, GroupPoint>();

/**
 * A window-8 table of a public point (G, the election key, h_0), kept per thread; multiply with
 * `multiplyUnsafe`, the fixed-count table walk (see the head of this file), never with a scalar
 * that is 0 or 1 (the walk is skipped for those: randomScalar never gives 0, and 1 with
 * probability 2^−252).
 */
function fixedBase(hex: string): GroupPoint {
  let t = tables.get(hex);
  if (!t) {
    if (tables.size >= 8) tables.delete(tables.keys().next().value as string);
    t = Point.fromHex(hex).precompute(8, false);
    tables.set(hex, t);
  }
  return t;
}

function reEncryptSlice(job: ReEncryptJob): ReEncryptAnswer {
  const g = fixedBase(G.toHex());
  const y = fixedBase(job.electionKey);
  const count = job.inputs.length;
  const w = job.rTilde[0]?.length ?? 0;
  const alphas: GroupPoint[][] = Array.from({ length: w }, () => []);
  const betas: GroupPoint[][] = Array.from({ length: w }, () => []);
  const ballots = job.inputs.map((ballot, s) => {
    const j = job.sources[s]! + 1;
    return parseArray(ballot, w, `the input, ballot ${j}`).map((c, k) => {
      const where = `the input, ballot ${j}, position ${k}`;
      const record = parseObject(c, ['alpha', 'beta'], where);
      const r = job.rTilde[s]![k]!;
      const alpha = parsePoint(record['alpha'], `${where}, alpha`).add(g.multiplyUnsafe(r));
      const beta = parsePoint(record['beta'], `${where}, beta`).add(y.multiplyUnsafe(r));
      alphas[k]!.push(alpha);
      betas[k]!.push(beta);
      return { alpha: alpha.toHex(), beta: beta.toHex() };
    });
  });
  const h = generatorRange(job.from + 1, job.from + count);
  const commitments = job.rCommit.map((r, s) => g.multiplyUnsafe(r).add(h[s]!).toHex());
  const sum = sharedScalars(job.omegaPrime);
  return {
    ballots,
    commitments,
    t3: sum(h).toHex(),
    t4: alphas.map((column, k) => ({
      alpha: sum(column).toHex(),
      beta: sum(betas[k]!).toHex(),
    })),
  };
}

function chainSlice(job: ChainJob): ChainAnswer {
  const g = fixedBase(G.toHex());
  const h0 = fixedBase(generatorAt(0).toHex());
  const at = (a: bigint, b: bigint) =>
    (a === 0n ? h0.multiplyUnsafe(b) : g.multiplyUnsafe(a).add(h0.multiplyUnsafe(b))).toHex();
  const chain: string[] = [];
  const tHat: string[] = [];
  job.omegaHat.forEach((oh, s) => {
    chain.push(at(job.a[s + 1]!, job.b[s + 1]!));
    const op = job.omegaPrime[s]!;
    tHat.push(at(mod(oh + op * job.a[s]!), mod(op * job.b[s]!)));
  });
  return { chain, tHat };
}

/** Runs one slice of a shuffle's work, wherever it is. */
export function runShuffleJob(job: ShuffleJob): ShuffleAnswer {
  return job.kind === 'reencrypt' ? reEncryptSlice(job) : chainSlice(job);
}
