import { parseArray, parseObject, parsePoint, parseScalar, refuse } from './group.ts';
import { parseProof } from './proofs.ts';

/*
 * A shuffle or a ranked decryption handed in in parts (docs/mixnet-protocol.md section 6): the
 * lists as long as the ballots are cut into slices of ballots, and the few fields of fixed size
 * (the trustee's number, the shuffle's challenge and scalars) go with the completion. A part is
 * checked for shape and canonical encodings when it arrives; the proof is checked on the whole,
 * exactly as when it comes in one body.
 */

/**
 * Sealed preferences (ballots × positions) a part may hold: about 9 MB of JSON for a shuffle
 * and 11 MB for a decryption, well under the API's 64 MB body limit.
 */
export const MAX_PART_PREFERENCES = 50_000;

export type UploadStep = 'shuffle' | 'decryption';

/** The lists, per ballot, that are cut into parts, and the fields that come with the completion. */
const LISTS = {
  shuffle: ['ballots', 'commitments', 'chain', 'sHat', 'sPrime'],
  decryption: ['factors', 'proofs'],
} as const;
const HEAD = {
  shuffle: ['trustee', 'challenge', 's1', 's2', 's3', 's4'],
  decryption: ['trustee'],
} as const;

/** How many ballots a part holds: as asked, at most MAX_PART_PREFERENCES / w, at least one. */
export function partBallotsFor(w: number, asked?: number): number {
  const most = Math.max(1, Math.floor(MAX_PART_PREFERENCES / Math.max(1, w)));
  return asked === undefined ? most : Math.max(1, Math.min(most, Math.floor(asked)));
}

/** The ballots part `part` (from 0) covers. */
export function partRange(ballots: number, partBallots: number, part: number): [number, number] {
  return [part * partBallots, Math.min(ballots, (part + 1) * partBallots)];
}

export const partsOf = (ballots: number, partBallots: number) =>
  Math.max(1, Math.ceil(ballots / partBallots));

const ciphertexts = (value: unknown, w: number, what: string) =>
  parseArray(value, w, what).forEach((c, k) => {
    const r = parseObject(c, ['alpha', 'beta'], `${what}, preference ${k + 1}`);
    parsePoint(r['alpha'], `${what}, preference ${k + 1}, alpha`);
    parsePoint(r['beta'], `${what}, preference ${k + 1}, beta`);
  });

/** What each list's items must be, for ballot `at` (numbered from 1 in the whole list). */
const ITEM: Record<string, (value: unknown, w: number, what: string) => void> = {
  ballots: ciphertexts,
  commitments: (v, _w, what) => parsePoint(v, what),
  chain: (v, _w, what) => parsePoint(v, what),
  sHat: (v, _w, what) => parseScalar(v, what),
  sPrime: (v, _w, what) => parseScalar(v, what),
  factors: (v, w, what) =>
    parseArray(v, w, what).forEach((d, k) => parsePoint(d, `${what} ${k + 1}`)),
  proofs: (v, w, what) =>
    parseArray(v, w, what).forEach((p, k) => parseProof(p, `${what}, preference ${k + 1}`)),
};

/**
 * Checks part `part` of a step's upload: exactly the lists of the step, each as long as the
 * part's ballots, every point and scalar canonical. Refuses (PROOF_REFUSED) naming the ballot
 * by its place in the whole list.
 */
export function checkPart(
  step: UploadStep,
  value: unknown,
  w: number,
  [from, to]: [number, number],
): Record<string, unknown[]> {
  const record = parseObject(value, LISTS[step], `part of the ${step}`);
  for (const key of LISTS[step]) {
    const items = parseArray(record[key], to - from, `part of the ${step}, ${key}`);
    items.forEach((item, i) => ITEM[key]!(item, w, `${key}, ballot ${from + i + 1}`));
  }
  return record as Record<string, unknown[]>;
}

/**
 * The whole payload from its parts (in order) and the completion's fields, in the shape one
 * body has (section 4): the use case then checks it as it checks one body.
 */
export function assemble(
  step: UploadStep,
  head: unknown,
  parts: readonly Record<string, unknown[]>[],
): Record<string, unknown> {
  const h = parseObject(head, HEAD[step], `the ${step}'s completion`);
  const lists = Object.fromEntries(LISTS[step].map((key) => [key, parts.flatMap((p) => p[key]!)]));
  if (step === 'decryption') return { trustee: h['trustee'], ...lists };
  const { ballots, ...proofLists } = lists;
  const { trustee, ...scalars } = h;
  return { trustee, ballots, proof: { ...proofLists, ...scalars } };
}

/**
 * Cuts a whole payload (one body's shape) into the completion's fields and parts of
 * `partBallots` ballots: what `seconded trustee shuffle|decrypt --submit` and the key holder's
 * page send.
 */
export function splitPayload(
  step: UploadStep,
  payload: Record<string, unknown>,
  partBallots: number,
): { head: Record<string, unknown>; parts: Record<string, unknown[]>[]; ballots: number } {
  const flat: Record<string, unknown> =
    step === 'shuffle'
      ? {
          trustee: payload['trustee'],
          ballots: payload['ballots'],
          ...(payload['proof'] as object),
        }
      : payload;
  const lists = LISTS[step].map((key) => {
    const list = flat[key];
    if (!Array.isArray(list)) throw refuse(`the ${step}: ${key} is not a list`);
    return [key, list] as const;
  });
  const ballots = lists[0]![1].length;
  const parts = Array.from({ length: partsOf(ballots, partBallots) }, (_, p) => {
    const [from, to] = partRange(ballots, partBallots, p);
    return Object.fromEntries(lists.map(([key, list]) => [key, list.slice(from, to)]));
  });
  const head = Object.fromEntries(HEAD[step].map((key) => [key, flat[key]]));
  return { head, parts, ballots };
}
