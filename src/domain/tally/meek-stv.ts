/**
 * STV by Meek's method, as the Proportional Representation Foundation's reference rule.
 *
 * Sources: I. D. Hill, B. A. Wichmann and D. R. Woodall, "Algorithm 123: Single Transferable
 * Vote by Meek's method", The Computer Journal 30(3), 1987; the PR Foundation's "Reference Meek
 * Rule" (prfound.org/resources/reference/reference-meek-rule), which fixes the arithmetic:
 * 9 decimal places, omega 0.000001. Checked against Droop's "meek-prf" rule report by report.
 *
 * Terms (the rule's step letters in brackets):
 * - Keep factor kf: the share of a vote reaching a candidate that the candidate keeps; 1 for a
 *   hopeful candidate, 0 for a defeated or withdrawn one, and between for an elected one [A].
 * - Distribution [B.2.a]: each ballot starts with weight w = 1; each candidate in order keeps
 *   w × kf (to 9 places, rounded up) and passes the rest on, until w is 0 or the ranking ends.
 *   Weight left at the end of a ranking is non-transferable (Droop's "residual").
 * - Quota [B.2.b]: the votes held by hopeful and elected candidates ÷ (seats + 1), truncated to
 *   9 places, plus 0.000000001. It is recomputed at every iteration.
 * - Election [B.2.c]: hopeful candidates with votes ≥ quota are elected (which ends the round).
 * - Surplus s [B.2.d]: Σ (votes − quota) over the elected, not below 0.
 * - Iteration ends [B.2.e] when s < omega (0.000001) or s stops falling ("stable"); otherwise
 *   [B.2.f] each elected kf ← kf × quota (rounded up) ÷ votes (rounded up) and repeat.
 * - Defeat [B.3]: the hopeful candidate with the fewest votes; every hopeful candidate within s
 *   of the lowest counts as tied [T], settled by lot (or a tie order fixed in advance).
 * - Count complete [C]: when elected + hopeful ≤ seats, or every seat is filled: elect or defeat
 *   the rest.
 * Equal rankings are refused (the reference rule has none).
 */
import { requireStrictRankings, seatsFor } from './ballots.ts';
import { assertExact, divRound, fractionMultiplier } from './fixed.ts';
import { ELECTED, EXCLUDED, HOPEFUL, StageRecorder, WITHDRAWN } from './count-sheet.ts';
import { rankingTree, type RankingTree } from './ranking-tree.ts';
import { completeCount, countResult } from './stv-count.ts';
import { TieBreaker } from './ties.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export const MEEK_PLACES = 9;

export interface MeekOptions extends CountOptions {
  /** Stop iterating when the total surplus is below this many units of 10^-9 (default 1000). */
  readonly omegaUnits?: number;
  /** A safety net against a count that never settles (the rule itself always terminates). */
  readonly maxIterations?: number;
}

export function countMeekStv(profile: BallotProfile, options: MeekOptions = {}): TallyResult {
  requireStrictRankings(profile, 'Meek STV');
  return new MeekCount(profile, options, seatsFor(profile, options.seats)).run();
}

const ONE = 10 ** MEEK_PLACES;

/** Why a round's iteration stopped: someone was elected, the surplus fell below omega, or stopped falling. */
type Stop = 'elected' | 'omega' | 'stable';

/** One count by Meek's method, round by round. */
class MeekCount {
  private readonly n: number;
  private readonly omega: number;
  private readonly maxIterations: number;
  /**
   * The distribution walks the ranking tree (see ranking-tree.ts): a node's papers all carry
   * the same weight on to its children, so each prefix is worked out once, not once a paper.
   */
  private readonly tree: RankingTree;
  private readonly mulUp = fractionMultiplier(MEEK_PLACES);
  /** The weight each paper carries past a node's candidate. */
  private readonly carried: Float64Array;
  private readonly blank: number;
  private readonly papers: number;
  private readonly status: Uint8Array;
  /** Keep factors [A]. */
  private readonly kf: Float64Array;
  private readonly votes: Float64Array;
  private readonly ties: TieBreaker;
  private readonly sheet: StageRecorder;
  private readonly winners: number[] = [];
  /** The non-transferable weight after the last distribution. */
  private residual = 0;
  private quota = 0;
  private surplus = 0;
  private totalIterations = 0;

  constructor(
    private readonly profile: BallotProfile,
    options: MeekOptions,
    private readonly seats: number,
  ) {
    this.omega = options.omegaUnits ?? 1000;
    this.maxIterations = options.maxIterations ?? 100_000;
    this.n = profile.candidates.length;
    this.tree = rankingTree(profile);
    this.carried = new Float64Array(this.tree.nodes);
    this.blank = this.tree.ends[0]!;
    this.papers = profile.ballots.total - this.blank;
    assertExact(this.papers * ONE, 'the number of ballot papers');
    this.status = new Uint8Array(this.n);
    this.kf = new Float64Array(this.n).fill(ONE);
    for (const w of profile.withdrawn) {
      this.status[w] = WITHDRAWN;
      this.kf[w] = 0;
    }
    this.votes = new Float64Array(this.n);
    this.ties = new TieBreaker(profile, options);
    this.sheet = new StageRecorder(MEEK_PLACES, this.n);
  }

  run(): TallyResult {
    const { sheet, votes, kf } = this;
    const fmt = (u: number) => sheet.fmt(u);
    // first count, for the record
    this.distribute();
    this.quota = this.quotaOf(this.papers * ONE);
    sheet.record({
      kind: 'first-count',
      description: 'First preferences',
      votes,
      status: this.status,
      quota: this.quota,
      exhausted: this.residual,
      residue: 0,
      extra: { keepFactors: Array.from(kf, fmt), surplus: fmt(0), iterations: 0 },
    });
    while (this.count(HOPEFUL) > this.seatsLeft() && this.seatsLeft() > 0) {
      const stage = sheet.rounds.length + 1;
      const elected: Decision[] = [];
      const { stop, iterations, surpluses } = this.iterate(elected);
      const roundVotes = Float64Array.from(votes);
      const extra = {
        keepFactors: Array.from(kf, fmt),
        surplus: fmt(this.surplus),
        iterations,
        iterationSurpluses: surpluses,
        stop,
      };
      if (stop === 'elected') this.recordElection(elected, roundVotes, extra);
      else this.defeatLowest(stop, stage, roundVotes, extra);
    }
    // C: elect or defeat the rest
    completeCount(sheet, this.hopefuls(), this.status, this.winners, this.seats, {
      elected: 'hopeful candidates no more than the seats left',
      excluded: 'every seat has been filled',
    });
    return countResult(this.profile, {
      method: 'meek-stv',
      seats: this.seats,
      precision: MEEK_PLACES,
      quota: sheet.rounds[0]!.quota,
      ballots: this.papers,
      blank: this.blank,
      winners: this.winners,
      winnerVotes: this.winners.map((c) => fmt(votes[c]!)),
      rounds: sheet.rounds,
      exhausted: sheet.rounds[sheet.rounds.length - 1]!.exhausted,
      residue: fmt(0),
      ties: this.ties,
    });
  }

  private seatsLeft(): number {
    return this.seats - this.winners.length;
  }

  private count(s: number): number {
    return this.status.reduce((k, x) => k + (x === s ? 1 : 0), 0);
  }

  private hopefuls(): number[] {
    return [...Array(this.n).keys()].filter((c) => this.status[c] === HOPEFUL);
  }

  /** B.2.b: the live votes ÷ (seats + 1), truncated, plus one unit. */
  private quotaOf(total: number): number {
    return Math.floor(total / (this.seats + 1)) + 1;
  }

  /** B.2.a: distribute every ballot by the keep factors; what reaches no one is the residual. */
  private distribute(): void {
    const { votes, kf, carried, mulUp } = this;
    const { nodes, candidate, parent, size, through, ends } = this.tree;
    votes.fill(0);
    let lost = 0;
    carried[0] = ONE;
    for (let i = 1; i < nodes;) {
      const c = candidate[i]!;
      const k = kf[c]!;
      const w = carried[parent[i]!]!;
      if (k === ONE) {
        // a hopeful candidate keeps all: nothing passes further down this subtree
        votes[c]! += w * through[i]!;
        i += size[i]!;
        continue;
      }
      const keep = k === 0 ? 0 : mulUp(w, k, 'up');
      if (keep !== 0) votes[c]! += keep * through[i]!;
      const rest = w - keep;
      if (rest <= 0) {
        i += size[i]!;
        continue;
      }
      carried[i] = rest;
      lost += rest * ends[i]!;
      i++;
    }
    this.residual = lost;
  }

  /** The votes of hopeful and elected candidates. */
  private liveVotes(): number {
    let t = 0;
    for (let c = 0; c < this.n; c++)
      if (this.status[c] === HOPEFUL || this.status[c] === ELECTED) t += this.votes[c]!;
    return t;
  }

  /**
   * B.2: distribute, recompute the quota, elect those who reach it [c], measure the surplus [d];
   * stop on an election, a surplus below omega, or one that stopped falling [e]; else new keep
   * factors [f] and again.
   */
  private iterate(elected: Decision[]): { stop: Stop; iterations: number; surpluses: string[] } {
    const { votes, status, n } = this;
    let lastSurplus = this.papers * ONE;
    const surpluses: string[] = [];
    let iterations = 0;
    for (;;) {
      iterations++;
      if (++this.totalIterations > this.maxIterations)
        throw new Error('Meek count did not converge');
      this.distribute();
      const quota = (this.quota = this.quotaOf(this.liveVotes()));
      for (let c = 0; c < n; c++) {
        if (status[c] === HOPEFUL && votes[c]! >= quota) {
          status[c] = ELECTED;
          this.winners.push(c);
          elected.push({
            candidate: c,
            code: 'QUOTA_REACHED',
            reason: `${this.sheet.fmt(votes[c]!)} votes reached the quota of ${this.sheet.fmt(quota)}`,
          });
        }
      }
      let surplus = 0;
      for (let c = 0; c < n; c++) if (status[c] === ELECTED) surplus += votes[c]! - quota;
      if (surplus < 0) surplus = 0;
      this.surplus = surplus;
      surpluses.push(this.sheet.fmt(surplus));
      if (elected.length > 0) return { stop: 'elected', iterations, surpluses };
      if (surplus < this.omega) return { stop: 'omega', iterations, surpluses };
      if (surplus >= lastSurplus) return { stop: 'stable', iterations, surpluses };
      lastSurplus = surplus;
      this.newKeepFactors();
    }
  }

  /** B.2.f: each elected kf ← kf × quota ÷ votes, each step rounded up. */
  private newKeepFactors(): void {
    const { kf, votes, quota } = this;
    for (let c = 0; c < this.n; c++) {
      if (this.status[c] !== ELECTED) continue;
      const kq = divRound(BigInt(kf[c]!) * BigInt(quota), BigInt(ONE), 'up');
      kf[c] = Number(divRound(kq * BigInt(ONE), BigInt(votes[c]!), 'up'));
    }
  }

  /** A round that ended in an election, those elected highest first. */
  private recordElection(elected: Decision[], roundVotes: Float64Array, extra: object): void {
    const { votes } = this;
    elected.sort((a, b) => votes[b.candidate]! - votes[a.candidate]! || a.candidate - b.candidate);
    this.sheet.record({
      kind: 'iteration',
      description: `Election of ${elected.map((d) => this.profile.candidates[d.candidate]).join(', ')}`,
      votes: roundVotes,
      status: this.status,
      quota: this.quota,
      exhausted: this.residual,
      residue: 0,
      elected,
      extra: extra as Record<string, unknown>,
    });
  }

  /** B.3: defeat the lowest; anyone within the surplus of the lowest is tied with them. */
  private defeatLowest(stop: Stop, stage: number, roundVotes: Float64Array, extra: object): void {
    const { votes, surplus } = this;
    const fmt = (u: number) => this.sheet.fmt(u);
    const hopeful = this.hopefuls();
    const low = Math.min(...hopeful.map((c) => votes[c]!));
    const tied = hopeful.filter((c) => votes[c]! <= low + surplus);
    const stageTies: TieRecord[] = [];
    let x = tied[0]!;
    if (tied.length > 1) {
      const t = this.ties.lot(tied, 'exclusion', stage);
      stageTies.push(t);
      x = t.chosen;
    }
    this.status[x] = EXCLUDED;
    this.kf[x] = 0;
    const why =
      stop === 'omega'
        ? `lowest with ${fmt(votes[x]!)} votes once the surplus (${fmt(surplus)}) was below omega`
        : `lowest with ${fmt(votes[x]!)} votes once the surplus (${fmt(surplus)}) stopped falling`;
    this.sheet.record({
      kind: 'iteration',
      description: `Exclusion of ${this.profile.candidates[x]}`,
      from: [x],
      votes: roundVotes,
      status: this.status,
      quota: this.quota,
      exhausted: this.residual,
      residue: 0,
      excluded: [
        {
          candidate: x,
          code: 'LOWEST_VOTE',
          reason: tied.length > 1 ? `${why}; tied, chosen by ${stageTies[0]!.method}` : why,
        },
      ],
      ties: stageTies,
      extra: { ...extra, keepFactors: Array.from(this.kf, fmt) },
    });
    votes[x] = 0;
  }
}
