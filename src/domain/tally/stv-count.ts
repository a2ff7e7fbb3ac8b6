/**
 * What the Droop-quota STV counts that move whole ballot papers (the Scottish rules, ERS97)
 * share: the papers counted, the state of the count (each candidate's votes and standing, each
 * paper's value and where it has got to on its ranking), the first preferences, settling a tie
 * by the votes at other stages, filling the last vacancies, and the result. Each rule's own
 * steps (its quota, its surplus transfer, its exclusion) stay in its file.
 */
import { DomainError } from '../errors.ts';
import { strictRankings } from './ballots.ts';
import { assertExact } from './fixed.ts';
import { ELECTED, EXCLUDED, HOPEFUL, StageRecorder, WITHDRAWN } from './count-sheet.ts';
import { narrowByStages, TieBreaker } from './ties.ts';
import type {
  BallotProfile,
  CountOptions,
  Decision,
  MethodName,
  Round,
  TallyResult,
  TieRecord,
} from './types.ts';

/** The position on a ranking of its next continuing candidate after `p`, or `end` if none. */
export function nextContinuing(
  prefs: Int32Array,
  status: Uint8Array,
  p: number,
  end: number,
): number {
  while (p < end && status[prefs[p]!] !== HOPEFUL) p++;
  return p;
}

/** A Droop-quota count of whole papers, stage by stage, with values in units of 10^-places. */
export abstract class PaperCount {
  readonly n: number;
  readonly seats: number;
  /** One unit of value: a whole paper. */
  readonly ONE: number;
  readonly prefs: Int32Array;
  readonly offsets: Uint32Array;
  readonly weights: Float64Array;
  /** Groups of identical papers. */
  readonly groups: number;
  /** Papers with no preference for a standing candidate: void, not counted. */
  readonly blank: number;
  readonly papers: number;
  readonly status: Uint8Array;
  readonly votes: Float64Array;
  /** Each group's present value per paper. */
  readonly value: Float64Array;
  /** Each group's place in `prefs`: the candidate holding it now. */
  readonly pos: Int32Array;
  readonly winners: number[] = [];
  exhausted = 0;
  residue = 0;
  readonly ties: TieBreaker;
  readonly sheet: StageRecorder;

  constructor(
    readonly profile: BallotProfile,
    options: CountOptions,
    seats: number,
    places: number,
    /** What is said when a paper's weight is not whole. */
    wholePapersOnly: string,
  ) {
    this.n = profile.candidates.length;
    this.seats = seats;
    this.ONE = 10 ** places;
    const { prefs, offsets, weights, count } = strictRankings(profile);
    this.prefs = prefs;
    this.offsets = offsets;
    this.weights = weights;
    this.groups = count;
    let blank = 0;
    for (let g = 0; g < count; g++) if (offsets[g] === offsets[g + 1]) blank += weights[g]!;
    this.blank = blank;
    this.papers = profile.ballots.total - blank;
    if (!Number.isInteger(this.papers))
      throw new DomainError('UNSUPPORTED_METHOD_OPTION', wholePapersOnly);
    assertExact(this.papers * this.ONE, 'the number of ballot papers');
    this.status = new Uint8Array(this.n);
    for (const w of profile.withdrawn) this.status[w] = WITHDRAWN;
    this.votes = new Float64Array(this.n);
    this.value = new Float64Array(count).fill(this.ONE);
    this.pos = new Int32Array(count);
    this.ties = new TieBreaker(profile, options);
    this.sheet = new StageRecorder(places, this.n);
  }

  /** First preferences: each paper to the candidate it ranks first, at full value. */
  firstPreferences(receive: (candidate: number, group: number) => void): void {
    const { prefs, offsets, weights, votes, pos, ONE } = this;
    for (let g = 0; g < this.groups; g++) {
      const start = offsets[g]!;
      pos[g] = start;
      if (start === offsets[g + 1]) continue; // void
      const c = prefs[start]!;
      votes[c]! += weights[g]! * ONE;
      receive(c, g);
    }
  }

  /** Continuing candidates: neither elected nor excluded (nor withdrawn). */
  hopefuls(): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.n; c++) if (this.status[c] === HOPEFUL) out.push(c);
    return out;
  }

  seatsLeft(): number {
    return this.seats - this.winners.length;
  }

  fmt(units: number): string {
    return this.sheet.fmt(units);
  }

  /** Records a stage with the count's present votes, standing, quota and losses. */
  record(
    quota: number,
    stage: Omit<
      Parameters<StageRecorder['record']>[0],
      'votes' | 'status' | 'quota' | 'exhausted' | 'residue'
    >,
  ): Round {
    const { votes, status, exhausted, residue } = this;
    return this.sheet.record({ ...stage, votes, status, quota, exhausted, residue });
  }

  /**
   * Where the rule looks to settle a tie: the votes at other stages, in the order it looks at
   * them, and how it names the stage that decided.
   */
  protected abstract tieStages(): {
    stages: readonly Float64Array[];
    method: 'earlier-stage' | 'later-stage';
    stageOf: (decidedAt: number) => number;
  };

  /**
   * A tie settled by the votes at other stages (`tieStages`): the first that separates the
   * tied candidates decides, else lot among those still level.
   */
  protected settleTie(
    tied: number[],
    pick: 'lowest' | 'highest',
    purpose: string,
    round: number,
    out: TieRecord[],
  ): number {
    if (tied.length === 1) return tied[0]!;
    const { stages, method, stageOf } = this.tieStages();
    const { left, decidedAt } = narrowByStages(tied, stages, pick);
    const record =
      decidedAt >= 0
        ? this.ties.settled({
            round,
            purpose,
            among: tied,
            chosen: left[0]!,
            method,
            stage: stageOf(decidedAt),
          })
        : this.ties.lot(left, purpose, round, tied);
    out.push(record);
    return record.chosen;
  }

  /**
   * Completion: the continuing candidates, in `order`, fill the seats left; once every seat is
   * filled the rest are not elected. Recorded as part of the last stage.
   */
  fillLastVacancies(order: readonly number[], why: { elected: string; excluded: string }): void {
    completeCount(this.sheet, order, this.status, this.winners, this.seats, why);
  }

  /** The count's result, with the quota as the rule reports it. */
  result(method: MethodName, places: number, quota: string): TallyResult {
    return countResult(this.profile, {
      method,
      seats: this.seats,
      precision: places,
      quota,
      ballots: this.papers,
      blank: this.blank,
      winners: this.winners,
      winnerVotes: this.winners.map((c) => this.fmt(this.votes[c]!)),
      rounds: this.sheet.rounds,
      exhausted: this.fmt(this.exhausted),
      residue: this.fmt(this.residue),
      ties: this.ties,
    });
  }
}

/**
 * The end of an STV count: the continuing candidates, in `order`, are elected while seats are
 * left and otherwise not elected; recorded as part of the last stage.
 */
export function completeCount(
  sheet: StageRecorder,
  order: readonly number[],
  status: Uint8Array,
  winners: number[],
  seats: number,
  why: { elected: string; excluded: string },
): void {
  const elected: Decision[] = [];
  const excluded: Decision[] = [];
  for (const c of order) {
    if (winners.length < seats) {
      status[c] = ELECTED;
      winners.push(c);
      elected.push({ candidate: c, code: 'LAST_VACANCIES', reason: why.elected });
    } else {
      status[c] = EXCLUDED;
      excluded.push({ candidate: c, code: 'SEATS_FILLED', reason: why.excluded });
    }
  }
  sheet.amendLast({ status, elected, excluded });
}

/** A count's result: the profile's title and candidates, the tie-breaker's record and seed. */
export function countResult(
  profile: BallotProfile,
  r: Omit<TallyResult, 'title' | 'candidates' | 'ties' | 'seed'> & { ties: TieBreaker },
): TallyResult {
  // the fields in the order every count reports them
  return {
    method: r.method,
    title: profile.title,
    seats: r.seats,
    candidates: profile.candidates,
    precision: r.precision,
    quota: r.quota,
    ballots: r.ballots,
    blank: r.blank,
    winners: r.winners,
    winnerVotes: r.winnerVotes,
    rounds: r.rounds,
    exhausted: r.exhausted,
    residue: r.residue,
    ties: r.ties.records,
    seed: r.ties.seed,
  };
}
