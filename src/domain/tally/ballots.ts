/**
 * Building ballot profiles: identical ballot papers are merged into one group with a weight,
 * so a million papers that rank 15 candidates become a few hundred thousand groups at most,
 * stored in typed arrays (see BallotGroups in types.ts).
 */
import { DomainError } from '../errors.ts';
import { BallotAggregator } from './aggregator.ts';
import type { BallotGroups, BallotProfile, RankedBallot } from './types.ts';

export { BallotAggregator } from './aggregator.ts';

/**
 * Build a profile from rankings written as arrays (for the app and for tests). Candidates are
 * 0-based indices; a nested array is a set of candidates ranked equal.
 */
export function profileFromRankings(input: {
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly ballots: readonly RankedBallot[];
  readonly title?: string;
  readonly withdrawn?: readonly number[];
  readonly tieOrder?: readonly number[];
}): BallotProfile {
  const n = input.candidates.length;
  const agg = new BallotAggregator(n);
  const buf: number[] = [];
  input.ballots.forEach((b, i) => {
    buf.length = 0;
    const seen = new Set<number>();
    for (const pref of b.ranking) {
      const set = typeof pref === 'number' ? [pref] : pref;
      set.forEach((c, j) => {
        if (!Number.isInteger(c) || c < 0 || c >= n) {
          throw new DomainError('VALIDATION_FAILED', `ballot ${i + 1}: no candidate ${c}`);
        }
        if (seen.has(c)) {
          throw new DomainError(
            'VALIDATION_FAILED',
            `ballot ${i + 1}: candidate ${c} is ranked twice`,
          );
        }
        seen.add(c);
        buf.push(j === 0 ? c : ~c);
      });
    }
    const weight = b.weight ?? 1;
    if (!(weight > 0))
      throw new DomainError('VALIDATION_FAILED', `ballot ${i + 1}: weight must be positive`);
    agg.add(buf, 0, buf.length, weight);
  });
  checkSeats(input.seats, n);
  return {
    title: input.title ?? '',
    seats: input.seats,
    candidates: [...input.candidates],
    withdrawn: [...(input.withdrawn ?? [])].sort((a, b) => a - b),
    ballots: agg.finish(),
    ...(input.tieOrder ? { tieOrder: [...input.tieOrder] } : {}),
  };
}

export function checkSeats(seats: number, candidates: number): void {
  if (!Number.isInteger(seats) || seats < 1) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `the number of seats must be at least 1 (got ${seats})`,
    );
  }
  if (candidates < 1) throw new DomainError('VALIDATION_FAILED', 'there are no candidates');
}

/** The rankings of a profile back as arrays, one entry per group (for tests and writers). */
export function rankingsOf(groups: BallotGroups): RankedBallot[] {
  const out: RankedBallot[] = [];
  for (let g = 0; g < groups.count; g++) {
    const ranking: number[][] = [];
    for (let i = groups.offsets[g]!; i < groups.offsets[g + 1]!; i++) {
      const v = groups.prefs[i]!;
      if (v < 0 && ranking.length > 0) ranking[ranking.length - 1]!.push(~v);
      else ranking.push([v < 0 ? ~v : v]);
    }
    out.push({
      weight: groups.weights[g]!,
      ranking: ranking.map((r) => (r.length === 1 ? r[0]! : r)),
    });
  }
  return out;
}

/** Refuse equal rankings for a rule that cannot count them. */
export function requireStrictRankings(profile: BallotProfile, rule: string): void {
  if (profile.ballots.hasEqualRankings) {
    throw new DomainError(
      'UNSUPPORTED_METHOD_OPTION',
      `${rule} cannot count equal rankings ("=" in a ballot); use Schulze, or ask voters to rank strictly`,
    );
  }
}

/**
 * The rankings with withdrawn candidates removed and equal rankings refused, as one flat array
 * per group (start/end offsets into `prefs`), ready for the counting loops.
 */
export function strictRankings(profile: BallotProfile): {
  prefs: Int32Array;
  offsets: Uint32Array;
  weights: Float64Array;
  count: number;
} {
  const { ballots } = profile;
  if (profile.withdrawn.length === 0) {
    return {
      prefs: ballots.prefs,
      offsets: ballots.offsets,
      weights: ballots.weights,
      count: ballots.count,
    };
  }
  const gone = new Uint8Array(profile.candidates.length);
  for (const w of profile.withdrawn) gone[w] = 1;
  const prefs = new Int32Array(ballots.prefs.length);
  const offsets = new Uint32Array(ballots.count + 1);
  let k = 0;
  for (let g = 0; g < ballots.count; g++) {
    offsets[g] = k;
    for (let i = ballots.offsets[g]!; i < ballots.offsets[g + 1]!; i++) {
      const c = ballots.prefs[i]!;
      if (!gone[c]) prefs[k++] = c;
    }
  }
  offsets[ballots.count] = k;
  return { prefs, offsets, weights: ballots.weights, count: ballots.count };
}

/** Check that the count can be made (seats, candidates) and pick the seats to fill. */
export function seatsFor(profile: BallotProfile, override?: number): number {
  const seats = override ?? profile.seats;
  checkSeats(seats, profile.candidates.length);
  return seats;
}
