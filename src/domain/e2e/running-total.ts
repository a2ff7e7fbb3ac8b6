/**
 * The weighted total of section 5 step 8, kept as the ballots are cast instead of computed at the
 * close: the sum is associative, so adding each ballot's weighted ciphertexts as it is cast gives
 * the same total (every voter casts once: a second ballot is refused, so no ballot is ever taken
 * out of it). The close then only encodes it, however many voted.
 *
 * Kept between casts in extended Edwards coordinates (X:Y:Z:T, Hisil, Wong, Carter and Dawson,
 * "Twisted Edwards curves revisited", ASIACRYPT 2008) of each sum's internal representative:
 * reading and writing them costs no square root or inversion, where a canonical ristretto255
 * encoding costs one of each (RFC 9496 §4.3.2, §4.3.1). These coordinates are the server's own
 * bookkeeping, never put on the board: `totalOf` gives the canonical encodings the protocol
 * writes. Everything in them is public (a sum of the board's ciphertexts).
 */
import type { BallotShape, Ciphertext, EncryptedBallot } from './ballot.ts';
import { type GroupPoint, parsePoint, Point, refuse } from './group.ts';
import { ed25519 } from '@noble/curves/ed25519.js';

/** A ballot's ciphertexts decoded and multiplied by its weight: what a cast adds to the total. */
export type BallotTerms = readonly { readonly alpha: GroupPoint; readonly beta: GroupPoint }[];

/**
 * Decodes a checked ballot's ciphertexts and multiplies them by the voter's weight (run before
 * the cast's transaction: decoding is most of the work).
 */
export function ballotTerms(
  shape: BallotShape,
  ballot: EncryptedBallot,
  weight: number,
): BallotTerms {
  if (!Number.isSafeInteger(weight) || weight < 1)
    throw refuse('a weight is not a whole number of at least 1');
  if (ballot.choices.length !== shape.choices) throw refuse('the ballot has the wrong shape');
  const w = BigInt(weight);
  return ballot.choices.map((c, k) => {
    const alpha = parsePoint(c.alpha, `choice ${k + 1}, alpha`);
    const beta = parsePoint(c.beta, `choice ${k + 1}, beta`);
    return w === 1n
      ? { alpha, beta }
      : { alpha: alpha.multiplyUnsafe(w), beta: beta.multiplyUnsafe(w) };
  });
}

/** The internal Edwards point of a ristretto255 element (protected in @noble/curves' types). */
type Extended = { X: bigint; Y: bigint; Z: bigint; T: bigint };
const edwardsOf = (p: GroupPoint) => (p as unknown as { ep: Extended }).ep;

const writePoint = (p: GroupPoint) => {
  const { X, Y, Z, T } = edwardsOf(p);
  return [X, Y, Z, T].map((v) => v.toString(16)).join(':');
};

function readPoint(text: unknown): GroupPoint {
  const parts = typeof text === 'string' ? text.split(':') : [];
  if (parts.length !== 4 || parts.some((p) => !/^[0-9a-f]{1,64}$/.test(p)))
    throw new Error('the running total is not four coordinates');
  const [X, Y, Z, T] = parts.map((p) => BigInt(`0x${p}`)) as [bigint, bigint, bigint, bigint];
  const ep = new ed25519.Point(X, Y, Z, T);
  // Our own row, but checked all the same: a point off the curve would poison the total.
  ep.assertValidity();
  return new Point(ep);
}

/**
 * The running total (null before the first ballot) with one more ballot's terms added, as
 * stored: a JSON list, per choice, of α and β in extended coordinates.
 */
export function addToTotal(stored: string | null, terms: BallotTerms): string {
  const before = stored === null ? null : (JSON.parse(stored) as [string, string][]);
  if (before && before.length !== terms.length)
    throw new Error('the running total has another number of choices than the ballot');
  return JSON.stringify(
    terms.map(({ alpha, beta }, k) =>
      before
        ? [
            writePoint(readPoint(before[k]![0]).add(alpha)),
            writePoint(readPoint(before[k]![1]).add(beta)),
          ]
        : [writePoint(alpha), writePoint(beta)],
    ),
  );
}

/** The `total` event's ciphertexts (section 5 step 8), canonically encoded; never the identity. */
export function totalOf(stored: string): Ciphertext[] {
  return (JSON.parse(stored) as [string, string][]).map(([a, b], k) => {
    const alpha = readPoint(a);
    const beta = readPoint(b);
    if (alpha.is0() || beta.is0())
      throw refuse(`the total of choice ${k + 1} is the identity point`);
    return { alpha: alpha.toHex(), beta: beta.toHex() };
  });
}
