/**
 * Block vote: with S seats, each ballot paper gives one vote to each of its first S
 * preferences (candidates ranked equal within them all count); the S candidates with the most
 * votes are elected. This is the usual rule for electing a committee "by ticking up to S
 * names" (e.g. Citrine, ABC of Chairmanship, on elections of officers and committees). A tie
 * for the last seat is settled by lot. A ranking is read as the voter's choices in order.
 */
import { seatsFor } from './ballots.ts';
import { electMostMarked } from './single-stage.ts';
import type { BallotProfile, CountOptions, TallyResult } from './types.ts';

export function countBlockVote(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  const seats = seatsFor(profile, options.seats);
  return electMostMarked(profile, options, {
    method: 'block',
    seats,
    positions: seats,
    description: `Votes for each of the first ${seats} preferences`,
    what: 'votes',
  });
}
