/**
 * Shared bookkeeping for the stage-by-stage STV counts: piles of ballot groups per candidate,
 * snapshots of every stage, and the building of Round records.
 */
import { formatUnits } from './fixed.ts';
import type { CandidateStatus, Decision, Round, TieRecord } from './types.ts';

export const HOPEFUL = 0;
export const ELECTED = 1;
export const EXCLUDED = 2;
export const WITHDRAWN = 3;

const STATUS_NAMES: readonly CandidateStatus[] = ['hopeful', 'elected', 'excluded', 'withdrawn'];

export function statusNames(status: Uint8Array): CandidateStatus[] {
  return Array.from(status, (s) => STATUS_NAMES[s]!);
}

/** The ballot groups each candidate currently holds, as growable typed arrays. */
export class Piles {
  private data: Int32Array[];
  private lengths: Int32Array;

  constructor(candidates: number) {
    this.data = Array.from({ length: candidates }, () => new Int32Array(16));
    this.lengths = new Int32Array(candidates);
  }

  push(c: number, group: number): void {
    const n = this.lengths[c]!;
    let d = this.data[c]!;
    if (n === d.length) {
      const grown = new Int32Array(d.length * 2);
      grown.set(d);
      this.data[c] = d = grown;
    }
    d[n] = group;
    this.lengths[c] = n + 1;
  }

  /** Take all of a candidate's groups (the pile is emptied). */
  take(c: number): Int32Array {
    const out = this.data[c]!.subarray(0, this.lengths[c]!);
    this.data[c] = new Int32Array(16);
    this.lengths[c] = 0;
    return out;
  }

  size(c: number): number {
    return this.lengths[c]!;
  }
}

/** Collects the rounds of a count, formatting units at the rule's precision. */
export class StageRecorder {
  readonly rounds: Round[] = [];
  /** Votes (in units) at the end of each stage, for looking back or forward at ties. */
  readonly history: Float64Array[] = [];
  private previous: Float64Array;

  constructor(
    private readonly places: number,
    candidates: number,
  ) {
    this.previous = new Float64Array(candidates);
  }

  fmt(units: number): string {
    return formatUnits(Math.round(units), this.places);
  }

  record(input: {
    kind: Round['kind'];
    description: string;
    votes: Float64Array;
    status: Uint8Array;
    quota: number | null;
    exhausted: number;
    residue: number;
    from?: readonly number[];
    surplus?: number;
    transferValue?: number;
    elected?: Decision[];
    excluded?: Decision[];
    ties?: TieRecord[];
    extra?: Record<string, unknown>;
  }): Round {
    const votes = Float64Array.from(input.votes);
    const round: Round = {
      number: this.rounds.length + 1,
      kind: input.kind,
      description: input.description,
      ...(input.from ? { from: input.from } : {}),
      ...(input.surplus !== undefined ? { surplus: this.fmt(input.surplus) } : {}),
      ...(input.transferValue !== undefined
        ? { transferValue: this.fmt(input.transferValue) }
        : {}),
      quota: input.quota === null ? null : this.fmt(input.quota),
      votes: Array.from(votes, (v) => this.fmt(v)),
      transfers: Array.from(votes, (v, i) => this.fmt(v - this.previous[i]!)),
      status: statusNames(input.status),
      exhausted: this.fmt(input.exhausted),
      residue: this.fmt(input.residue),
      elected: input.elected ?? [],
      excluded: input.excluded ?? [],
      ties: input.ties ?? [],
      ...(input.extra ? { extra: input.extra } : {}),
    };
    this.previous = votes;
    this.history.push(votes);
    this.rounds.push(round);
    return round;
  }

  /** Update the last round in place (decisions made when the count ends). */
  amendLast(update: { status: Uint8Array; elected?: Decision[]; excluded?: Decision[] }): void {
    const last = this.rounds[this.rounds.length - 1];
    if (!last) return;
    this.rounds[this.rounds.length - 1] = {
      ...last,
      status: statusNames(update.status),
      elected: [...last.elected, ...(update.elected ?? [])],
      excluded: [...last.excluded, ...(update.excluded ?? [])],
    };
  }
}

/** Candidates in `set` ordered by votes, highest first, then ballot order. */
export function byVotesDescending(set: readonly number[], votes: Float64Array): number[] {
  return [...set].sort((a, b) => votes[b]! - votes[a]! || a - b);
}
