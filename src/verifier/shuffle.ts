/**
 * The verifier's check of a re-encryption shuffle (docs/mixnet-protocol.md section 3.5, CHVote's
 * CheckShuffleProof: Haenni, Locher, Koenig, Dubuis, "Pseudo-code algorithms for verifiable
 * re-encryption mix-nets", FC 2017, after Terelius and Wikström, AFRICACRYPT 2010), written from
 * that page alone: nothing here comes from the server's code.
 *
 * Every sum over the N ballots is one multi-scalar multiplication (signed-bucket Pippenger,
 * msm.ts, the 2w + 1 sums sharing one recoding of their scalars); the commitments t_• are
 * recomputed and the challenge must be their hash.
 */
import { mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  BASE,
  H,
  hexOf,
  IDENTITY,
  modL,
  point,
  RistrettoPoint,
  refuse,
  scalar,
  textHasher,
  type Pt,
} from './group.ts';
import { weightedSums } from './msm.ts';
import { hashHex, list, object } from './shape.ts';

/** A ciphertext as written: two canonical points in hex. */
export interface CiphertextHex {
  readonly alpha: string;
  readonly beta: string;
}

/** Σ s_i·P_i over public values; the identity for an empty list. */
const sum = (points: Pt[], scalars: bigint[]): Pt =>
  points.length === 0
    ? IDENTITY
    : points.length <= 4
      ? mulAddUnsafe(RistrettoPoint, points, scalars)
      : pippenger(RistrettoPoint, points, scalars);

const generatorList: Pt[] = [];

/** Section 3.2: h_i = hash_to_ristretto255(decimal i), DST "seconded-e2e-v1 generator". */
function generatorsUpTo(n: number): Pt[] {
  while (generatorList.length <= n) {
    generatorList.push(
      ristretto255_hasher.hashToCurve(utf8ToBytes(String(generatorList.length)), {
        DST: 'seconded-e2e-v1 generator',
      }) as Pt,
    );
  }
  return generatorList.slice(0, n + 1);
}

/** A list of N ballots of w ciphertexts each, as written: its shape only (points: a slice's). */
function ballotsHex(v: unknown, what: string, n?: number, w?: number): CiphertextHex[][] {
  const items = list(v, what, n);
  if (items.length === 0) refuse(`${what} is empty`);
  const hex: CiphertextHex[][] = [];
  items.forEach((b, i) => {
    const cs = list(b, `${what}, ballot ${i + 1}`, w ?? (i === 0 ? undefined : hex[0]!.length));
    if (cs.length === 0) refuse(`${what}, ballot ${i + 1} has no ciphertexts`);
    hex.push(
      cs.map((c, k) => {
        const o = object(c, ['alpha', 'beta'], `${what}, ballot ${i + 1}, position ${k}`);
        return { alpha: o.alpha as string, beta: o.beta as string };
      }),
    );
  });
  return hex;
}

/**
 * One slice of a shuffle's check, ballots from..from+count−1 (0-based): plain data, so that it
 * crosses to a worker thread (src/cli/shuffle-threads.ts) by structured clone. The slices decode
 * their points (nearly half the work) and compute their share of every sum.
 */
export interface ShuffleCheckSlice {
  readonly from: number;
  readonly electionKey: string;
  readonly input: readonly CiphertextHex[][];
  readonly output: readonly CiphertextHex[][];
  readonly commitments: readonly string[];
  /** ĉ_from .. ĉ_{from+count}: the one before the slice first (ĉ_0 = h_0 is not written). */
  readonly chain: readonly string[];
  readonly cu: readonly bigint[];
  readonly sPrime: readonly bigint[];
  readonly sHat: readonly bigint[];
  readonly c: bigint;
}

export interface ShuffleCheckAnswer {
  /** Σ c_j, and Σ c·u_j·c_j + s'_i·h_i, over the slice. */
  readonly sumC: string;
  readonly t3: string;
  /** Per column, Σ c·u_j·e_{j,k} + s'_i·ẽ_{i,k} over the slice, α then β. */
  readonly t4: string[];
  readonly tHat: string[];
}

/** Checks one slice (see ShuffleCheckSlice); throws a Refusal naming the first bad item. */
export function checkShuffleSlice(job: ShuffleCheckSlice): ShuffleCheckAnswer {
  const { from } = job;
  const decode = (side: readonly CiphertextHex[][], what: string) =>
    side.map((b, s) =>
      b.map((c, k) => ({
        alpha: point(c.alpha, `${what}, ballot ${from + s + 1}, position ${k}: alpha`),
        beta: point(c.beta, `${what}, ballot ${from + s + 1}, position ${k}: beta`),
      })),
    );
  const e = decode(job.input, 'the ballots shuffled');
  const o = decode(job.output, 'the shuffled ballots');
  const commitments = job.commitments.map((x, s) =>
    point(x, `the shuffle proof's commitments ${from + s + 1}`),
  );
  const chain = job.chain.map((x, s) =>
    from === 0 && s === 0
      ? generatorsUpTo(0)[0]!
      : point(x, `the shuffle proof's chain ${from + s}`),
  );
  const hs = generatorRange(from + 1, from + commitments.length);
  // Every sum weighs input j by c·u_j and output i by s'_i: the scalars are recoded once.
  const weighted = weightedSums([...job.cu, ...job.sPrime]);
  const w = job.input[0]?.length ?? 0;
  const t4: string[] = [];
  for (let k = 0; k < w; k++) {
    t4.push(
      hexOf(weighted([...e.map((b) => b[k]!.alpha), ...o.map((b) => b[k]!.alpha)])),
      hexOf(weighted([...e.map((b) => b[k]!.beta), ...o.map((b) => b[k]!.beta)])),
    );
  }
  // t̂'_i = c·ĉ_i + ŝ_i·G + s'_i·ĉ_{i−1}, with ĉ_0 = h_0; ŝ_i·G on the window-8 table of G.
  const g = baseTable();
  const tHat = job.sHat.map((sh, s) =>
    hexOf(
      sum([chain[s + 1]!, chain[s]!], [job.c, job.sPrime[s]!]).add(
        sh === 0n ? IDENTITY : g.multiplyUnsafe(sh),
      ),
    ),
  );
  return {
    sumC: hexOf(commitments.reduce((a, q) => a.add(q), IDENTITY)),
    t3: hexOf(weighted([...commitments, ...hs])),
    t4,
    tHat,
  };
}

let gTable: Pt | undefined;
/** A window-8 table of G on a copy, so that the library's own base point is left as it is. */
const baseTable = (): Pt => (gTable ??= RistrettoPoint.fromHex(hexOf(BASE)).precompute(8, false));

/** h_from .. h_to, inclusive, each computed once per thread. */
function generatorRange(from: number, to: number): Pt[] {
  const out: Pt[] = [];
  for (let i = from; i <= to; i++) {
    let h = generatorMap.get(i);
    if (!h) {
      h = ristretto255_hasher.hashToCurve(utf8ToBytes(String(i)), {
        DST: 'seconded-e2e-v1 generator',
      }) as Pt;
      generatorMap.set(i, h);
    }
    out.push(h);
  }
  return out;
}
const generatorMap = new Map<number, Pt>();

/** Cuts 0..n−1 into at most `parts` contiguous slices of nearly equal size. */
function slicesOf(n: number, parts: number): [number, number][] {
  const size = Math.ceil(n / Math.max(1, Math.min(parts, n)));
  const out: [number, number][] = [];
  for (let from = 0; from < n; from += size) out.push([from, Math.min(n, from + size)]);
  return out;
}

/**
 * The check as steps: it yields the slices' jobs once and takes their answers in order, so that
 * one body serves the check in this thread (checkShuffle) and the one over worker threads
 * (checkShuffleWith).
 */
export function* checkShuffleSteps(
  ctx: string,
  electionKey: string,
  input: unknown,
  output: unknown,
  proof: unknown,
  parts = 1,
): Generator<ShuffleCheckSlice[], CiphertextHex[][], ShuffleCheckAnswer[]> {
  const y = point(electionKey, 'the election key');
  const e = ballotsHex(input, 'the ballots shuffled');
  const n = e.length;
  const w = e[0]!.length;
  const o = ballotsHex(output, 'the shuffled ballots', n, w);
  const p = object(
    proof,
    ['commitments', 'chain', 'challenge', 's1', 's2', 's3', 's4', 'sHat', 'sPrime'],
    'the shuffle proof',
  );
  const hexesOf = (key: string): string[] =>
    list(p[key], `the shuffle proof's ${key}`, n).map((x, i) =>
      hashHex(x, `the shuffle proof's ${key} ${i + 1}`),
    );
  const scalarsOf = (key: string, length: number): bigint[] =>
    list(p[key], `the shuffle proof's ${key}`, length).map((x, i) =>
      scalar(x, `the shuffle proof's ${key} ${i + 1}`),
    );
  const commitments = hexesOf('commitments');
  const chain = hexesOf('chain');
  const c = scalar(p.challenge, "the shuffle proof's challenge");
  const s1 = scalar(p.s1, "the shuffle proof's s1");
  const s2 = scalar(p.s2, "the shuffle proof's s2");
  const s3 = scalar(p.s3, "the shuffle proof's s3");
  const s4 = scalarsOf('s4', w);
  const sHat = scalarsOf('sHat', n);
  const sPrime = scalarsOf('sPrime', n);

  // Section 3.3: D, then one challenge u_j per input ballot.
  // Hashed in pieces, the same bytes as the parts joined by '|': for 400,000 ballots of 10 the
  // statement is about a gigabyte of text, more than one string holds.
  const statement = textHasher();
  statement.add(`${ctx}|${electionKey}`);
  for (const side of [e, o]) {
    for (const ballot of side) for (const ct of ballot) statement.add(`|${ct.alpha}|${ct.beta}`);
  }
  for (const commitment of commitments) statement.add(`|${commitment}`);
  const d = statement.hex();
  const u = Array.from({ length: n }, (_, j) => H('shuffle-u', [d, String(j + 1)]));
  const cu = u.map((x) => modL(c * x));

  const answers = yield slicesOf(n, parts).map(([from, to]) => ({
    from,
    electionKey,
    input: e.slice(from, to),
    output: o.slice(from, to),
    commitments: commitments.slice(from, to),
    chain: from === 0 ? ['', ...chain.slice(0, to)] : chain.slice(from - 1, to),
    cu: cu.slice(from, to),
    sPrime: sPrime.slice(from, to),
    sHat: sHat.slice(from, to),
    c,
  }));

  const h0 = generatorsUpTo(0)[0]!;
  const mulG = (s: bigint) => (s === 0n ? IDENTITY : baseTable().multiplyUnsafe(s));
  const times = (q: Pt, s: bigint) => (s === 0n || q.is0() ? IDENTITY : q.multiplyUnsafe(s));
  const total = (hexes: string[]) =>
    hexes.reduce((a, x) => a.add(RistrettoPoint.fromHex(x)), IDENTITY);

  // t'_1 = c·(Σ c_j − Σ h_i) + s_1·G: the c_j commit to vectors whose entries add up as a
  // permutation matrix's rows do.
  const sumC = total(answers.map((a) => a.sumC));
  const sumH = generatorRange(1, n).reduce((a, q) => a.add(q), IDENTITY);
  const t1 = times(sumC.subtract(sumH), c).add(mulG(s1));
  // t'_2 = c·(ĉ_N − (Π u_j)·h_0) + s_2·G: the chain ends at the product of the challenges.
  const product = u.reduce((a, x) => modL(a * x), 1n);
  const last = point(chain[n - 1], `the shuffle proof's chain ${n}`);
  const t2 = times(last.subtract(times(h0, product)), c).add(mulG(s2));
  // t'_3 = c·Σ u_j·c_j + s_3·G + Σ s'_i·h_i.
  const t3 = total(answers.map((a) => a.t3)).add(mulG(s3));
  // t'_{4,k}, per column: the output is the input, permuted and re-encrypted.
  const t4: string[] = [];
  for (let k = 0; k < w; k++) {
    t4.push(
      hexOf(total(answers.map((a) => a.t4[2 * k]!)).subtract(mulG(s4[k]!))),
      hexOf(total(answers.map((a) => a.t4[2 * k + 1]!)).subtract(times(y, s4[k]!))),
    );
  }
  const tHat = answers.flatMap((a) => a.tHat);
  const expected = H('shuffle', [d, ...chain, hexOf(t1), hexOf(t2), hexOf(t3), ...t4, ...tHat]);
  if (expected !== c) refuse('the proof of the shuffle does not hold');
  return o;
}

/**
 * Checks that `output` is a re-encryption of a permutation of `input` (each ballot moved whole)
 * under the election key, by `proof`, bound to `ctx`. Throws a Refusal naming what fails; returns
 * the output as written, the next shuffle's input.
 */
export function checkShuffle(
  ctx: string,
  electionKey: string,
  input: unknown,
  output: unknown,
  proof: unknown,
): CiphertextHex[][] {
  const steps = checkShuffleSteps(ctx, electionKey, input, output, proof);
  let step = steps.next();
  while (!step.done) step = steps.next(step.value.map(checkShuffleSlice));
  return step.value;
}

/** Runs a check's slices somewhere (worker threads), answering in the slices' order. */
export type ShuffleCheckRunner = (slices: ShuffleCheckSlice[]) => Promise<ShuffleCheckAnswer[]>;

/** checkShuffle with its slices, `parts` of them, run by `run`. */
export async function checkShuffleWith(
  run: ShuffleCheckRunner,
  parts: number,
  ctx: string,
  electionKey: string,
  input: unknown,
  output: unknown,
  proof: unknown,
): Promise<CiphertextHex[][]> {
  const steps = checkShuffleSteps(ctx, electionKey, input, output, proof, parts);
  let step = steps.next();
  while (!step.done) step = steps.next(await run(step.value));
  return step.value;
}
