import type { AppContext } from '../app/common/context.ts';
import { runBallotTimetable } from '../app/ballots/ballot-timetable.ts';
import { every } from './every.ts';

export interface BallotScheduler {
  /** Stops the loop and waits for the round in progress, if any. */
  stop(): Promise<void>;
}

/**
 * Keeps ballots to their timetables: runs `runBallotTimetable` every `intervalMs`, one round at
 * a time, until stopped. Nothing is kept in memory between rounds: what is due is read from the
 * database each time, so a ballot due while the server was down opens or closes on the first
 * round after it starts, and several processes may run this side by side (each step locks the
 * ballot and checks its state; ballot-timetable.ts).
 */
export function startBallotScheduler(
  ctx: AppContext,
  opts: { intervalMs?: number; reminderBeforeMs: number },
): BallotScheduler {
  return every(ctx, opts.intervalMs ?? 5000, 'the ballot timetable could not be read', () =>
    runBallotTimetable(ctx, { reminderBeforeMs: opts.reminderBeforeMs }),
  );
}
