/**
 * STV under the Scottish rules.
 *
 * Source: The Scottish Local Government Elections Order 2007 (SSI 2007/42), schedule 1, rules
 * 45 to 52 (the counting rules), as in force for the elections of 3 May 2007. Checked stage by
 * stage against Droop's "scotland" rule (github.com/jklundell/droop, droop/rules/scotland.py).
 *
 * Terms (rule numbers in brackets):
 * - Quota [46]: the number of valid ballot papers divided by one more than the seats, ignoring
 *   any decimal places, plus one: ⌊V / (S + 1)⌋ + 1.
 * - A candidate whose votes equal or exceed the quota at any stage is elected [47].
 * - Surplus [48]: votes above the quota. ALL the elected candidate's papers are transferred
 *   (weighted inclusive Gregory), each at transfer value = surplus × value of the paper ÷ the
 *   candidate's total votes, to five decimal places, any remainder ignored (truncated). The
 *   value lost to truncation is the residue. The candidate keeps exactly the quota.
 * - Largest surplus first [49(1)]; equal surpluses: the candidate with more votes at the most
 *   recent preceding stage where they differed, else by lot [49(2), (3)].
 * - Exclusion [50]: with no surplus to transfer, the candidate with the fewest votes is
 *   excluded and all their papers pass on at the value they arrived with. Ties: fewest votes at
 *   the most recent preceding stage where they differed, else by lot [51]. Where several are
 *   tied and an earlier stage separates only some of them, the tie is narrowed to those lowest
 *   there and the look-back continues (as Droop does).
 * - Continuing candidate: neither elected nor excluded; only continuing candidates receive
 *   transfers. A paper with no further continuing candidate is non-transferable.
 * - Last vacancies [52]: when continuing candidates are no more than the vacancies left, they
 *   are all elected, and no further transfer is made.
 *
 * A candidate elected with exactly the quota has a surplus of nil; like Droop, the count still
 * takes a stage to "transfer" it (every paper moves on at value 0), which changes no votes.
 * Arithmetic is exact: values are units of 0.00001 in integers, totals below 2^53.
 */
import { requireStrictRankings, seatsFor } from './ballots.ts';
import { byVotesDescending, ELECTED, EXCLUDED, Piles } from './count-sheet.ts';
import { mulDivUnits } from './fixed.ts';
import {
  blocksReservation,
  checkReservations,
  excludedForReservations,
  protectedFromExclusion,
  type Reservation,
} from './reserved-seats.ts';
import { nextContinuing, PaperCount } from './stv-count.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export const SCOTTISH_PLACES = 5;

export interface StvOptions extends CountOptions {
  /** Seats reserved to groups of candidates (see reserved-seats.ts). */
  readonly reserved?: readonly Reservation[];
}

export function countScottishStv(profile: BallotProfile, options: StvOptions = {}): TallyResult {
  requireStrictRankings(profile, 'Scottish STV');
  const seats = seatsFor(profile, options.seats);
  const reserved = options.reserved ?? [];
  checkReservations(reserved, seats, profile.candidates.length);
  return new ScottishCount(profile, options, seats, reserved).run();
}

type ReservedExclusion = NonNullable<ReturnType<typeof excludedForReservations>>;

/** Papers passed on at the value they arrived with (an exclusion). */
const sameValue = (v: number) => v;

/** One count under the Scottish rules, stage by stage. */
class ScottishCount extends PaperCount {
  /** Rule 46: ⌊papers / (seats + 1)⌋ + 1. */
  private readonly quota: number;
  /** The papers each candidate holds now. */
  private readonly piles: Piles;
  /** Elected, their surplus not yet transferred. */
  private pending: number[] = [];

  constructor(
    profile: BallotProfile,
    options: StvOptions,
    seats: number,
    private readonly reserved: readonly Reservation[],
  ) {
    // a paper with no preference for a standing candidate is void: not a valid vote (rule 45(3))
    super(profile, options, seats, SCOTTISH_PLACES, 'Scottish STV counts whole ballot papers only');
    this.quota = (Math.floor(this.papers / (seats + 1)) + 1) * this.ONE;
    this.piles = new Piles(this.n);
  }

  run(): TallyResult {
    // rule 45: first preferences
    this.firstPreferences((c, g) => this.piles.push(c, g));
    this.record(this.quota, {
      kind: 'first-count',
      description: 'First preferences',
      elected: this.electWithQuota(),
    });
    while (!this.complete()) {
      const stage = this.sheet.rounds.length + 1;
      const stageTies: TieRecord[] = [];
      const forReserved = excludedForReservations(
        this.reserved,
        this.winners,
        this.seatsLeft(),
        this.hopefuls(),
      );
      if (forReserved) this.excludeForReservedSeats(forReserved, stageTies);
      else if (this.pending.length > 0) this.transferLargestSurplus(stage, stageTies);
      else this.excludeLowest(stage, stageTies);
    }
    // rule 52: fill the last vacancies; everyone else is not elected
    this.fillLastVacancies(this.hopefuls(), {
      elected: 'continuing candidates no more than the vacancies left (rule 52)',
      excluded: 'every seat has been filled',
    });
    return this.result('scottish-stv', SCOTTISH_PLACES, this.fmt(this.quota));
  }

  private complete(): boolean {
    return this.seatsLeft() <= 0 || this.hopefuls().length <= this.seatsLeft();
  }

  /** Rule 47: elect everyone at or over the quota, highest first. */
  private electWithQuota(): Decision[] {
    const { votes, quota } = this;
    const reached = this.hopefuls().filter((c) => votes[c]! >= quota);
    const decisions: Decision[] = [];
    for (const c of byVotesDescending(reached, votes)) {
      if (blocksReservation(this.reserved, this.winners, this.seatsLeft(), c)) continue; // waits; see reserved-seats.ts
      this.status[c] = ELECTED;
      this.winners.push(c);
      this.pending.push(c);
      decisions.push({
        candidate: c,
        code: 'QUOTA_REACHED',
        reason: `${this.fmt(votes[c]!)} votes reached the quota of ${this.fmt(quota)}`,
      });
    }
    return decisions;
  }

  /** Move each group on to its next continuing candidate at `newValue(value)`. */
  private passOn(taken: Int32Array, newValue: (v: number) => number): number {
    const { value, weights, offsets, pos, prefs, status, votes, piles } = this;
    let moved = 0;
    let exhausted = this.exhausted;
    // papers come in runs of the same value: work out each new value once a run
    let lastIn = -1;
    let lastOut = 0;
    for (let i = 0; i < taken.length; i++) {
      const g = taken[i]!;
      const before = value[g]!;
      if (before !== lastIn) {
        lastIn = before;
        lastOut = newValue(before);
      }
      const v = lastOut;
      value[g] = v;
      const end = offsets[g + 1]!;
      const p = nextContinuing(prefs, status, pos[g]! + 1, end);
      pos[g] = p;
      const units = weights[g]! * v;
      moved += units;
      if (p < end) {
        const c = prefs[p]!;
        votes[c]! += units;
        piles.push(c, g);
      } else exhausted += units;
    }
    this.exhausted = exhausted;
    return moved;
  }

  /** The seats left are all reserved: exclude everyone who cannot fill them, in one stage. */
  private excludeForReservedSeats(forReserved: ReservedExclusion, stageTies: TieRecord[]): void {
    const excluded: Decision[] = forReserved.candidates.map((c) => ({
      candidate: c,
      code: 'RESERVED_SEATS',
      reason: `the ${this.seatsLeft()} seat(s) left are reserved for ${forReserved.group}`,
    }));
    for (const c of forReserved.candidates) this.status[c] = EXCLUDED;
    this.pending = this.pending.filter((c) => this.status[c] === ELECTED);
    for (const c of forReserved.candidates) {
      this.passOn(this.piles.take(c), sameValue);
      this.votes[c] = 0;
    }
    this.record(this.quota, {
      kind: 'exclusion',
      description: `Exclusion of ${forReserved.candidates.map((c) => this.profile.candidates[c]).join(', ')} (reserved seats)`,
      from: forReserved.candidates,
      elected: this.complete() ? [] : this.electWithQuota(),
      excluded,
      ties: stageTies,
    });
  }

  /**
   * Rules 48, 49: the largest surplus first. All the candidate's papers move on, each at the
   * surplus × its value ÷ the candidate's votes, to five places with the remainder ignored (the
   * residue); the candidate keeps the quota.
   */
  private transferLargestSurplus(stage: number, stageTies: TieRecord[]): void {
    const { votes, quota } = this;
    const top = Math.max(...this.pending.map((c) => votes[c]!));
    const tied = this.pending.filter((c) => votes[c] === top).sort((a, b) => a - b);
    const x = this.settleTie(tied, 'highest', 'surplus order', stage, stageTies);
    this.pending = this.pending.filter((c) => c !== x);
    const total = votes[x]!;
    const surplus = total - quota;
    const cache = new Map<number, number>();
    const tv = (v: number) => {
      let r = cache.get(v);
      if (r === undefined) {
        r = mulDivUnits(v, surplus, total, 'down'); // rule 48(3): to 5 places, remainder ignored
        cache.set(v, r);
      }
      return r;
    };
    const moved = this.passOn(this.piles.take(x), tv);
    votes[x] = quota;
    this.residue += surplus - moved;
    const elected = this.electWithQuota();
    this.record(quota, {
      kind: 'surplus',
      description: `Transfer of the surplus of ${this.profile.candidates[x]}`,
      from: [x],
      surplus,
      transferValue: tv(this.ONE),
      elected,
      ties: stageTies,
    });
  }

  /** Rules 50, 51: exclude the lowest; their papers pass on at the value they arrived with. */
  private excludeLowest(stage: number, stageTies: TieRecord[]): void {
    const { votes } = this;
    const all = this.hopefuls();
    const open = all.filter((c) => !protectedFromExclusion(this.reserved, this.winners, all, c));
    const hs = open.length ? open : all;
    const low = Math.min(...hs.map((c) => votes[c]!));
    const tied = hs.filter((c) => votes[c] === low);
    const x = this.settleTie(tied, 'lowest', 'exclusion', stage, stageTies);
    this.status[x] = EXCLUDED;
    const excluded: Decision[] = [
      {
        candidate: x,
        code: 'LOWEST_VOTE',
        reason:
          tied.length > 1
            ? `lowest with ${this.fmt(low)} votes, tied and chosen by ${describeTie(stageTies.at(-1))}`
            : `lowest with ${this.fmt(low)} votes`,
      },
    ];
    this.passOn(this.piles.take(x), sameValue);
    votes[x] = 0;
    // if that leaves no more continuing candidates than vacancies, rule 52 fills them below
    this.record(this.quota, {
      kind: 'exclusion',
      description: `Exclusion of ${this.profile.candidates[x]}`,
      from: [x],
      elected: this.complete() ? [] : this.electWithQuota(),
      excluded,
      ties: stageTies,
    });
  }

  /** Rules 49(2)-(3) and 51: look back through earlier stages, most recent first, then by lot. */
  protected tieStages() {
    const { history } = this.sheet;
    return {
      stages: [...history].reverse(),
      method: 'earlier-stage' as const,
      stageOf: (decidedAt: number) => history.length - decidedAt,
    };
  }
}

export function describeTie(t: TieRecord | undefined): string {
  if (!t) return 'tie-break';
  switch (t.method) {
    case 'earlier-stage':
      return `the votes at stage ${t.stage}`;
    case 'later-stage':
      return `the votes at stage ${t.stage}`;
    case 'order':
      return 'the tie order fixed before the count';
    case 'lot':
      return `lot (draw ${t.draw})`;
  }
}
