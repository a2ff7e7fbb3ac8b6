/**
 * Approval voting (S. J. Brams and P. C. Fishburn, "Approval Voting", American Political
 * Science Review 72(3), 1978): each ballot approves every candidate it names, in any order;
 * the candidates with the most approvals fill the seats. A tie for the last seat is settled by
 * lot. From a ranked ballot, every ranked candidate counts as approved.
 */
import { seatsFor } from './ballots.ts';
import { electMostMarked } from './single-stage.ts';
import type { BallotProfile, CountOptions, TallyResult } from './types.ts';

export function countApproval(profile: BallotProfile, options: CountOptions = {}): TallyResult {
  return electMostMarked(profile, options, {
    method: 'approval',
    seats: seatsFor(profile, options.seats),
    positions: Infinity,
    description: 'Approvals',
    what: 'approvals',
  });
}
