import { DomainError, invalid } from '../errors.ts';
import type { FieldProblem } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';

/**
 * Deciding a question: the thresholds of DESIGN.md section 4 and the tie rules, as exact integer
 * arithmetic (no fractions, so a two-thirds test is never off by rounding).
 *
 * Terms, as in DESIGN.md section 4:
 * - F, A, B: votes for, against, and abstentions (members present who did not vote either way).
 * - Votes cast: F + A. Abstentions are not votes cast (RONR 12th ed. 44:1–44:3; Citrine's *ABC
 *   of Chairmanship* likewise counts a majority of those voting).
 * - P: members present when the question is put. M: members of the body.
 * - For a card vote every figure is a weight (the members a delegate carries), not a head count.
 *
 * | threshold                        | passes when                               |
 * |----------------------------------|-------------------------------------------|
 * | simple majority of votes cast    | F > A (a tie is not a majority)           |
 * | two-thirds of votes cast         | 3F ≥ 2(F + A), and F ≥ 1                  |
 * | two-thirds of members present    | 3F ≥ 2P (an abstention counts against)    |
 * | absolute majority of members     | 2F > M                                    |
 *
 * No threshold is met by no votes at all: with F = 0 nothing is carried.
 */

export type Threshold = StandingOrders['defaultThreshold'];
export type TieRule = StandingOrders['tieRule'];

/** The counts of one question put. Non-negative whole numbers. */
export interface VoteCounts {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** Simple majority of votes cast: F > A (RONR 44:1). A tie is not a majority. */
export const simpleMajorityOfVotesCast = (c: VoteCounts): boolean => c.for > c.against;

/** Two-thirds of votes cast: 3F ≥ 2(F + A), i.e. F ≥ 2A, with at least one vote for (RONR 44:3). */
export const twoThirdsOfVotesCast = (c: VoteCounts): boolean =>
  c.for >= 1 && 3 * c.for >= 2 * (c.for + c.against);

/** Two-thirds of members present: 3F ≥ 2P, so abstaining counts against (RONR §44, on
 * modified bases for a vote). */
export const twoThirdsOfMembersPresent = (c: VoteCounts, present: number): boolean =>
  c.for >= 1 && 3 * c.for >= 2 * present;

/** Absolute majority of the members of the body: F > M / 2, tested as 2F > M (RONR §44, on modified
 * bases: a majority of the entire membership). */
export const absoluteMajorityOfMembers = (c: VoteCounts, members: number): boolean =>
  2 * c.for > members;

/** Whether the counts meet the threshold. `present` and `members` are P and M. */
export function meetsThreshold(
  threshold: Threshold,
  counts: VoteCounts,
  present: number,
  members: number,
): boolean {
  switch (threshold) {
    case 'simple-majority-of-votes-cast':
      return simpleMajorityOfVotesCast(counts);
    case 'two-thirds-of-votes-cast':
      return twoThirdsOfVotesCast(counts);
    case 'two-thirds-of-members-present':
      return twoThirdsOfMembersPresent(counts, present);
    case 'absolute-majority-of-members':
      return absoluteMajorityOfMembers(counts, members);
  }
}

/**
 * The fewest votes for that would meet the threshold, the other figures unchanged (for
 * two-thirds of votes cast: with the same votes against). Shown to the chair and in the result.
 */
export function votesForNeeded(
  threshold: Threshold,
  counts: VoteCounts,
  present: number,
  members: number,
): number {
  switch (threshold) {
    case 'simple-majority-of-votes-cast':
      return counts.against + 1;
    case 'two-thirds-of-votes-cast':
      return Math.max(1, 2 * counts.against);
    case 'two-thirds-of-members-present':
      return Math.max(1, Math.ceil((2 * present) / 3));
    case 'absolute-majority-of-members':
      return Math.floor(members / 2) + 1;
  }
}

/**
 * The words of each threshold in the declared result ("carried: simple majority of votes cast,
 * ..."), which is recorded in English as the chair declared it. Pages name the rule in the
 * reader's language from the catalogues (src/messages, `rule.*`).
 */
const THRESHOLD_WORDS: Readonly<Record<Threshold, string>> = {
  'simple-majority-of-votes-cast': 'simple majority of votes cast',
  'two-thirds-of-votes-cast': 'two-thirds of votes cast',
  'two-thirds-of-members-present': 'two-thirds of members present',
  'absolute-majority-of-members': 'absolute majority of members',
};

export type Outcome = 'carried' | 'lost' | 'not-carried';

/** The chair's casting vote, when the standing orders give one and the votes are equal. */
export type CastingVote = 'for' | 'against';

/** How a tie was settled. */
export interface TieSettlement {
  /** The standing orders' tie rule. */
  readonly tieRule: TieRule;
  /** The casting vote given, or null (none given, or the rules give none). */
  readonly castingVote: CastingVote | null;
  /** What settled it: the casting vote, or the rule that applies without one. */
  readonly settledBy: 'casting-vote' | 'not-carried' | 'lost';
}

/** Everything needed to explain a result: the rule, the figures, and any tie. */
export interface RuleApplied {
  readonly threshold: Threshold;
  readonly counts: VoteCounts;
  readonly present: number;
  readonly members: number;
  /** The fewest votes for that would have met the threshold (see votesForNeeded). */
  readonly forNeeded: number;
  /** Set only when the votes for and against were equal under a simple majority. */
  readonly tie: TieSettlement | null;
}

export interface QuestionResult {
  readonly outcome: Outcome;
  readonly ruleApplied: RuleApplied;
}

export interface DecideQuestionInput {
  readonly counts: VoteCounts;
  readonly threshold: Threshold;
  readonly tieRule: TieRule;
  /** The chair's casting vote; only accepted when the votes are equal and the rules give one. */
  readonly castingVote?: CastingVote | null;
  /** P: members present (for a card vote, the weight present). */
  readonly present: number;
  /** M: members of the body (for a card vote, the total weight). */
  readonly members: number;
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * Problems with a set of counts and the attendance they are read against: figures that are not
 * whole numbers, more votes than members present, more present than members.
 */
export function countsProblems(
  counts: VoteCounts,
  present: number,
  members: number,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of ['for', 'against', 'abstain'] as const) {
    if (!isCount(counts[key])) {
      problems.push({ path: key, message: `Votes ${key} must be a whole number, 0 or more.` });
    }
  }
  if (!isCount(present)) problems.push({ path: 'present', message: 'Present must be 0 or more.' });
  if (!isCount(members)) problems.push({ path: 'members', message: 'Members must be 0 or more.' });
  if (problems.length > 0) return problems;
  if (present > members) {
    problems.push({
      path: 'present',
      message: `${present} are present, but the body has only ${members} members.`,
    });
  }
  const total = counts.for + counts.against + counts.abstain;
  if (total > present) {
    problems.push({
      path: 'counts',
      message: `${total} votes and abstentions were entered, but only ${present} are present.`,
    });
  }
  return problems;
}

/**
 * Decides one question put. The threshold decides; only under a simple majority of votes cast
 * can the votes be tied in the sense of the tie rule (F = A). Then:
 * - `casting-vote`: the chair may give a casting vote, which decides (Citrine: by convention
 *   against change, but the chair's choice). If the chair declines, the question is not carried:
 *   it has no majority.
 * - `not-carried` (Citrine: with the votes equal there is no majority, so the motion is not
 *   carried);
 * - `lost` (RONR 44:12: "a tie vote is lost").
 * Under a qualified threshold (two-thirds, absolute majority) equal votes simply fall short.
 *
 * @throws DomainError TOO_MANY_VOTES when the votes exceed those present, VALIDATION_FAILED for
 *   counts that are not whole numbers, CASTING_VOTE_NOT_ALLOWED for a casting vote the rules do
 *   not give or when the votes are not equal.
 */
export function decideQuestion(input: DecideQuestionInput): QuestionResult {
  const { counts, threshold, tieRule, present, members } = input;
  const castingVote = input.castingVote ?? null;
  const problems = countsProblems(counts, present, members);
  const tooMany = problems.find((p) => p.path === 'counts');
  if (tooMany && problems.length === 1) {
    throw new DomainError('TOO_MANY_VOTES', tooMany.message, problems, {
      entered: counts.for + counts.against + counts.abstain,
      present,
    });
  }
  if (problems.length > 0) throw invalid('The counts cannot be right.', problems);
  const forNeeded = votesForNeeded(threshold, counts, present, members);
  const base = { threshold, counts, present, members, forNeeded };
  const isTie = threshold === 'simple-majority-of-votes-cast' && counts.for === counts.against;

  if (castingVote !== null) {
    if (tieRule !== 'casting-vote') {
      throw new DomainError(
        'CASTING_VOTE_NOT_ALLOWED',
        'The standing orders do not give the chair a casting vote.',
      );
    }
    if (!isTie) {
      throw new DomainError(
        'CASTING_VOTE_NOT_ALLOWED',
        'A casting vote is given only when the votes for and against are equal.',
      );
    }
  }

  if (isTie) {
    let outcome: Outcome;
    let settledBy: TieSettlement['settledBy'];
    if (tieRule === 'casting-vote' && castingVote !== null) {
      outcome = castingVote === 'for' ? 'carried' : 'lost';
      settledBy = 'casting-vote';
    } else if (tieRule === 'lost') {
      outcome = 'lost';
      settledBy = 'lost';
    } else {
      outcome = 'not-carried';
      settledBy = 'not-carried';
    }
    return { outcome, ruleApplied: { ...base, tie: { tieRule, castingVote, settledBy } } };
  }

  const outcome = meetsThreshold(threshold, counts, present, members) ? 'carried' : 'lost';
  return { outcome, ruleApplied: { ...base, tie: null } };
}

/**
 * Whether the votes are equal and the standing orders give the chair a casting vote not yet
 * given: the result is not declared until the chair gives it or declines.
 */
export const awaitsCastingVote = (result: QuestionResult): boolean =>
  result.ruleApplied.tie?.tieRule === 'casting-vote' && result.ruleApplied.tie.castingVote === null;

const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = {
  carried: 'carried',
  lost: 'lost',
  'not-carried': 'not carried',
};

const abstentions = (b: number) =>
  b === 0 ? 'no abstentions' : b === 1 ? '1 abstention' : `${b} abstentions`;

/**
 * The declared result as a sentence, e.g. "carried: simple majority of votes cast, 23–4,
 * 2 abstentions". Figures are for–against (an en dash), then abstentions; thresholds that count
 * members add the attendance and the votes needed.
 */
export function describeResult(result: QuestionResult): string {
  const r = result.ruleApplied;
  const figures = `${r.counts.for}–${r.counts.against}, ${abstentions(r.counts.abstain)}`;
  if (r.tie) {
    switch (r.tie.settledBy) {
      case 'casting-vote':
        return `${OUTCOME_WORDS[result.outcome]} on the chair's casting vote: votes equal, ${figures}`;
      case 'lost':
        return `lost: votes equal, ${figures}; a tie vote is lost`;
      case 'not-carried':
        return r.tie.tieRule === 'casting-vote'
          ? `not carried: votes equal, ${figures}; the chair gave no casting vote`
          : `not carried: votes equal, ${figures}; a tie is not a majority`;
    }
  }
  let sentence = `${OUTCOME_WORDS[result.outcome]}: ${THRESHOLD_WORDS[r.threshold]}, ${figures}`;
  if (r.threshold === 'two-thirds-of-members-present') {
    sentence += `; ${r.present} present, ${r.forNeeded} needed`;
  } else if (r.threshold === 'absolute-majority-of-members') {
    sentence += `; ${r.members} members, ${r.forNeeded} needed`;
  } else if (r.threshold === 'two-thirds-of-votes-cast' && result.outcome !== 'carried') {
    sentence += `; ${r.forNeeded} needed`;
  }
  return sentence;
}
