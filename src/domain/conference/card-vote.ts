import { DomainError, invalid } from '../errors.ts';
import { add, compare, mul, ratio, sum, ZERO, type Ratio } from './ratio.ts';
import type { Section } from './sections.ts';

/**
 * A card vote of conference, normalised by section.
 *
 * Labour Party Rule Book (2024), Chapter 3, Clause III (Procedural rules for Party conference):
 * votes are cast by card, each delegation's card carrying its membership; the affiliates' section
 * and the CLPs' section each hold 50 per cent of the vote, so within a section each delegation's
 * card counts in proportion to the section's total weight voting, and the section's share is
 * divided between for and against in those proportions. Chapter 4 / Chapter 3 Clause III.2: a
 * change to the rules needs two-thirds of the vote (here of the normalised votes cast). TUC
 * Congress SO 15 and UNISON NDC likewise allow a delegation's card to be split.
 *
 * Terms:
 * - weight: a delegation's card (its membership at the cut-off date).
 * - a cast: how the leader splits the card: `for`, `against` and `abstain`, whole numbers adding
 *   up to no more than the weight (the rest is not voted).
 * - F_s, A_s: the weights cast for and against in section s; share_s its share of the vote.
 * - normalised for of s = share_s × F_s / (F_s + A_s); against likewise; a section where no
 *   weight is cast for or against adds nothing (its share is not voted).
 * - F, A: the sums of the normalised figures over the sections, exact fractions of the whole.
 *
 * | threshold                  | carried when                  |
 * |----------------------------|-------------------------------|
 * | simple majority            | F > A                         |
 * | two-thirds of votes cast   | 3F ≥ 2(F + A), and F > 0      |
 */
export interface Card {
  readonly delegationId: string;
  readonly section: string;
  readonly weight: number;
}

export interface CardCast {
  readonly delegationId: string;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

export type CardThreshold = 'simple-majority' | 'two-thirds';

export interface SectionTotals {
  readonly section: string;
  readonly share: Ratio;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  readonly normalisedFor: Ratio;
  readonly normalisedAgainst: Ratio;
}

export interface CardVoteResult {
  readonly sections: readonly SectionTotals[];
  readonly for: Ratio;
  readonly against: Ratio;
  readonly threshold: CardThreshold;
  readonly outcome: 'carried' | 'lost';
}

const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** @throws DomainError VALIDATION_FAILED or TOO_MANY_VOTES when a cast does not fit its card. */
export function assertCast(card: Card, cast: CardCast): void {
  if (![cast.for, cast.against, cast.abstain].every(whole))
    throw invalid('Each part of the card is a whole number, 0 or more.', [
      { path: 'for', message: 'A whole number.' },
    ]);
  const total = cast.for + cast.against + cast.abstain;
  if (total > card.weight)
    throw new DomainError(
      'TOO_MANY_VOTES',
      `The card carries ${card.weight}; ${total} were cast.`,
      [{ path: 'for', message: `At most ${card.weight} in all.` }],
      { entered: total, present: card.weight },
    );
}

/** Whether normalised F and A meet the threshold (see the table above). */
export function cardThresholdMet(threshold: CardThreshold, f: Ratio, a: Ratio): boolean {
  if (threshold === 'simple-majority') return compare(f, a) > 0;
  return compare(f, ZERO) > 0 && compare(mul(ratio(3), f), mul(ratio(2), add(f, a))) >= 0;
}

/**
 * Counts a card vote: each delegation at most once, each cast within its card, totals per
 * section normalised by the section's share exactly.
 */
export function countCardVote(input: {
  readonly sections: readonly Section[];
  readonly cards: readonly Card[];
  readonly casts: readonly CardCast[];
  readonly threshold: CardThreshold;
}): CardVoteResult {
  const cards = new Map(input.cards.map((c) => [c.delegationId, c]));
  const raw = new Map(input.sections.map((s) => [s.key, { f: 0, a: 0, b: 0 }]));
  const seen = new Set<string>();
  for (const cast of input.casts) {
    const card = cards.get(cast.delegationId);
    if (!card) throw invalid('That delegation holds no card in this vote.');
    if (seen.has(cast.delegationId))
      throw new DomainError('ALREADY_VOTED', 'The delegation has already cast its card.');
    seen.add(cast.delegationId);
    assertCast(card, cast);
    const t = raw.get(card.section);
    if (!t) throw invalid(`There is no section “${card.section}”.`);
    t.f += cast.for;
    t.a += cast.against;
    t.b += cast.abstain;
  }
  return countSectionTotals({ sections: input.sections, totals: raw, threshold: input.threshold });
}

/**
 * Counts a card vote from each section's raw totals (a secret card vote keeps no more): each
 * normalised by the section's share exactly, as the table above. A section absent from `totals`
 * cast nothing.
 */
export function countSectionTotals(input: {
  readonly sections: readonly Section[];
  readonly totals: ReadonlyMap<
    string,
    { readonly f: number; readonly a: number; readonly b: number }
  >;
  readonly threshold: CardThreshold;
}): CardVoteResult {
  const sections = input.sections.map((s): SectionTotals => {
    const t = input.totals.get(s.key) ?? { f: 0, a: 0, b: 0 };
    const cast = t.f + t.a;
    return {
      section: s.key,
      share: s.share,
      for: t.f,
      against: t.a,
      abstain: t.b,
      normalisedFor: cast === 0 ? ZERO : mul(s.share, ratio(t.f, cast)),
      normalisedAgainst: cast === 0 ? ZERO : mul(s.share, ratio(t.a, cast)),
    };
  });
  const f = sum(sections.map((s) => s.normalisedFor));
  const a = sum(sections.map((s) => s.normalisedAgainst));
  const outcome = cardThresholdMet(input.threshold, f, a) ? 'carried' : 'lost';
  return { sections, for: f, against: a, threshold: input.threshold, outcome };
}
