/**
 * The expensive half of checking a board: every ballot's points and proofs (docs/e2e-protocol.md
 * section 5.6) and its weighted contribution to the total (section 5.8). It takes plain JSON and
 * answers plain JSON, so that the CLI can split the ballots between worker threads and a page can
 * run it in a Web Worker; the cheap, ordered half (chain, electorate, trackers) is in board.ts.
 */
import { RistrettoPoint, IDENTITY, Refusal, hexOf, mul, point, type Pt } from './group.ts';
import { checkRange, parseProof, type Key } from './proofs.ts';
import { ciphertextShape, list, object, pseudonym } from './shape.ts';

/** What every ballot is checked against. */
export interface BallotContext {
  readonly openHash: string;
  readonly electionKey: string;
  readonly choices: number;
  readonly min: number;
  readonly max: number;
}

export interface BallotItem {
  /** The event's position on the board, to name it. */
  readonly index: number;
  readonly weight: number;
  /** The `ballot` of the event's payload, as it is on the board. */
  readonly ballot: unknown;
}

export interface BallotsChecked {
  /** The first ballot (in board order) that fails, or null. */
  readonly failure: { readonly index: number; readonly reason: string } | null;
  /** Σ weight·choices[k] over the ballots checked before any failure: encoded, identity allowed. */
  readonly totals: readonly { readonly alpha: string; readonly beta: string }[];
}

/**
 * The ballot's shape (exact keys, lengths) without decoding anything: the ordered pass does it
 * for every ballot so that a malformed one is named in board order.
 */
export function ballotShape(v: unknown, context: Pick<BallotContext, 'choices' | 'min' | 'max'>) {
  const b = object(v, ['pseudonym', 'choices', 'individual', 'overall'], 'the ballot');
  const who = pseudonym(b.pseudonym, "the ballot's pseudonym");
  list(b.choices, "the ballot's choices", context.choices).forEach((c, k) =>
    ciphertextShape(c, `choice ${k}`),
  );
  list(b.individual, "the ballot's individual proofs", context.choices).forEach((p, k) =>
    list(p, `the proof of choice ${k}`, 2),
  );
  list(b.overall, 'the overall proof', context.max - context.min + 1);
  return who;
}

/** Decodes a point carried between threads: canonical, identity allowed (a partial sum). */
export const decodeSum = (hex: string): Pt =>
  /^0{64}$/.test(hex) ? IDENTITY : RistrettoPoint.fromHex(hex);

/** Checks one ballot's every encoding and proof; returns its ciphertexts. */
export function checkOneBallot(
  context: BallotContext,
  y: Key,
  raw: unknown,
): { alpha: Pt; beta: Pt }[] {
  const b = raw as {
    pseudonym: string;
    choices: { alpha: string; beta: string }[];
    individual: unknown[][];
    overall: unknown[];
  };
  const who = b.pseudonym;
  const cts = b.choices.map((c, k) => ({
    alpha: point(c.alpha, `choice ${k}: alpha`),
    beta: point(c.beta, `choice ${k}: beta`),
  }));
  cts.forEach((c, k) => {
    const proofs = b.individual[k]!.map((p, i) => parseProof(p, `choice ${k}: proof ${i}`));
    const ctx = `${context.openHash}|${who}|${k}`;
    if (
      !checkRange(
        'individual',
        ctx,
        y,
        c.alpha,
        b.choices[k]!.alpha,
        c.beta,
        b.choices[k]!.beta,
        0,
        proofs,
      )
    )
      throw new Refusal(`choice ${k}: the proof that it is 0 or 1 does not hold`);
  });
  const overall = b.overall.map((p, i) => parseProof(p, `the overall proof ${i}`));
  const alpha = cts.reduce((s, c) => s.add(c.alpha), IDENTITY);
  const beta = cts.reduce((s, c) => s.add(c.beta), IDENTITY);
  // The sum of the choices may be the identity (a sum of ciphertexts is not a board encoding);
  // the proof then fails on its own if the ballot is dishonest.
  const ok = checkRange(
    'overall',
    `${context.openHash}|${who}`,
    y,
    alpha,
    hexOf(alpha),
    beta,
    hexOf(beta),
    context.min,
    overall,
  );
  if (!ok)
    throw new Refusal(
      `the overall proof that the choices add up to ${context.min === context.max ? context.min : `${context.min}..${context.max}`} does not hold`,
    );
  return cts;
}

/** The election key with a table of its multiples: every ballot multiplies by it. */
export function electionKey(hex: string): Key {
  const p = RistrettoPoint.fromHex(hex);
  p.precompute(8, false);
  return { p, hex };
}

/** Checks ballots one at a time and keeps their weighted sums. */
function summing(context: BallotContext) {
  const y = electionKey(context.electionKey);
  const sums = Array.from({ length: context.choices }, () => ({ alpha: IDENTITY, beta: IDENTITY }));
  return {
    /** The reason the ballot fails, or null when it holds (then it is added to the sums). */
    add(item: BallotItem): string | null {
      try {
        const cts = checkOneBallot(context, y, item.ballot);
        const w = BigInt(item.weight);
        cts.forEach((c, k) => {
          const s = sums[k]!;
          s.alpha = s.alpha.add(w === 1n ? c.alpha : mul(c.alpha, w));
          s.beta = s.beta.add(w === 1n ? c.beta : mul(c.beta, w));
        });
        return null;
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        return e.message;
      }
    },
    totals: () => sums.map((s) => ({ alpha: hexOf(s.alpha), beta: hexOf(s.beta) })),
  };
}

/**
 * Checks the ballots in order, stopping at the first that fails, and sums the weighted
 * ciphertexts of those that pass. `onProgress` is called every few ballots with the count done.
 */
export function checkBallots(
  context: BallotContext,
  items: readonly BallotItem[],
  onProgress?: (done: number) => void,
): BallotsChecked {
  const run = summing(context);
  for (let i = 0; i < items.length; i++) {
    const reason = run.add(items[i]!);
    if (reason !== null)
      return { failure: { index: items[i]!.index, reason }, totals: run.totals() };
    if (onProgress && (i + 1) % 64 === 0) onProgress(i + 1);
  }
  onProgress?.(items.length);
  return { failure: null, totals: run.totals() };
}

/**
 * The same, giving the event loop a turn every few ballots, so that a page running it on its
 * main thread can still draw its progress (a Web Worker is better still).
 */
export async function checkBallotsYielding(
  context: BallotContext,
  items: readonly BallotItem[],
  onProgress?: (done: number) => void,
): Promise<BallotsChecked> {
  const run = summing(context);
  for (let i = 0; i < items.length; i++) {
    const reason = run.add(items[i]!);
    if (reason !== null)
      return { failure: { index: items[i]!.index, reason }, totals: run.totals() };
    if ((i + 1) % 16 === 0) {
      onProgress?.(i + 1);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  onProgress?.(items.length);
  return { failure: null, totals: run.totals() };
}
