/**
 * Approval voting (S. J. Brams and P. C. Fishburn, "Approval Voting", American Political
 * Science Review 72(3), 1978): each ballot approves every candidate it names, in any order;
 * the candidates with the most approvals fill the seats. A tie for the last seat is settled by
 * lot. From a ranked ballot, every ranked candidate counts as approved.
 */
import { seatsFor } from './ballots.ts';
import { electMostVotes, forEachBallot } from './single-stage.ts';
import type { BallotProfile, CountOptions, TallyResult } from './types.ts';

export function countApproval(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  const seats = seatsFor(profile, options.seats);
  const withdrawn = new Set(profile.withdrawn);
  const votes = new Float64Array(profile.candidates.length);
  let blank = 0;
  forEachBallot(profile, (w, prefs, start, end) => {
    let given = 0;
    for (let i = start; i < end; i++) {
      const v = prefs[i]!;
      const c = v < 0 ? ~v : v;
      if (withdrawn.has(c)) continue;
      votes[c]! += w;
      given++;
    }
    if (given === 0) blank += w;
  });
  return electMostVotes({
    profile,
    options,
    method: 'approval',
    seats,
    votes,
    description: 'Approvals',
    ballots: profile.ballots.total - blank,
    blank,
    exhausted: 0,
    what: 'approvals',
  });
}
