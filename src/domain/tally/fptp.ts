/**
 * First past the post (plurality): each ballot paper is one vote for its first preference; the
 * candidate with the most votes is elected. With several seats, the candidates with the most
 * first preferences fill them (the single non-transferable vote). A tie for the last seat is
 * settled by lot, as UK statute does for a tie at a count (Representation of the People Act
 * 1983, schedule 1, rule 49). Equal first preferences are refused: the vote would be void.
 */
import { DomainError } from '../errors.ts';
import { checkSeats } from './ballots.ts';
import { electMostVotes, forEachBallot } from './single-stage.ts';
import type { BallotProfile, CountOptions, TallyResult } from './types.ts';

export function countFptp(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  const seats = options.seats ?? 1;
  checkSeats(seats, profile.candidates.length);
  const withdrawn = new Set(profile.withdrawn);
  const votes = new Float64Array(profile.candidates.length);
  let blank = 0;
  forEachBallot(profile, (w, prefs, start, end) => {
    let i = start;
    while (i < end && withdrawn.has(prefs[i]! < 0 ? ~prefs[i]! : prefs[i]!)) i++;
    if (i === end) {
      blank += w;
      return;
    }
    if (i + 1 < end && prefs[i + 1]! < 0) {
      throw new DomainError(
        'UNSUPPORTED_METHOD_OPTION',
        'first past the post cannot count equal first preferences',
      );
    }
    const v = prefs[i]!;
    votes[v < 0 ? ~v : v]! += w;
  });
  return electMostVotes({
    profile,
    options,
    method: 'fptp',
    seats,
    votes,
    description: 'First preferences',
    ballots: profile.ballots.total - blank,
    blank,
    exhausted: 0,
    what: 'votes',
  });
}
