/**
 * The count of a ranked ballot (docs/mixnet-protocol.md section 4): each of `t` trustees
 * decrypts every ciphertext of the last shuffle's output with its share, each factor proved by
 * Chaum–Pedersen equal logarithms against its verification key (tag `decrypt`,
 * ctx = shuffleHash|j|i|k), and the factors of the first `t` are combined with Lagrange
 * coefficients at 0 (Shamir 1979, as count.ts does for totals) into each ballot's plaintexts
 * m_{i,k}, found in a table of 0·G … C·G. Pure and browser-usable.
 */
import type { Proof } from './proofs.ts';
import { checkEqualLogs, parseProof, proveEqualLogs } from './proofs.ts';
import { lagrangeAtZero } from './count.ts';
import {
  type GroupPoint,
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
import type { MixBallot } from './shuffle.ts';

/** Section 4, `partial-decryption` of a ranked ballot: factors and proofs per ballot, per position. */
export interface MixDecryptionPayload {
  readonly trustee: number;
  readonly factors: readonly (readonly string[])[];
  readonly proofs: readonly (readonly Proof[])[];
}

interface Cipher {
  readonly alpha: GroupPoint;
  readonly beta: GroupPoint;
}

function decodeList(ballots: readonly MixBallot[], from = 0): Cipher[][] {
  return ballots.map((b, i) =>
    b.map((c, k) => {
      const what = `ballot ${from + i + 1} of the last shuffle, preference ${k + 1}`;
      const r = parseObject(c, ['alpha', 'beta'], what);
      return {
        alpha: parsePoint(r['alpha'], `${what}, alpha`),
        beta: parsePoint(r['beta'], `${what}, beta`),
      };
    }),
  );
}

/** The proof's place: the last shuffle's hash, the trustee, the ballot and position (from 0). */
const decryptCtx = (shuffleHash: string, trustee: number, i: number, k: number) =>
  `${shuffleHash}|${trustee}|${i}|${k}`;

export function partialDecryptMixWith(
  random: Random,
  shuffleHash: string,
  trustee: number,
  share: string,
  ballots: readonly MixBallot[],
): MixDecryptionPayload {
  const { factors, proofs } = partialDecryptMixRange(
    random,
    shuffleHash,
    trustee,
    share,
    ballots,
    0,
    ballots.length,
  );
  return { trustee, factors, proofs };
}

/**
 * The factors and proofs of ballots `from` to `to` (exclusive) of the last shuffle's output, each
 * proof bound to the ballot's place in the whole list: a device that decrypts in slices (the key
 * holder's page, to show its progress) joins them into the same payload as one call would.
 */
export function partialDecryptMixRange(
  random: Random,
  shuffleHash: string,
  trustee: number,
  share: string,
  ballots: readonly MixBallot[],
  from: number,
  to: number,
): Pick<MixDecryptionPayload, 'factors' | 'proofs'> {
  return partialDecryptMixAt(random, shuffleHash, trustee, share, ballots.slice(from, to), from);
}

/**
 * The factors and proofs of `slice`, which is ballots `from` onwards of the last shuffle's output:
 * what partialDecryptMixRange computes, for a worker thread sent only its slice of the list
 * (`seconded trustee decrypt`).
 */
export function partialDecryptMixAt(
  random: Random,
  shuffleHash: string,
  trustee: number,
  share: string,
  slice: readonly MixBallot[],
  from: number,
): Pick<MixDecryptionPayload, 'factors' | 'proofs'> {
  parseHashHex(shuffleHash, 'the last shuffle');
  const s = parseSecret(share, 'the trustee’s share');
  const cs = decodeList(slice, from);
  return {
    factors: cs.map((b) => b.map(({ alpha }) => alpha.multiply(s).toHex())),
    proofs: cs.map((b, i) =>
      b.map(({ alpha }, k) =>
        proveEqualLogs(random, decryptCtx(shuffleHash, trustee, from + i, k), s, alpha),
      ),
    ),
  };
}

/** On trustee `trustee`'s device: its factor of every shuffled ciphertext, each with its proof. */
export function partialDecryptMix(
  shuffleHash: string,
  trustee: number,
  share: string,
  ballots: readonly MixBallot[],
): MixDecryptionPayload {
  return partialDecryptMixWith(systemRandom, shuffleHash, trustee, share, ballots);
}

/**
 * On the server and in a verifier: every factor's proof of equal logarithms with the trustee's
 * verification key (looked up by the number the payload names, to which the proofs are bound).
 * Refuses naming the ballot and position whose proof fails. `ballots` may be a slice of the last
 * shuffle's output, ballots `from` onwards, with the payload's rows of that slice: the server
 * checks a large decryption in slices on its worker threads (app/ballots/step-checks.ts), each
 * proof bound to its ballot's place in the whole list as one call would check it.
 */
export function checkMixDecryption(
  shuffleHash: string,
  verificationKey: string,
  ballots: readonly MixBallot[],
  payload: unknown,
  from = 0,
): MixDecryptionPayload {
  parseHashHex(shuffleHash, 'the last shuffle');
  const h = parsePoint(verificationKey, 'the trustee’s verification key');
  const cs = decodeList(ballots, from);
  const record = parseObject(payload, ['trustee', 'factors', 'proofs'], 'the partial decryption');
  const trustee = parseInteger(record['trustee'], 'the trustee’s number', 1);
  const what = `the partial decryption of trustee ${trustee}`;
  const rows = (key: string) => parseArray(record[key], cs.length, `${what}, ${key}`);
  const factorRows = rows('factors');
  const proofRows = rows('proofs');
  cs.forEach((b, i) => {
    const at = `${what}, ballot ${from + i + 1}`;
    const factors = parseArray(factorRows[i], b.length, `${at}, factors`);
    const proofs = parseArray(proofRows[i], b.length, `${at}, proofs`);
    b.forEach(({ alpha }, k) => {
      const where = `${at}, preference ${k + 1}`;
      const d = parsePoint(factors[k], `${where}, factor`);
      checkEqualLogs(
        decryptCtx(shuffleHash, trustee, from + i, k),
        h,
        alpha,
        d,
        parseProof(proofs[k], `${where}, proof`),
        where,
      );
    });
  });
  return {
    trustee,
    factors: (factorRows as string[][]).map((r) => [...r]),
    proofs: (proofRows as Proof[][]).map((r) =>
      r.map((p) => ({ challenge: p.challenge, response: p.response })),
    ),
  };
}

/**
 * Section 4, `result`: combines the first `needed` checked partial decryptions (board order) and
 * reads each m_{i,k} from the table 0·G … C·G; refuses a plaintext outside [0, C] (which checked
 * range proofs and shuffles make impossible) naming its ballot and position.
 */
export function combineRankings(
  ballots: readonly MixBallot[],
  partials: readonly MixDecryptionPayload[],
  needed: number,
  candidates: number,
): { plaintexts: number[][]; trustees: number[] } {
  const chosen = partials.slice(0, needed);
  const trustees = chosen.map((p) => p.trustee);
  if (chosen.length < needed || new Set(trustees).size !== trustees.length) {
    throw refuse(`the count needs partial decryptions from ${needed} different trustees`);
  }
  const lambdas = trustees.map((j) => lagrangeAtZero(j, trustees));
  const table = new Map<string, number>();
  let point = Point.ZERO;
  for (let m = 0; m <= candidates; m++, point = point.add(gMul(1n))) table.set(point.toHex(), m);
  const cs = decodeList(ballots);
  const plaintexts = cs.map((b, i) =>
    b.map(({ beta }, k) => {
      const factors = chosen.map((p) =>
        parsePoint(p.factors[i]?.[k], `the factor of trustee ${p.trustee}, ballot ${i + 1}`),
      );
      const m = table.get(beta.subtract(msm(factors, lambdas)).toHex());
      if (m === undefined) {
        throw refuse(
          `ballot ${i + 1}, preference ${k + 1}: it decrypts to no candidate from 0 to ${candidates}`,
        );
      }
      return m;
    }),
  );
  return { plaintexts, trustees };
}
