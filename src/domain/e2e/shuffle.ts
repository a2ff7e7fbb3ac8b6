/**
 * The verifiable re-encryption shuffle of ranked ballots (docs/mixnet-protocol.md section 3): a
 * trustee permutes a list of ballots, each a vector of w ElGamal ciphertexts, with one
 * permutation, re-encrypts every ciphertext with fresh randomness, and proves it without revealing
 * the permutation.
 *
 * The proof is Terelius and Wikström's ("Proofs of restricted shuffles", AFRICACRYPT 2010) in the
 * form of the CHVote specification's GenShuffle, GenShuffleProof and CheckShuffleProof (Haenni,
 * Locher, Koenig, Dubuis, "Pseudo-code algorithms for verifiable re-encryption mix-nets", FC 2017),
 * written additively over ristretto255, with Wikström's wide ciphertexts as Belenios shuffles its
 * ballots: one permutation commitment and one s'_i per ballot, one t_4 and s_4 per column.
 *
 * Secret values (the permutation, the re-encryption randomness, the chain's randomness) are
 * multiplied by the fixed-count table walk of @noble/curves' constant-time multiplication
 * (shuffle-slices.ts says how). The sums over all ballots with the prover's random ω'_i are
 * multi-scalar multiplications (signed-bucket Pippenger, multiply.ts sharedScalars), which are not
 * constant-time: the prover runs once, on the trustee's own machine, and answers no queries, as
 * Verificatum's and CHVote's provers do with their multi-exponentiations.
 */
import type { Ciphertext } from './ballot.ts';
import {
  G,
  type GroupPoint,
  H,
  mod,
  parseArray,
  parseObject,
  parsePoint,
  parseScalar,
  Point,
  type Random,
  randomScalar,
  refuse,
  scalarToHex,
  sha256Pieces,
  systemRandom,
} from './group.ts';
import { gMul, msm, sharedScalars } from './multiply.ts';
import {
  type ChainAnswer,
  generatorRange,
  type ReEncryptAnswer,
  runShuffleJob,
  type ShuffleAnswer,
  type ShuffleJob,
} from './shuffle-slices.ts';

/** A ballot in the mixnet: its w ciphertexts, one per rank position. */
export type MixBallot = readonly Ciphertext[];

/** Section 3.4: the proof of a shuffle, every point and scalar in hex. */
export interface ShuffleProof {
  readonly commitments: readonly string[];
  readonly chain: readonly string[];
  readonly challenge: string;
  readonly s1: string;
  readonly s2: string;
  readonly s3: string;
  readonly s4: readonly string[];
  readonly sHat: readonly string[];
  readonly sPrime: readonly string[];
}

export interface Shuffled {
  readonly ballots: readonly MixBallot[];
  readonly proof: ShuffleProof;
}

interface Cipher {
  readonly alpha: GroupPoint;
  readonly beta: GroupPoint;
}

/** Section 3.2: h_0 .. h_n (shuffle-slices.ts generatorAt). */
export const generators = (n: number): GroupPoint[] => generatorRange(0, n);

/** A uniform integer in [0, n) by rejection sampling on 32-bit draws. */
function randomBelow(random: Random, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const b = random(4);
    const v = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (v < limit) return v % n;
  }
}

/** A uniformly random permutation of 0..n−1 (Fisher–Yates, Knuth TAOCP vol. 2 §3.4.2). */
function randomPermutation(random: Random, n: number): number[] {
  const psi = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomBelow(random, i + 1);
    [psi[i], psi[j]] = [psi[j]!, psi[i]!];
  }
  return psi;
}

/** Section 3.3: the digest D of the statement and the permutation commitment. */
function statementDigest(
  ctx: string,
  yHex: string,
  input: readonly MixBallot[],
  output: readonly MixBallot[],
  commitments: readonly string[],
): string {
  // In pieces, the same bytes as the parts joined by '|': for 400,000 ballots of 10 the text is
  // about a gigabyte, more than one string holds.
  const hasher = sha256Pieces();
  hasher.add(`${ctx}|${yHex}`);
  for (const list of [input, output]) {
    for (const ballot of list) for (const c of ballot) hasher.add(`|${c.alpha}|${c.beta}`);
  }
  for (const commitment of commitments) hasher.add(`|${commitment}`);
  return hasher.hex();
}

const challengesOf = (d: string, n: number): bigint[] =>
  Array.from({ length: n }, (_, j) => H('shuffle-u', [d, j + 1]));

const finalChallenge = (
  d: string,
  chain: readonly string[],
  t1: string,
  t2: string,
  t3: string,
  t4: readonly Ciphertext[],
  tHat: readonly string[],
): bigint =>
  H('shuffle', [d, ...chain, t1, t2, t3, ...t4.flatMap((t) => [t.alpha, t.beta]), ...tHat]);

interface DecodedList {
  readonly hex: MixBallot[];
  readonly points: Cipher[][];
}

/** N ballots of w ciphertexts, each point decoded once (canonical, never the identity). */
function decodeList(value: unknown, n: number, w: number, what: string): DecodedList {
  const hex: MixBallot[] = [];
  const points: Cipher[][] = [];
  parseArray(value, n, what).forEach((ballot, i) => {
    const row: Ciphertext[] = [];
    const decoded: Cipher[] = [];
    parseArray(ballot, w, `${what}, ballot ${i + 1}`).forEach((c, k) => {
      const where = `${what}, ballot ${i + 1}, position ${k}`;
      const record = parseObject(c, ['alpha', 'beta'], where);
      decoded.push({
        alpha: parsePoint(record['alpha'], `${where}, alpha`),
        beta: parsePoint(record['beta'], `${where}, beta`),
      });
      row.push({ alpha: record['alpha'] as string, beta: record['beta'] as string });
    });
    hex.push(row);
    points.push(decoded);
  });
  return { hex, points };
}

/** Cuts 0..n−1 into at most `parts` contiguous [from, to) slices of nearly equal size. */
export function slicesOf(n: number, parts: number): [number, number][] {
  const size = Math.ceil(n / Math.max(1, Math.min(parts, n)));
  const out: [number, number][] = [];
  for (let from = 0; from < n; from += size) out.push([from, Math.min(n, from + size)]);
  return out;
}

/**
 * The shuffle as steps: it yields the slices' jobs twice (the re-encryptions, then the chain) and
 * takes their answers, in order, so that one body serves the in-thread shuffle and the one spread
 * over worker threads. Every secret is drawn here, from `random`, in one order, so a seeded
 * source pins the whole shuffle however many slices run it.
 */
export function* shuffleSteps(
  random: Random,
  ctx: string,
  electionKey: string,
  input: readonly MixBallot[],
  parts = 1,
): Generator<ShuffleJob[], Shuffled, ShuffleAnswer[]> {
  const n = Array.isArray(input) ? input.length : 0;
  if (n < 1) throw refuse('there are no ballots to shuffle');
  const w = Array.isArray(input[0]) ? input[0].length : 0;
  if (w < 1) throw refuse('a ballot has no ciphertexts');
  parsePoint(electionKey, 'the election key');
  const slices = slicesOf(n, parts);

  // GenShuffle: output i is input ψ(i) re-encrypted, column by column, with randomness r̃_{i,k};
  // GenPermutationCommitment: c_{ψ(i)} = r_{ψ(i)}·G + h_i.
  const psi = randomPermutation(random, n);
  const rTilde = psi.map(() => Array.from({ length: w }, () => randomScalar(random)));
  const rCommit = psi.map(() => randomScalar(random));
  const rHat = psi.map(() => randomScalar(random));
  const omega1 = randomScalar(random);
  const omega2 = randomScalar(random);
  const omega3 = randomScalar(random);
  const omega4 = Array.from({ length: w }, () => randomScalar(random));
  const omegaHat = psi.map(() => randomScalar(random));
  const omegaPrime = psi.map(() => randomScalar(random));

  const first = (yield slices.map(([from, to]): ShuffleJob => ({
    kind: 'reencrypt',
    electionKey,
    from,
    inputs: psi.slice(from, to).map((j) => input[j]),
    sources: psi.slice(from, to),
    rTilde: rTilde.slice(from, to),
    rCommit: psi.slice(from, to).map((j) => rCommit[j]!),
    omegaPrime: omegaPrime.slice(from, to),
  }))) as ReEncryptAnswer[];
  const outputHex = first.flatMap((a) => a.ballots);
  const commitments = new Array<string>(n);
  first.forEach((a, s) =>
    a.commitments.forEach((c, k) => (commitments[psi[slices[s]![0] + k]!] = c)),
  );
  const inputHex = input.map((b) => b.map((c) => ({ alpha: c.alpha, beta: c.beta })));

  const d = statementDigest(ctx, electionKey, inputHex, outputHex, commitments);
  const u = challengesOf(d, n);
  const uPrime = psi.map((j) => u[j]!);

  // GenCommitmentChain, unrolled (shuffle-slices.ts ChainJob): ĉ_i = a_i·G + b_i·h_0.
  const a = [0n];
  const b = [1n];
  for (let i = 0; i < n; i++) {
    a.push(mod(rHat[i]! + uPrime[i]! * a[i]!));
    b.push(mod(uPrime[i]! * b[i]!));
  }
  const second = (yield slices.map(([from, to]): ShuffleJob => ({
    kind: 'chain',
    a: a.slice(from, to + 1),
    b: b.slice(from, to + 1),
    omegaHat: omegaHat.slice(from, to),
    omegaPrime: omegaPrime.slice(from, to),
  }))) as ChainAnswer[];
  const chain = second.flatMap((x) => x.chain);
  const tHat = second.flatMap((x) => x.tHat);

  const sumOf = (hexes: readonly string[]) =>
    hexes.reduce((acc, x) => acc.add(Point.fromHex(x)), Point.ZERO);
  const t1 = G.multiply(omega1).toHex();
  const t2 = G.multiply(omega2).toHex();
  const t3 = G.multiply(omega3)
    .add(sumOf(first.map((x) => x.t3)))
    .toHex();
  const yPoint = Point.fromHex(electionKey);
  const t4 = omega4.map((o, k) => ({
    alpha: sumOf(first.map((x) => x.t4[k]!.alpha))
      .subtract(G.multiply(o))
      .toHex(),
    beta: sumOf(first.map((x) => x.t4[k]!.beta))
      .subtract(yPoint.multiply(o))
      .toHex(),
  }));

  const c = finalChallenge(d, chain, t1, t2, t3, t4, tHat);

  // v_N = 1, v_{i−1} = u'_i·v_i.
  const v = new Array<bigint>(n);
  v[n - 1] = 1n;
  for (let i = n - 1; i > 0; i--) v[i - 1] = mod(uPrime[i]! * v[i]!);
  const rBar = rCommit.reduce((s, r) => s + r, 0n);
  const rHatSum = rHat.reduce((s, r, i) => s + r * v[i]!, 0n);
  const rU = rCommit.reduce((s, r, j) => s + r * u[j]!, 0n);
  const rTildeSum = Array.from({ length: w }, (_, k) =>
    rTilde.reduce((s, rs, i) => s + rs[k]! * uPrime[i]!, 0n),
  );
  return {
    ballots: outputHex,
    proof: {
      commitments,
      chain,
      challenge: scalarToHex(c),
      s1: scalarToHex(mod(omega1 - c * rBar)),
      s2: scalarToHex(mod(omega2 - c * rHatSum)),
      s3: scalarToHex(mod(omega3 - c * rU)),
      s4: omega4.map((o, k) => scalarToHex(mod(o - c * rTildeSum[k]!))),
      sHat: omegaHat.map((o, i) => scalarToHex(mod(o - c * rHat[i]!))),
      sPrime: omegaPrime.map((o, i) => scalarToHex(mod(o - c * uPrime[i]!))),
    },
  };
}

/** Drives shuffleSteps with every slice run in this thread. */
function runHere<T>(steps: Generator<ShuffleJob[], T, ShuffleAnswer[]>): T {
  let step = steps.next();
  while (!step.done) step = steps.next(step.value.map(runShuffleJob));
  return step.value;
}

/** Runs the jobs of a step somewhere (worker threads), answering in the jobs' order. */
export type ShuffleRunner = (jobs: ShuffleJob[]) => Promise<ShuffleAnswer[]>;

/** Drives shuffleSteps with a runner (the trustee's command gives one of worker threads). */
export async function runShuffleSteps<T>(
  steps: Generator<ShuffleJob[], T, ShuffleAnswer[]>,
  run: ShuffleRunner,
): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await run(step.value));
  return step.value;
}

/** shuffleBallots with a given source of randomness (tests pin a shuffle with a seeded one). */
export function shuffleBallotsWith(
  random: Random,
  ctx: string,
  electionKey: string,
  input: readonly MixBallot[],
): Shuffled {
  return runHere(shuffleSteps(random, ctx, electionKey, input));
}

/**
 * On a trustee's machine: shuffles the ballots under the election key and proves it, bound to
 * `ctx` (docs/mixnet-protocol.md section 4: the open event's hash and the trustee's index).
 */
export function shuffleBallots(
  ctx: string,
  electionKey: string,
  input: readonly MixBallot[],
): Shuffled {
  return shuffleBallotsWith(systemRandom, ctx, electionKey, input);
}

/**
 * CheckShuffleProof (section 3.5): throws PROOF_REFUSED unless `output` is a re-encryption of a
 * permutation of `input` under `electionKey`, by `proof`, for `ctx`. `input` has been checked
 * already (the cast ballots, or the previous shuffle's output); `output` and `proof` are parsed
 * here from untrusted JSON.
 */
export function checkShuffle(
  ctx: string,
  electionKey: string,
  input: readonly MixBallot[],
  output: unknown,
  proof: unknown,
): void {
  const n = input.length;
  if (n < 1) throw refuse('there are no ballots to shuffle');
  const w = input[0]!.length;
  const { hex: inputHex, points: e } = decodeList(input, n, w, 'the input');
  const { hex: outputHex, points: out } = decodeList(output, n, w, 'the shuffled ballots');
  const y = parsePoint(electionKey, 'the election key');
  const p = parseObject(
    proof,
    ['commitments', 'chain', 'challenge', 's1', 's2', 's3', 's4', 'sHat', 'sPrime'],
    'the shuffle proof',
  );
  const points = (key: string) =>
    parseArray(p[key], n, `the shuffle proof, ${key}`).map((x, i) =>
      parsePoint(x, `the shuffle proof, ${key} ${i + 1}`),
    );
  const scalars = (key: string, length: number) =>
    parseArray(p[key], length, `the shuffle proof, ${key}`).map((x, i) =>
      parseScalar(x, `the shuffle proof, ${key} ${i + 1}`),
    );
  const commitments = points('commitments');
  const chain = points('chain');
  const c = parseScalar(p['challenge'], 'the shuffle proof, challenge');
  const s1 = parseScalar(p['s1'], 'the shuffle proof, s1');
  const s2 = parseScalar(p['s2'], 'the shuffle proof, s2');
  const s3 = parseScalar(p['s3'], 'the shuffle proof, s3');
  const s4 = scalars('s4', w);
  const sHat = scalars('sHat', n);
  const sPrime = scalars('sPrime', n);

  const h = generators(n);
  // The points parsed are canonical, so the strings received are their encodings.
  const commitmentHex = p['commitments'] as string[];
  const chainHex = p['chain'] as string[];
  const d = statementDigest(ctx, electionKey, inputHex, outputHex, commitmentHex);
  const u = challengesOf(d, n);

  const sumC = commitments.reduce((s, x) => s.add(x), Point.ZERO);
  const sumH = h.slice(1).reduce((s, x) => s.add(x), Point.ZERO);
  const t1 = sumC.subtract(sumH).multiplyUnsafe(c).add(gMul(s1));
  const uProduct = u.reduce((s, x) => mod(s * x), 1n);
  const t2 = chain[n - 1]!.subtract(h[0]!.multiplyUnsafe(uProduct)).multiplyUnsafe(c).add(gMul(s2));
  const cu = u.map((x) => mod(c * x));
  // Every sum over the ballots weighs input j by c·u_j and output i by s'_i: one recoding.
  const both = sharedScalars([...cu, ...sPrime]);
  const t3 = both([...commitments, ...h.slice(1)]).add(gMul(s3));
  const t4 = s4.map((s, k) => ({
    alpha: both([...e.map((b) => b[k]!.alpha), ...out.map((b) => b[k]!.alpha)])
      .subtract(gMul(s))
      .toHex(),
    beta: both([...e.map((b) => b[k]!.beta), ...out.map((b) => b[k]!.beta)])
      .subtract(y.multiplyUnsafe(s))
      .toHex(),
  }));
  const chainAll = [h[0]!, ...chain];
  const tHat = chain.map((ci, i) => msm([ci, G, chainAll[i]!], [c, sHat[i]!, sPrime[i]!]).toHex());
  const expected = finalChallenge(d, chainHex, t1.toHex(), t2.toHex(), t3.toHex(), t4, tHat);
  if (expected !== c) throw refuse('the proof of the shuffle does not hold');
}
