import { DomainError, invalid } from '../errors.ts';
import {
  decideQuestion,
  describeResult,
  type QuestionResult,
  type Threshold,
} from '../meetings/thresholds.ts';
import { profileFromRankings } from '../tally/ballots.ts';
import { countElection, isMethodName } from '../tally/count.ts';
import type { MethodName, TallyResult } from '../tally/types.ts';

/**
 * Ballots (DESIGN.md sections 3 and 5): one question put to an electorate that is frozen when
 * the ballot opens. A secret ballot keeps two records that share no key: the roll (who has
 * voted) and the box (what was chosen). This module decides what a valid choice is, when a
 * ballot takes votes, and what the box adds up to; storing them is the app's and database's.
 */

export const BALLOT_KINDS = ['yes-no', 'choice', 'ranked'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];
export type BallotState = 'draft' | 'open' | 'closed';
export type { Threshold };

/** What is put: the options of a `choice`, or the candidates, seats and method of an election. */
export type BallotOptions =
  | { readonly kind: 'yes-no' }
  | { readonly kind: 'choice'; readonly options: readonly string[] }
  | {
      readonly kind: 'ranked';
      readonly candidates: readonly string[];
      readonly seats: number;
      readonly method: MethodName;
    };

export const YES_NO = ['for', 'against', 'abstain'] as const;
export type YesNoChoice = (typeof YES_NO)[number];

/**
 * Checks the options of a ballot. An election may be drafted with no candidates yet (they come
 * by nomination); by the time it opens it needs at least as many candidates as seats.
 */
export function checkBallotOptions(
  raw: BallotOptions,
  stage: 'draft' | 'open' = 'open',
): BallotOptions {
  if (raw.kind === 'yes-no') return { kind: 'yes-no' };
  if (raw.kind === 'choice') {
    const options = raw.options.map((o) => o.trim());
    if (options.length < 2 || options.length > 100 || options.some((o) => !o || o.length > 200)) {
      throw invalid('A choice needs 2 to 100 options, each up to 200 characters.', [
        { path: 'options', message: 'Give 2 to 100 options.' },
      ]);
    }
    if (new Set(options).size !== options.length)
      throw invalid('Two options have the same text.', [
        { path: 'options', message: 'Options must differ.' },
      ]);
    return { kind: 'choice', options };
  }
  const candidates = raw.candidates.map((c) => c.trim());
  if (candidates.length > 200 || candidates.some((c) => !c || c.length > 200)) {
    throw invalid('An election can have up to 200 candidates, each named.', [
      { path: 'candidates', message: 'Give up to 200 candidates.' },
    ]);
  }
  if (new Set(candidates).size !== candidates.length) {
    throw invalid('Two candidates have the same name.', [
      { path: 'candidates', message: 'Each candidate once.' },
    ]);
  }
  if (stage === 'open' && candidates.length < raw.seats) {
    throw invalid(
      `An election for ${raw.seats} seat${raw.seats === 1 ? '' : 's'} needs at least as many candidates; it has ${candidates.length}.`,
      [{ path: 'candidates', message: 'Nominate more candidates.' }],
    );
  }
  if (!Number.isInteger(raw.seats) || raw.seats < 1 || raw.seats > 200) {
    throw invalid('Seats must be a whole number from 1 to 200.', [
      { path: 'seats', message: 'Check the number of seats.' },
    ]);
  }
  if (!isMethodName(raw.method))
    throw invalid(`Unknown counting method "${String(raw.method)}".`, [
      { path: 'method', message: 'Choose a counting method.' },
    ]);
  return { kind: 'ranked', candidates, seats: raw.seats, method: raw.method };
}

/**
 * Reads a voter's choice and returns its canonical text, the only form stored in the box:
 * `for` / `against` / `abstain`; an option number; or candidate numbers in order of preference
 * joined by spaces (a ranking need not be complete, but may not repeat a candidate).
 */
export function canonicalChoice(options: BallotOptions, raw: unknown): string {
  const refuse = (message: string) =>
    new DomainError('VALIDATION_FAILED', message, [{ path: 'choice', message }]);
  if (options.kind === 'yes-no') {
    if (typeof raw === 'string' && (YES_NO as readonly string[]).includes(raw)) return raw;
    throw refuse('Choose for, against or abstain.');
  }
  if (options.kind === 'choice') {
    const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < options.options.length)
      return String(n);
    throw refuse('Choose one of the options.');
  }
  if (!Array.isArray(raw) || raw.length === 0) throw refuse('Rank at least one candidate.');
  const seen = new Set<number>();
  for (const c of raw as unknown[]) {
    const n = typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : c;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= options.candidates.length)
      throw refuse('A ranking names a candidate who is not standing.');
    if (seen.has(n)) throw refuse('Each candidate can be ranked only once.');
    seen.add(n);
  }
  return [...seen].join(' ');
}

/** Whether a ballot takes votes now; the reason it does not, as an error. */
export function assertTakingVotes(
  ballot: { state: BallotState; closesAt: string | null },
  now: string,
): void {
  if (ballot.state === 'draft')
    throw new DomainError('BALLOT_NOT_OPEN', 'This ballot has not opened yet.');
  if (ballot.state === 'closed' || (ballot.closesAt !== null && now >= ballot.closesAt)) {
    throw new DomainError('BALLOT_CLOSED', 'This ballot has closed; votes are no longer taken.');
  }
}

/** One stored choice with its weight (1, or a card vote's weight). */
export interface BoxEntry {
  readonly choice: string;
  readonly weight: number;
}

/** The paper side of a hybrid ballot, as counted in (paper.ts): papers issued, returned, spoilt. */
export interface PaperSummary {
  readonly issued: number;
  readonly returned: number;
  readonly spoilt: number;
}

/** A result; a hybrid ballot's (paper.ts) also says what of it came on paper. */
export type BallotResult = CountedBox & { readonly paper?: PaperSummary };

type CountedBox =
  | {
      readonly kind: 'yes-no';
      readonly for: number;
      readonly against: number;
      readonly abstain: number;
      readonly votes: number;
      readonly electorate: number;
      readonly outcome: 'carried' | 'lost' | 'not-carried';
      readonly threshold: Threshold;
      /** The result as declared: "carried: simple majority of votes cast, 23–4, 2 abstentions". */
      readonly declared: string;
    }
  | {
      readonly kind: 'choice';
      readonly counts: readonly number[];
      readonly votes: number;
      readonly electorate: number;
      readonly winners: readonly number[];
    }
  | {
      readonly kind: 'ranked';
      readonly votes: number;
      readonly electorate: number;
      readonly count: TallyResult;
    };

/**
 * The decision of a yes/no ballot, with the rule applied and its figures (thresholds.ts): the
 * electorate stands for "members present" and "members"; in a card vote the weight cast may
 * exceed the number of electors. An online ballot has no chair to give a casting vote, so a tie
 * is not carried. A ballot deciding a motion declares the motion with this (motion-ballot.ts).
 */
export function decideYesNo(
  counts: { readonly for: number; readonly against: number; readonly abstain: number },
  threshold: Threshold,
  electorate: number,
): QuestionResult {
  const votes = counts.for + counts.against + counts.abstain;
  const electors = Math.max(electorate, votes);
  return decideQuestion({
    counts: { for: counts.for, against: counts.against, abstain: counts.abstain },
    threshold,
    tieRule: 'not-carried',
    present: electors,
    members: electors,
  });
}

/**
 * Counts a closed box. A yes/no question is decided by the thresholds of DESIGN.md section 4
 * (src/domain/meetings/thresholds.ts), the electorate standing for the members; a tie is never
 * a majority and, with no chair to give a casting vote, is not carried. Elections are counted by
 * their rule in src/domain/tally.
 */
export function countBox(
  options: BallotOptions,
  threshold: Threshold,
  box: readonly BoxEntry[],
  electorate: number,
  seed?: string,
): CountedBox {
  const votes = box.reduce((n, b) => n + b.weight, 0);
  if (options.kind === 'yes-no') {
    const counts = { for: 0, against: 0, abstain: 0 };
    for (const b of box) counts[b.choice as YesNoChoice] += b.weight;
    const decided = decideYesNo(counts, threshold, electorate);
    return {
      kind: 'yes-no',
      ...counts,
      votes,
      electorate,
      outcome: decided.outcome,
      threshold,
      declared: describeResult(decided),
    };
  }
  if (options.kind === 'choice') {
    const counts = options.options.map(() => 0);
    for (const b of box) counts[Number(b.choice)]! += b.weight;
    const top = Math.max(...counts);
    return {
      kind: 'choice',
      counts,
      votes,
      electorate,
      winners: votes ? counts.flatMap((c, i) => (c === top ? [i] : [])) : [],
    };
  }
  const profile = profileFromRankings({
    candidates: options.candidates,
    seats: options.seats,
    ballots: box.map((b) => ({ weight: b.weight, ranking: b.choice.split(' ').map(Number) })),
  });
  return {
    kind: 'ranked',
    votes,
    electorate,
    count: countElection(profile, options.method, seed === undefined ? {} : { seed }),
  };
}

/**
 * Nominations for an election (DESIGN.md section 3): a candidate is proposed and seconded by
 * two different members of the body, neither of them the candidate, while the ballot is still a
 * draft. Only seconded nominations go on the ballot paper; the others fall when it opens.
 */
export function checkNomination(n: {
  ballotKind: BallotKind;
  ballotState: BallotState;
  candidateIsMember: boolean;
  candidate: string;
  proposer: string;
  proposerIsMember: boolean;
  seconder?: string | undefined;
  seconderIsMember?: boolean | undefined;
}): void {
  const refuse = (message: string) => new DomainError('NOMINATION_INVALID', message);
  if (n.ballotKind !== 'ranked') throw refuse('Only elections take nominations.');
  if (n.ballotState !== 'draft') throw refuse('Nominations have closed: the ballot is open.');
  if (!n.candidateIsMember) throw refuse('Only a member of the body can be nominated.');
  if (!n.proposerIsMember) throw refuse('Only a member of the body can propose a candidate.');
  if (n.proposer === n.candidate) throw refuse('A candidate cannot propose themselves.');
  if (n.seconder === undefined) return;
  if (!n.seconderIsMember) throw refuse('Only a member of the body can second a nomination.');
  if (n.seconder === n.candidate) throw refuse('A candidate cannot second their own nomination.');
  if (n.seconder === n.proposer)
    throw refuse('The seconder must be someone other than the proposer.');
}
