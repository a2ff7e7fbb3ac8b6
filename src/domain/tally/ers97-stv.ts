/**
 * STV under the Electoral Reform Society's 1997 rules (ERS97).
 *
 * Source: Electoral Reform Society, "How to conduct an election by the Single Transferable
 * Vote", 3rd edition (1997), sections 5.1-5.6, as reproduced in OpenSTV's ERS97 plugin
 * (OpenTechStrategies/openstv, MethodPlugins/ERS97STV.py, validated there against eSTV).
 *
 * Terms (paragraph numbers in brackets):
 * - Values are kept to two decimal places [5.1.6, 5.3.7].
 * - Quota: total valid vote ÷ (places + 1) to two decimals; if not exact, the remainder is
 *   ignored and 0.01 added (that is, rounded up) [5.1.6]. If papers become non-transferable
 *   before anyone is elected, the quota is recalculated without them [5.4.8].
 * - Deemed elected: a continuing candidate with the quota, or with the total active vote ÷
 *   (places not yet filled + 1), in descending order of votes [5.1.7, 5.3.13, 5.4.9]. Total
 *   active vote: the total valid vote less the quotas (or votes, if less) of those elected and
 *   the non-transferable votes [5.6.1]. Equal votes with too few places: the earliest point of
 *   the count where they differed decides; equal throughout, none is elected at that stage
 *   [5.6.2].
 * - Surplus: the largest is transferred first; surpluses are deferred while their total could
 *   not change the order at the bottom [5.2.2]. Ties: the earliest point where they differed
 *   (looking forward from the first stage), then lot [5.2.3].
 * - Transfer of a surplus: all papers if elected at the first stage, otherwise only the last
 *   batch received, which gave rise to the surplus [5.3.1-2]. Transfer value: the surplus ÷
 *   the number of transferable papers, to two decimals, remainder ignored, unless their value
 *   is no more than the surplus, in which case each keeps its present value [5.3.7]. The
 *   neglected remainder is the "non-transferable difference" (reported here as residue).
 * - Exclusion: as many of the lowest candidates together as can be while enough remain to
 *   fill the places and their votes, with any deferred surpluses, do not exceed the next
 *   candidate's [5.2.5]; ties for lowest: the earliest point where they differed, then lot.
 *   Their papers move in batches by descending transfer value, with candidates deemed elected
 *   after each batch receiving no more [5.4].
 * - Completion: when continuing candidates equal the places left they are elected; when the
 *   places are filled the rest are excluded [5.5].
 * A "point" of the count, for ties, is the end of the first stage or of any batch transfer.
 */
import { requireStrictRankings, seatsFor } from './ballots.ts';
import { ELECTED, EXCLUDED } from './count-sheet.ts';
import { narrowByStages } from './ties.ts';
import { nextContinuing, PaperCount } from './stv-count.ts';
import type { BallotProfile, CountOptions, Decision, TallyResult, TieRecord } from './types.ts';

export const ERS97_PLACES = 2;

interface Batch {
  readonly groups: number[];
}

export function countErs97Stv(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  requireStrictRankings(profile, 'ERS97 STV');
  return new Ers97Count(profile, options, seatsFor(profile, options.seats)).run();
}

/** One count under ERS97, stage by stage. */
class Ers97Count extends PaperCount {
  /** The total valid vote. */
  private readonly total: number;
  private quota: number;
  /** The batches of papers each candidate holds, in the order received. */
  private readonly batches: Batch[][];
  /** The batch that brought each candidate over the quota: the one whose surplus moves on. */
  private readonly lastBatch: (Batch | null)[];
  private readonly electedAtFirst: Uint8Array;
  /** Elected candidates whose surplus has been dealt with. */
  private readonly transferred: Uint8Array;
  /** Votes after the first stage and after every batch: the "points" of the count, for ties. */
  private readonly points: Float64Array[] = [];

  constructor(profile: BallotProfile, options: CountOptions, seats: number) {
    super(profile, options, seats, ERS97_PLACES, 'ERS97 STV counts whole papers only');
    this.total = this.papers * this.ONE;
    this.quota = this.quotaFor(this.total);
    this.batches = Array.from({ length: this.n }, () => []);
    this.lastBatch = Array(this.n).fill(null);
    this.electedAtFirst = new Uint8Array(this.n);
    this.transferred = new Uint8Array(this.n);
  }

  /** 5.1.6: the valid vote ÷ (places + 1), rounded up at the second decimal. */
  private quotaFor(valid: number): number {
    return Math.ceil(valid / (this.seats + 1));
  }

  run(): TallyResult {
    this.firstStage();
    const elected: Decision[] = [];
    this.electReached(1, elected, []);
    this.record(this.quota, { kind: 'first-count', description: 'First preferences', elected });
    while (this.seatsLeft() > 0) {
      const stage = this.sheet.rounds.length + 1;
      const stageTies: TieRecord[] = [];
      const cont = this.hopefuls();
      if (cont.length <= this.seatsLeft()) break;
      const { votes, quota } = this;
      const withSurplus = this.winners.filter((c) => !this.transferred[c] && votes[c]! > quota);
      const deferred = withSurplus.reduce((t, c) => t + votes[c]! - quota, 0);
      const sorted = [...cont].sort((a, b) => votes[a]! - votes[b]! || a - b);
      if (withSurplus.length > 0 && !this.mayDefer(sorted, cont, deferred)) {
        this.transferSurplus(withSurplus, stage, stageTies);
        continue;
      }
      const group = this.chooseExclusion(sorted, cont, deferred, stage, stageTies);
      if (!this.exclude(group, stage, stageTies)) break;
    }
    // 5.5: completion
    this.fillLastVacancies(
      this.hopefuls().sort((a, b) => this.votes[b]! - this.votes[a]! || a - b),
      {
        elected: 'continuing candidates no more than the places left (5.5.1)',
        excluded: 'every place has been filled (5.5.2)',
      },
    );
    return this.result('ers97-stv', ERS97_PLACES, this.sheet.rounds[0]!.quota!);
  }

  /** 5.1: each paper to its first preference, one batch per candidate. */
  private firstStage(): void {
    const first: Batch[] = Array.from({ length: this.n }, () => ({ groups: [] }));
    this.firstPreferences((c, g) => first[c]!.groups.push(g));
    for (let c = 0; c < this.n; c++) if (first[c]!.groups.length) this.batches[c]!.push(first[c]!);
    this.points.push(Float64Array.from(this.votes));
  }

  /** 5.6.1: the valid vote less the quotas (or votes) of the elected and what is lost. */
  private activeVote(): number {
    let v = this.total - this.exhausted - this.residue;
    for (const c of this.winners) v -= Math.min(this.quota, this.votes[c]!);
    return v;
  }

  /** 5.1.7 / 5.3.13 / 5.4.9: deem elected, highest first. */
  private electReached(stage: number, out: Decision[], stageTies: TieRecord[]): void {
    const { votes, quota } = this;
    for (;;) {
      const left = this.seatsLeft();
      if (left <= 0) return;
      const threshold = Math.min(quota, this.activeVote() / (left + 1));
      const reached = this.hopefuls().filter((c) => votes[c]! >= threshold);
      if (reached.length === 0) return;
      reached.sort((a, b) => votes[b]! - votes[a]! || a - b);
      const chosen =
        reached.length <= left ? reached : this.tooFewPlaces(reached, stage, stageTies);
      if (chosen.length === 0) return;
      for (const c of chosen) {
        this.status[c] = ELECTED;
        this.winners.push(c);
        if (stage === 1) this.electedAtFirst[c] = 1;
        out.push({
          candidate: c,
          code: 'QUOTA_REACHED',
          reason:
            votes[c]! >= quota
              ? `${this.fmt(votes[c]!)} votes reached the quota of ${this.fmt(quota)}`
              : `${this.fmt(votes[c]!)} votes reached the total active vote ÷ (places left + 1)`,
        });
      }
    }
  }

  /**
   * 5.6.2: more have reached the threshold than there are places; those level at the boundary
   * are separated by the earliest point where they differed, and if equal at every point none
   * of them is elected at this stage.
   */
  private tooFewPlaces(reached: number[], stage: number, stageTies: TieRecord[]): number[] {
    const { votes } = this;
    const left = this.seatsLeft();
    const cut = votes[reached[left - 1]!]!;
    const sure = reached.filter((c) => votes[c]! > cut);
    const level = reached.filter((c) => votes[c] === cut);
    const room = left - sure.length;
    const { left: best, decidedAt } = narrowByStages(level, this.points, 'highest');
    if (decidedAt < 0 || best.length > room) return sure;
    stageTies.push(
      this.ties.settled({
        round: stage,
        purpose: 'election',
        among: level,
        chosen: best[0]!,
        method: 'later-stage',
        stage: decidedAt + 1,
      }),
    );
    return [...sure, best[0]!];
  }

  /** Moves groups to their next continuing preference at `tv` (or their own value). */
  private move(gs: readonly number[], tv: ((g: number) => number) | null) {
    const { offsets, pos, prefs, status, value, weights, votes } = this;
    const received = new Map<number, Batch>();
    let moved = 0;
    let lost = 0;
    for (const g of gs) {
      const end = offsets[g + 1]!;
      const p = nextContinuing(prefs, status, pos[g]! + 1, end);
      pos[g] = p;
      const v = tv ? tv(g) : value[g]!;
      value[g] = v;
      const units = v * weights[g]!;
      if (p < end) {
        const c = prefs[p]!;
        votes[c]! += units;
        let b = received.get(c);
        if (!b) received.set(c, (b = { groups: [] }));
        b.groups.push(g);
        moved += units;
      } else lost += units;
    }
    for (const [c, b] of received) {
      this.batches[c]!.push(b);
      // the batch that brings a candidate over the quota is the one whose surplus moves on
      this.lastBatch[c] = b;
    }
    return { moved, lost };
  }

  /** Whether a paper has a further continuing candidate to go to. */
  private nextOnPaper = (g: number): boolean => {
    const end = this.offsets[g + 1]!;
    return nextContinuing(this.prefs, this.status, this.pos[g]! + 1, end) < end;
  };

  /** 5.2.5: how many of the lowest could be excluded together, with `extra` votes beside them. */
  private lowestThatCanGo(sorted: readonly number[], cont: readonly number[], extra: number) {
    const { votes } = this;
    let best = 0;
    let sum = 0;
    for (let k = 1; k < sorted.length; k++) {
      sum += votes[sorted[k - 1]!]!;
      if (cont.length - k < this.seatsLeft()) break;
      if (sum + extra <= votes[sorted[k]!]! && votes[sorted[k - 1]!]! < votes[sorted[k]!]!)
        best = k;
    }
    return best;
  }

  /** 5.2.2: surpluses wait while together they could not change who is lowest. */
  private mayDefer(sorted: readonly number[], cont: readonly number[], deferred: number) {
    const { votes } = this;
    const a = sorted.length >= 2 ? votes[sorted[1]!]! - votes[sorted[0]!]! : -1;
    const k = this.lowestThatCanGo(sorted, cont, 0);
    const b =
      k >= 2 ? votes[sorted[k]!]! - sorted.slice(0, k).reduce((t, c) => t + votes[c]!, 0) : -1;
    return deferred <= a || deferred <= b;
  }

  /**
   * 5.2.2-3, 5.3: the largest surplus moves on: all the papers of a candidate elected at the
   * first stage, otherwise the last batch received. The transfer value is the surplus ÷ the
   * transferable papers, remainder ignored (the residue), unless the papers are worth no more
   * than the surplus, when each keeps its value and the rest of the surplus is non-transferable.
   */
  private transferSurplus(withSurplus: number[], stage: number, stageTies: TieRecord[]): void {
    const { votes, quota, weights, value } = this;
    const top = Math.max(...withSurplus.map((c) => votes[c]! - quota));
    const tied = withSurplus.filter((c) => votes[c]! - quota === top);
    const x = this.settleTie(tied, 'highest', 'surplus order', stage, stageTies);
    const surplus = votes[x]! - quota;
    this.transferred[x] = 1;
    const examined = this.electedAtFirst[x]
      ? this.batches[x]!.flatMap((bt) => bt.groups)
      : (this.lastBatch[x]?.groups ?? []);
    const transferable = examined.filter(this.nextOnPaper);
    const count = transferable.reduce((t, g) => t + weights[g]!, 0);
    const worth = transferable.reduce((t, g) => t + weights[g]! * value[g]!, 0);
    let tvOne: number | undefined;
    if (worth > surplus) {
      const tv = Math.floor(surplus / count);
      tvOne = tv;
      const { moved } = this.move(transferable, () => tv);
      this.residue += surplus - moved;
    } else {
      const { moved } = this.move(transferable, null);
      this.exhausted += surplus - moved;
    }
    votes[x] = quota;
    this.points.push(Float64Array.from(votes));
    const elected: Decision[] = [];
    this.electReached(stage, elected, stageTies);
    this.record(quota, {
      kind: 'surplus',
      description: `Transfer of the surplus of ${this.profile.candidates[x]}`,
      from: [x],
      surplus,
      ...(tvOne !== undefined ? { transferValue: tvOne } : {}),
      elected,
      ties: stageTies,
    });
  }

  /** 5.2.5: the lowest together where they may go so, else the lowest (ties looking forward). */
  private chooseExclusion(
    sorted: number[],
    cont: readonly number[],
    deferred: number,
    stage: number,
    stageTies: TieRecord[],
  ): number[] {
    const k = this.lowestThatCanGo(sorted, cont, deferred);
    if (k >= 2) return sorted.slice(0, k);
    const low = this.votes[sorted[0]!]!;
    const tied = sorted.filter((c) => this.votes[c] === low);
    return [this.settleTie(tied, 'lowest', 'exclusion', stage, stageTies)];
  }

  /**
   * 5.4: excludes `group`, moving their papers in batches by descending transfer value, deeming
   * elected after each batch. Returns false when the count is complete without a transfer (5.5.1).
   */
  private exclude(group: number[], stage: number, stageTies: TieRecord[]): boolean {
    const { votes, value, weights } = this;
    const excluded: Decision[] = group.map((c) => ({
      candidate: c,
      code: group.length > 1 ? 'LOWEST_VOTES_BULK' : 'LOWEST_VOTE',
      reason:
        group.length > 1
          ? `among the lowest, whose votes together (${this.fmt(group.reduce((t, d) => t + votes[d]!, 0))}) could not reach the next candidate`
          : `lowest with ${this.fmt(votes[c]!)} votes`,
    }));
    for (const c of group) this.status[c] = EXCLUDED;
    const elected: Decision[] = [];
    const stageRecord = {
      kind: 'exclusion' as const,
      description: `Exclusion of ${group.map((c) => this.profile.candidates[c]).join(', ')}`,
      from: group,
      excluded,
      ties: stageTies,
    };
    if (this.hopefuls().length <= this.seatsLeft()) {
      // 5.5.1: no transfer needed
      this.record(this.quota, stageRecord);
      return false;
    }
    const source = new Map<number, number>();
    const byValue = new Map<number, number[]>();
    for (const c of group) {
      for (const g of this.batches[c]!.flatMap((bt) => bt.groups)) {
        source.set(g, c);
        const list = byValue.get(value[g]!) ?? [];
        list.push(g);
        byValue.set(value[g]!, list);
      }
      this.batches[c] = [];
    }
    for (const v of [...byValue.keys()].sort((a, b) => b - a)) {
      const batch = byValue.get(v)!;
      // 5.5.2: once every place is filled, the papers not yet moved stay where they are
      for (const g of batch) votes[source.get(g)!]! -= value[g]! * weights[g]!;
      const { lost } = this.move(batch, null);
      this.exhausted += lost;
      this.points.push(Float64Array.from(votes));
      if (this.winners.length === 0 && this.exhausted > 0)
        this.quota = this.quotaFor(this.total - this.exhausted); // 5.4.8
      this.electReached(stage, elected, stageTies);
      if (this.seatsLeft() <= 0) break;
    }
    // candidates elected during this exclusion keep the batch that took them over
    this.record(this.quota, { ...stageRecord, elected });
    return true;
  }

  /** 5.2.3, 5.2.5, 5.6.2: the earliest point where the tied candidates differed, then lot. */
  protected tieStages() {
    return {
      stages: this.points,
      method: 'later-stage' as const,
      stageOf: (decidedAt: number) => decidedAt + 1,
    };
  }
}
