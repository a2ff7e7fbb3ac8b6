import { DomainError, invalid } from '../errors.ts';
import type { FieldProblem } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';
import { decideQuestion } from './thresholds.ts';
import type { CastingVote, QuestionResult, Threshold, VoteCounts } from './thresholds.ts';

/**
 * Votes taken in the room, each ending in the counts that decideQuestion reads.
 *
 * - Show of hands: the chair (or tellers) count and the chair enters for, against and
 *   abstentions (RONR 12th ed. §45 and §4 on voting by show of hands; Citrine, *ABC of
 *   Chairmanship*, on taking the vote). Names are not recorded.
 * - Roll call: each member present is called and their answer recorded by name (RONR §45 on the
 *   roll-call vote). A member answers at most once.
 * - Card vote: each delegate holds a card for the members they carry, and the totals are
 *   weighted (UK trade-union and Labour-movement conference practice). For a card vote, P and M
 *   in the thresholds are weights, not heads.
 *
 * - Secret ballot of those present: the question is put to an online secret ballot whose
 *   electorate is the members signed in when it was put (RONR §45 on voting by ballot); the box
 *   gives the counts (weights, if it is a card vote) and P is the electorate frozen then. Nobody's
 *   choice is recorded by name.
 */

/** The ways a question can be put in the room. */
export type RoomVoteMode = 'show-of-hands' | 'roll-call' | 'card';
export type VoteMode = RoomVoteMode | 'secret-ballot';
export type Choice = 'for' | 'against' | 'abstain';
export const CHOICES: readonly Choice[] = ['for', 'against', 'abstain'];

/** One name recorded by a roll call or card vote. */
export interface RecordedVote {
  readonly personId: string;
  readonly choice: Choice;
  /** 1 for a roll call; the card's weight for a card vote. */
  readonly weight: number;
}

/** A vote taken: the counts, and P in the same units (heads, or card weight). */
export interface RoomVote {
  readonly mode: VoteMode;
  readonly counts: VoteCounts;
  /** Members present when it was taken (for a card vote: the weight present). */
  readonly present: number;
  /** Who voted how (roll call and card vote; empty for a show of hands). */
  readonly record: readonly RecordedVote[];
  /** Members present who gave no answer at all (roll call and card vote). */
  readonly notVoting: readonly string[];
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

function tooMany(total: number, present: number, unit: string) {
  return new DomainError(
    'TOO_MANY_VOTES',
    `${total} ${unit} were entered, but only ${present} are present.`,
    [{ path: 'counts', message: `At most ${present}.` }],
    { entered: total, present },
  );
}

/**
 * The chair's figures for a show of hands.
 * @throws DomainError VALIDATION_FAILED (not whole numbers), TOO_MANY_VOTES (more than present).
 */
export function showOfHands(counts: VoteCounts, present: number): RoomVote {
  const problems: FieldProblem[] = CHOICES.filter((k) => !isCount(counts[k])).map((k) => ({
    path: k,
    message: 'Enter a whole number, 0 or more.',
  }));
  if (!isCount(present)) problems.push({ path: 'present', message: 'Present must be 0 or more.' });
  if (problems.length > 0) throw invalid('The figures are not whole numbers.', problems);
  const total = counts.for + counts.against + counts.abstain;
  if (total > present) throw tooMany(total, present, 'votes and abstentions');
  return {
    mode: 'show-of-hands',
    counts: { for: counts.for, against: counts.against, abstain: counts.abstain },
    present,
    record: [],
    notVoting: [],
  };
}

/**
 * A roll call: each answer by name.
 * @param answers in the order they were given.
 * @param presentIds the members signed in when the roll was called.
 * @throws DomainError NOT_PRESENT (an answer from someone not signed in), ALREADY_VOTED (a
 *   second answer from one member).
 */
export function rollCall(
  answers: readonly { readonly personId: string; readonly choice: Choice }[],
  presentIds: readonly string[],
): RoomVote {
  const present = new Set(presentIds);
  const answered = new Set<string>();
  const counts = { for: 0, against: 0, abstain: 0 };
  const record: RecordedVote[] = [];
  for (const { personId, choice } of answers) {
    if (!present.has(personId)) {
      throw new DomainError('NOT_PRESENT', 'Only members signed in to the meeting can answer.');
    }
    if (answered.has(personId)) {
      throw new DomainError('ALREADY_VOTED', 'That member has already answered the roll call.');
    }
    answered.add(personId);
    counts[choice] += 1;
    record.push({ personId, choice, weight: 1 });
  }
  return {
    mode: 'roll-call',
    counts,
    present: present.size,
    record,
    notVoting: [...present].filter((id) => !answered.has(id)),
  };
}

/**
 * A secret ballot of those present, as its box adds up.
 * @param electorate P: the members (for a card vote, the weight) on the ballot's electorate.
 * @throws DomainError TOO_MANY_VOTES (more in the box than the electorate could cast).
 */
export function secretBallot(counts: VoteCounts, electorate: number): RoomVote {
  const vote = showOfHands(counts, electorate);
  return { ...vote, mode: 'secret-ballot' };
}

/** A card held at the meeting: the holder and the members they carry. */
export interface Card {
  readonly personId: string;
  /** A whole number of members, at least 1. */
  readonly weight: number;
}

/**
 * A card vote: totals weighted by each card.
 * @param votes each holder's choice.
 * @param cardsPresent the cards of delegates signed in; their total weight is P.
 * @throws DomainError VALIDATION_FAILED (a weight not a whole number ≥ 1), NOT_PRESENT (no card
 *   present for that holder), ALREADY_VOTED (a card voted twice).
 */
export function cardVote(
  votes: readonly { readonly personId: string; readonly choice: Choice }[],
  cardsPresent: readonly Card[],
): RoomVote {
  const weights = new Map<string, number>();
  cardsPresent.forEach((card, i) => {
    if (!Number.isSafeInteger(card.weight) || card.weight < 1) {
      throw invalid('A card carries a whole number of members, at least 1.', [
        { path: `cards.${i}.weight`, message: 'A whole number, at least 1.' },
      ]);
    }
    weights.set(card.personId, (weights.get(card.personId) ?? 0) + card.weight);
  });
  const voted = new Set<string>();
  const counts = { for: 0, against: 0, abstain: 0 };
  const record: RecordedVote[] = [];
  for (const { personId, choice } of votes) {
    const weight = weights.get(personId);
    if (weight === undefined) {
      throw new DomainError('NOT_PRESENT', 'Only delegates holding a card here can vote.');
    }
    if (voted.has(personId)) {
      throw new DomainError('ALREADY_VOTED', 'That card has already been voted.');
    }
    voted.add(personId);
    counts[choice] += weight;
    record.push({ personId, choice, weight });
  }
  let present = 0;
  for (const w of weights.values()) present += w;
  return {
    mode: 'card',
    counts,
    present,
    record,
    notVoting: [...weights.keys()].filter((id) => !voted.has(id)),
  };
}

/**
 * Decides a room vote under the standing orders: their default threshold unless another applies
 * (a procedural motion's), their tie rule, and the chair's casting vote if given.
 * @param members M: members of the body (for a card vote, the total weight of all cards).
 */
export function decideRoomVote(
  vote: RoomVote,
  props: {
    rules: Pick<StandingOrders, 'defaultThreshold' | 'tieRule'>;
    members: number;
    threshold?: Threshold;
    castingVote?: CastingVote | null;
  },
): QuestionResult {
  return decideQuestion({
    counts: vote.counts,
    threshold: props.threshold ?? props.rules.defaultThreshold,
    tieRule: props.rules.tieRule,
    castingVote: props.castingVote ?? null,
    present: vote.present,
    members: props.members,
  });
}
