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
 * - Proxies (proxies.ts), where the standing orders allow them in votes in the room: a member
 *   present answers the roll, or raises the card, for each member away whose proxy they hold;
 *   the vote is the giver's, recorded by name as "the giver, by proxy held by the holder" (RONR
 *   12th ed. 45:70 on proxies where the bylaws provide for them; company law records a proxy's
 *   vote as the member's, Companies Act 2006 s.324), with the giver's card weight.
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
  /** The member present who cast it with `personId`'s proxy; absent when they voted in person. */
  readonly heldBy?: string;
}

/** A proxy usable in the room: the giver is away, the holder present (proxies.ts `proxiesInRoom`). */
export interface ProxyInRoom {
  readonly giverId: string;
  readonly holderId: string;
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
 * A roll call: each answer by name, a member away answered for by the holder of their proxy.
 * @param answers in the order they were given; a giver's answer is under the giver's id.
 * @param presentIds the members signed in when the roll was called.
 * @param proxies the proxies usable in the room; P counts one for each, as a show of hands does.
 * @throws DomainError NOT_PRESENT (an answer from someone neither signed in nor represented by a
 *   proxy), ALREADY_VOTED (a second answer from one member).
 */
export function rollCall(
  answers: readonly { readonly personId: string; readonly choice: Choice }[],
  presentIds: readonly string[],
  proxies: readonly ProxyInRoom[] = [],
): RoomVote {
  const present = new Set(presentIds);
  const heldBy = new Map(
    proxies.filter((p) => !present.has(p.giverId)).map((p) => [p.giverId, p.holderId]),
  );
  const answered = new Set<string>();
  const counts = { for: 0, against: 0, abstain: 0 };
  const record: RecordedVote[] = [];
  for (const { personId, choice } of answers) {
    const holder = heldBy.get(personId);
    if (!present.has(personId) && holder === undefined) {
      throw new DomainError('NOT_PRESENT', 'Only members signed in to the meeting can answer.');
    }
    if (answered.has(personId)) {
      throw new DomainError('ALREADY_VOTED', 'That member has already answered the roll call.');
    }
    answered.add(personId);
    counts[choice] += 1;
    record.push({ personId, choice, weight: 1, ...(holder ? { heldBy: holder } : {}) });
  }
  const voters = [...present, ...heldBy.keys()];
  return {
    mode: 'roll-call',
    counts,
    present: voters.length,
    record,
    notVoting: voters.filter((id) => !answered.has(id)),
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
  /** For the card of a member away: the member present who raises it with their proxy. */
  readonly heldBy?: string;
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
  const heldBy = new Map<string, string>();
  cardsPresent.forEach((card, i) => {
    if (card.heldBy) heldBy.set(card.personId, card.heldBy);
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
    const holder = heldBy.get(personId);
    record.push({ personId, choice, weight, ...(holder ? { heldBy: holder } : {}) });
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
