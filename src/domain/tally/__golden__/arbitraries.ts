/** fast-check generators of small elections, for the property tests. */
import fc from 'fast-check';
import { profileFromRankings } from '../ballots.ts';
import type { BallotProfile } from '../types.ts';

export interface SmallElection {
  readonly candidates: number;
  readonly seats: number;
  readonly ballots: readonly { weight: number; ranking: number[] }[];
}

export const smallElection = (
  opts: { maxCandidates?: number; maxBallots?: number; seats?: number } = {},
) =>
  fc.integer({ min: 2, max: opts.maxCandidates ?? 6 }).chain((n) =>
    fc.record({
      candidates: fc.constant(n),
      seats:
        opts.seats !== undefined
          ? fc.constant(Math.min(opts.seats, n))
          : fc.integer({ min: 1, max: n }),
      ballots: fc.array(
        fc.record({
          weight: fc.integer({ min: 1, max: 4 }),
          ranking: fc.shuffledSubarray([...Array(n).keys()], { minLength: 1 }),
        }),
        { minLength: 1, maxLength: opts.maxBallots ?? 40 },
      ),
    }),
  );

export function toProfile(e: SmallElection, order?: readonly number[]): BallotProfile {
  const ballots = order ? order.map((i) => e.ballots[i]!) : e.ballots;
  return profileFromRankings({
    candidates: [...Array(e.candidates).keys()].map((c) => `C${c + 1}`),
    seats: e.seats,
    ballots,
    title: 'generated',
  });
}
