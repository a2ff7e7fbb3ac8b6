/**
 * The verifier's check of a re-encryption shuffle (docs/mixnet-protocol.md section 3.5, CHVote's
 * CheckShuffleProof: Haenni, Locher, Koenig, Dubuis, "Pseudo-code algorithms for verifiable
 * re-encryption mix-nets", FC 2017, after Terelius and Wikström, AFRICACRYPT 2010), written from
 * that page alone: nothing here comes from the server's code.
 *
 * Every sum over the N ballots is one multi-scalar multiplication (Pippenger's bucket method, as
 * @noble/curves implements it); the commitments t_• are recomputed and the challenge must be
 * their hash.
 */
import { mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
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
  type Pt,
} from './group.ts';
import { hashHex, list, object } from './shape.ts';

/** A ciphertext as written: two canonical points in hex. */
export interface CiphertextHex {
  readonly alpha: string;
  readonly beta: string;
}

interface Decoded {
  readonly hex: CiphertextHex[][];
  readonly alpha: Pt[][];
  readonly beta: Pt[][];
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

/** A list of N ballots of w ciphertexts each, every point canonical and not the identity. */
function ballots(v: unknown, what: string, n?: number, w?: number): Decoded {
  const items = list(v, what, n);
  if (items.length === 0) refuse(`${what} is empty`);
  const hex: CiphertextHex[][] = [];
  const alpha: Pt[][] = [];
  const beta: Pt[][] = [];
  items.forEach((b, i) => {
    const cs = list(b, `${what}, ballot ${i + 1}`, w ?? (i === 0 ? undefined : hex[0]!.length));
    if (cs.length === 0) refuse(`${what}, ballot ${i + 1} has no ciphertexts`);
    const row: CiphertextHex[] = [];
    const as: Pt[] = [];
    const bs: Pt[] = [];
    cs.forEach((c, k) => {
      const o = object(c, ['alpha', 'beta'], `${what}, ballot ${i + 1}, position ${k}`);
      as.push(point(o.alpha, `${what}, ballot ${i + 1}, position ${k}: alpha`));
      bs.push(point(o.beta, `${what}, ballot ${i + 1}, position ${k}: beta`));
      row.push({ alpha: o.alpha as string, beta: o.beta as string });
    });
    hex.push(row);
    alpha.push(as);
    beta.push(bs);
  });
  return { hex, alpha, beta };
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
  const y = point(electionKey, 'the election key');
  const e = ballots(input, 'the ballots shuffled');
  const n = e.hex.length;
  const w = e.hex[0]!.length;
  const o = ballots(output, 'the shuffled ballots', n, w);
  const p = object(
    proof,
    ['commitments', 'chain', 'challenge', 's1', 's2', 's3', 's4', 'sHat', 'sPrime'],
    'the shuffle proof',
  );
  const pointsOf = (key: string): { pts: Pt[]; hex: string[] } => {
    const items = list(p[key], `the shuffle proof's ${key}`, n);
    return {
      pts: items.map((x, i) => point(x, `the shuffle proof's ${key} ${i + 1}`)),
      hex: items.map((x, i) => hashHex(x, `the shuffle proof's ${key} ${i + 1}`)),
    };
  };
  const scalarsOf = (key: string, length: number): bigint[] =>
    list(p[key], `the shuffle proof's ${key}`, length).map((x, i) =>
      scalar(x, `the shuffle proof's ${key} ${i + 1}`),
    );
  const commitments = pointsOf('commitments');
  const chain = pointsOf('chain');
  const c = scalar(p.challenge, "the shuffle proof's challenge");
  const s1 = scalar(p.s1, "the shuffle proof's s1");
  const s2 = scalar(p.s2, "the shuffle proof's s2");
  const s3 = scalar(p.s3, "the shuffle proof's s3");
  const s4 = scalarsOf('s4', w);
  const sHat = scalarsOf('sHat', n);
  const sPrime = scalarsOf('sPrime', n);

  // Section 3.3: D, then one challenge u_j per input ballot.
  const statement: string[] = [ctx, electionKey];
  for (const side of [e.hex, o.hex]) {
    for (const ballot of side) for (const ct of ballot) statement.push(ct.alpha, ct.beta);
  }
  statement.push(...commitments.hex);
  const d = bytesToHex(sha256(utf8ToBytes(statement.join('|'))));
  const u = Array.from({ length: n }, (_, j) => H('shuffle-u', [d, String(j + 1)]));

  const h = generatorsUpTo(n);
  const hs = h.slice(1);
  const mulG = (s: bigint) => (s === 0n ? IDENTITY : BASE.multiplyUnsafe(s));
  const times = (q: Pt, s: bigint) => (s === 0n || q.is0() ? IDENTITY : q.multiplyUnsafe(s));

  // t'_1 = c·(Σ c_j − Σ h_i) + s_1·G: the c_j commit to vectors whose entries add up as a
  // permutation matrix's rows do.
  const sumC = commitments.pts.reduce((a, q) => a.add(q), IDENTITY);
  const sumH = hs.reduce((a, q) => a.add(q), IDENTITY);
  const t1 = times(sumC.subtract(sumH), c).add(mulG(s1));
  // t'_2 = c·(ĉ_N − (Π u_j)·h_0) + s_2·G: the chain ends at the product of the challenges.
  const product = u.reduce((a, x) => modL(a * x), 1n);
  const t2 = times(chain.pts[n - 1]!.subtract(times(h[0]!, product)), c).add(mulG(s2));
  // t'_3 = c·Σ u_j·c_j + s_3·G + Σ s'_i·h_i.
  const cu = u.map((x) => modL(c * x));
  const t3 = sum([...commitments.pts, ...hs], [...cu, ...sPrime]).add(mulG(s3));
  // t'_{4,k}, per column: the output is the input, permuted and re-encrypted.
  const weights = [...cu, ...sPrime];
  const t4: string[] = [];
  for (let k = 0; k < w; k++) {
    const a = sum([...e.alpha.map((b) => b[k]!), ...o.alpha.map((b) => b[k]!)], weights).subtract(
      mulG(s4[k]!),
    );
    const b = sum([...e.beta.map((x) => x[k]!), ...o.beta.map((x) => x[k]!)], weights).subtract(
      times(y, s4[k]!),
    );
    t4.push(hexOf(a), hexOf(b));
  }
  // t̂'_i = c·ĉ_i + ŝ_i·G + s'_i·ĉ_{i−1}, with ĉ_0 = h_0.
  const tHat = chain.pts.map((ci, i) =>
    hexOf(sum([ci, BASE, i === 0 ? h[0]! : chain.pts[i - 1]!], [c, sHat[i]!, sPrime[i]!])),
  );
  const expected = H('shuffle', [d, ...chain.hex, hexOf(t1), hexOf(t2), hexOf(t3), ...t4, ...tHat]);
  if (expected !== c) refuse('the proof of the shuffle does not hold');
  return o.hex;
}
