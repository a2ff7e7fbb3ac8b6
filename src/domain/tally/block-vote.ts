/**
 * Block vote: with S seats, each ballot paper gives one vote to each of its first S
 * preferences (candidates ranked equal within them all count); the S candidates with the most
 * votes are elected. This is the usual rule for electing a committee "by ticking up to S
 * names" (e.g. Citrine, ABC of Chairmanship, on elections of officers and committees). A tie
 * for the last seat is settled by lot. A ranking is read as the voter's choices in order.
 */
import { seatsFor } from './ballots.ts';
import { electMostVotes, forEachBallot } from './single-stage.ts';
import type { BallotProfile, CountOptions, TallyResult } from './types.ts';

export function countBlockVote(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  const seats = seatsFor(profile, options.seats);
  const withdrawn = new Set(profile.withdrawn);
  const votes = new Float64Array(profile.candidates.length);
  let blank = 0;
  forEachBallot(profile, (w, prefs, start, end) => {
    let given = 0;
    let positions = 0;
    for (let i = start; i < end; i++) {
      const v = prefs[i]!;
      const c = v < 0 ? ~v : v;
      if (withdrawn.has(c)) continue;
      if (v >= 0) positions++;
      if (positions > seats) break;
      votes[c]! += w;
      given++;
    }
    if (given === 0) blank += w;
  });
  return electMostVotes({
    profile,
    options,
    method: 'block',
    seats,
    votes,
    description: `Votes for each of the first ${seats} preferences`,
    ballots: profile.ballots.total - blank,
    blank,
    exhausted: 0,
    what: 'votes',
  });
}
