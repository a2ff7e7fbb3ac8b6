/**
 * The words of a count, shared by every counting rule.
 *
 * - Candidate: a person standing, known here by a 0-based index into `candidates`.
 * - Withdrawn: a candidate who withdrew after the ballot papers were printed; every rule skips
 *   them on every paper, as if they had never been ranked.
 * - Ballot paper: one voter's ranking. Identical papers are kept once as a ballot group with a
 *   weight (the number of papers, or a card vote), which is how BLT files store them and what
 *   makes a million-paper count fast.
 * - Ranking: preferences in order; a position may hold several candidates ranked equal (`=` in
 *   BLT). Rules that cannot honour equal rankings refuse them with UNSUPPORTED_METHOD_OPTION.
 * - Stage (round): one step of a count (the first count, one transfer of a surplus, one
 *   exclusion, or one Meek round); each records every candidate's votes at its end.
 * - Quota: the votes that guarantee election. Surplus: votes above the quota. Transfer value:
 *   the value at which a paper moves on. Non-transferable (exhausted) votes: papers with no
 *   further preference for a continuing candidate. Residue: value lost to rounding.
 */

/**
 * Ballot groups packed into typed arrays (structure of arrays): group g ranks the candidates
 * `prefs[offsets[g] .. offsets[g+1])`, in order. An entry `c >= 0` starts a new preference;
 * an entry `~c` (that is, `-c - 1`) is ranked equal to the entry before it.
 */
export interface BallotGroups {
  /** Number of distinct groups. */
  readonly count: number;
  /** Papers in each group (whole numbers unless a card vote gives fractional weights). */
  readonly weights: Float64Array;
  /** Start of each group's ranking in `prefs`; length count + 1. */
  readonly offsets: Uint32Array;
  readonly prefs: Int32Array;
  /** Sum of the weights: the number of valid ballot papers. */
  readonly total: number;
  readonly hasEqualRankings: boolean;
}

export interface BallotProfile {
  readonly title: string;
  readonly seats: number;
  /** Candidate names, in ballot-paper order. */
  readonly candidates: readonly string[];
  /** Indices of withdrawn candidates, ascending. */
  readonly withdrawn: readonly number[];
  readonly ballots: BallotGroups;
  /**
   * A tie-breaking order drawn before the count (BLT `[tie ...]`): when a tie survives every
   * rule, the candidate earliest in this order is chosen, whether the tie is for exclusion or
   * for election.
   */
  readonly tieOrder?: readonly number[];
  /** Further quoted lines after the title (source, comment), kept for round trips. */
  readonly notes?: readonly string[];
}

/** One ballot as a person would write it: 0-based candidate indices, best first. */
export interface RankedBallot {
  readonly weight?: number;
  /** Each entry is one preference: a candidate, or several ranked equal. */
  readonly ranking: readonly (number | readonly number[])[];
}

export type MethodName =
  'scottish-stv' | 'ers97-stv' | 'meek-stv' | 'irv' | 'schulze' | 'fptp' | 'block' | 'approval';

export type CandidateStatus = 'hopeful' | 'elected' | 'excluded' | 'withdrawn';

/** Machine-readable reasons, stable like error codes. */
export type DecisionCode =
  | 'QUOTA_REACHED' // votes reached the quota
  | 'MAJORITY' // IRV: more than half the continuing votes
  | 'LAST_VACANCIES' // continuing candidates no more than the vacancies left
  | 'MOST_VOTES' // plurality rules, Schulze order
  | 'LOWEST_VOTE' // excluded as the lowest candidate
  | 'LOWEST_VOTES_BULK' // several lowest excluded together when they cannot overtake
  | 'RESERVED_SEATS' // excluded because the remaining seats are reserved for others
  | 'SEATS_FILLED' // not elected: every seat was filled
  | 'TIE_BROKEN'; // chosen by a tie-break (see the round's tie record)

export interface Decision {
  readonly candidate: number;
  readonly code: DecisionCode;
  /** The reason in words, for the count sheet. */
  readonly reason: string;
}

export interface TieRecord {
  readonly round: number;
  /** What was being decided: 'exclusion', 'surplus order', 'election'. */
  readonly purpose: string;
  readonly among: readonly number[];
  readonly chosen: number;
  /**
   * How: 'earlier-stage' (the stage before in which the tied candidates differed, Scottish rule
   * 49(2)/51(2)), 'later-stage'/'first-stage' (ERS97 5.2.5, looking forward from the first
   * count), 'order' (a tie order fixed before the count), or 'lot' (the seeded draw).
   */
  readonly method: 'earlier-stage' | 'later-stage' | 'order' | 'lot';
  /** For 'earlier-stage'/'later-stage': the stage that decided it. */
  readonly stage?: number;
  /** For 'lot': the draw's ordinal within the count, so anyone can repeat it. */
  readonly draw?: number;
}

export interface Round {
  /** 1-based stage number; stage 1 is the first count. */
  readonly number: number;
  readonly kind: 'first-count' | 'surplus' | 'exclusion' | 'iteration' | 'final';
  /** The stage in words, e.g. "Transfer of surplus of Castor". */
  readonly description: string;
  /** Whose papers moved in this stage, if any. */
  readonly from?: readonly number[];
  /** The surplus transferred in this stage (surplus stages). */
  readonly surplus?: string;
  /** Transfer value used (surplus stages), as a decimal string. */
  readonly transferValue?: string;
  readonly quota: string | null;
  /** Every candidate's votes at the end of this stage (decimal strings at the rule's precision). */
  readonly votes: readonly string[];
  /** Change in each candidate's votes during this stage. */
  readonly transfers: readonly string[];
  readonly status: readonly CandidateStatus[];
  /** Non-transferable votes so far (cumulative). */
  readonly exhausted: string;
  /** Value lost to rounding so far (cumulative). */
  readonly residue: string;
  readonly elected: readonly Decision[];
  readonly excluded: readonly Decision[];
  readonly ties: readonly TieRecord[];
  /** Rule-specific figures (Meek: keepFactors, iterations, total surplus). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface TallyResult {
  readonly method: MethodName;
  readonly title: string;
  readonly seats: number;
  readonly candidates: readonly string[];
  /** Decimal places of every vote figure in the result. */
  readonly precision: number;
  /** The quota (the initial one for Meek, whose quota moves), or null for rules without one. */
  readonly quota: string | null;
  /** Valid ballot papers. */
  readonly ballots: number;
  /** Papers with no preference for any standing candidate: void, not counted in `ballots`. */
  readonly blank: number;
  /** Elected candidates in order of election. */
  readonly winners: readonly number[];
  /** Each winner's votes when the count ended. */
  readonly winnerVotes: readonly string[];
  readonly rounds: readonly Round[];
  readonly exhausted: string;
  readonly residue: string;
  readonly ties: readonly TieRecord[];
  /** The seed of the lot, recorded so the draw can be repeated. */
  readonly seed: string;
}

/** The options every rule takes; rules add their own. */
export interface CountOptions {
  /** Overrides the profile's number of seats. */
  readonly seats?: number;
  /**
   * How ties that survive the rule's own tie-breaks are settled: a seed for the lot (any
   * string), or a tie order fixed in advance (first in the order is chosen). Defaults to the
   * profile's tie order if it has one, else a lot seeded from the ballots themselves.
   */
  readonly seed?: string;
  readonly tieOrder?: readonly number[];
}
