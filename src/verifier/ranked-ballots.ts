/**
 * The expensive half of checking a ranked ballot's cast ballots (docs/mixnet-protocol.md
 * sections 1 and 2): each of a ballot's w ciphertexts must carry a disjunctive proof, tag `rank`,
 * ctx = openHash|pseudonym|k, that it encrypts one of 0..C. Plain JSON in and out, as
 * ballots.ts, so that a caller may split the ballots between threads.
 */
import { Refusal, point } from './group.ts';
import { electionKey } from './ballots.ts';
import { checkRange, parseProof } from './proofs.ts';
import { ciphertextShape, list, object, pseudonym } from './shape.ts';

/** What every ranked ballot is checked against. */
export interface RankedContext {
  readonly openHash: string;
  readonly electionKey: string;
  /** C: the candidates. */
  readonly candidates: number;
  /** w: the rank positions of a ballot. */
  readonly positions: number;
}

export interface RankedItem {
  /** The event's position on the board, to name it. */
  readonly index: number;
  /** The `ballot` of the event's payload, as it is on the board. */
  readonly ballot: unknown;
}

export interface RankedChecked {
  /** The first ballot (in board order) that fails, or null. */
  readonly failure: { readonly index: number; readonly reason: string } | null;
}

/** The shape of a ranked ballot (exact keys and lengths), before anything is decoded. */
export function rankedBallotShape(
  v: unknown,
  context: Pick<RankedContext, 'candidates' | 'positions'>,
): string {
  const b = object(v, ['pseudonym', 'choices', 'proofs'], 'the ballot');
  const who = pseudonym(b.pseudonym, "the ballot's pseudonym");
  list(b.choices, "the ballot's preferences", context.positions).forEach((c, k) =>
    ciphertextShape(c, `preference ${k + 1}`),
  );
  list(b.proofs, "the ballot's proofs", context.positions).forEach((p, k) =>
    list(p, `the proof of preference ${k + 1}`, context.candidates + 1),
  );
  return who;
}

/** Checks every ballot's range proofs in board order, stopping at the first that fails. */
export function checkRankedBallots(
  context: RankedContext,
  items: readonly RankedItem[],
  onProgress?: (done: number) => void,
): RankedChecked {
  const y = electionKey(context.electionKey);
  for (let i = 0; i < items.length; i++) {
    const b = items[i]!.ballot as {
      pseudonym: string;
      choices: { alpha: string; beta: string }[];
      proofs: unknown[][];
    };
    try {
      b.choices.forEach((c, k) => {
        const what = `preference ${k + 1}`;
        const proofs = b.proofs[k]!.map((p, m) => parseProof(p, `${what}: proof ${m}`));
        const alpha = point(c.alpha, `${what}: alpha`);
        const beta = point(c.beta, `${what}: beta`);
        const ctx = `${context.openHash}|${b.pseudonym}|${k}`;
        if (!checkRange('rank', ctx, y, alpha, c.alpha, beta, c.beta, 0, proofs))
          throw new Refusal(
            `${what}: the proof that it encrypts a candidate from 0 to ${context.candidates} does not hold`,
          );
      });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      return { failure: { index: items[i]!.index, reason: e.message } };
    }
    if (onProgress && (i + 1) % 16 === 0) onProgress(i + 1);
  }
  onProgress?.(items.length);
  return { failure: null };
}
