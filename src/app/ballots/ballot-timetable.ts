import { DomainError } from '../../domain/errors.ts';
import {
  claimReminder,
  listBallotsDueReminder,
  listBallotsDueToClose,
  listBallotsDueToOpen,
} from '../../db/queries/ballot-timetable.ts';
import { findBallot } from '../../db/queries/ballots.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { queueElectorMail } from './ballot-opened-mail.ts';
import { closeBallot } from './close-ballot.ts';
import { closeE2eBallot } from './close-e2e-ballot.ts';
import { openBallot } from './open-ballot.ts';
import { openE2eBallot } from './open-e2e-ballot.ts';

/**
 * A ballot's timetable: it opens at `opens_at` and closes at `closes_at` by itself, exactly as its
 * officers would open and close it (the close counts and declares); every elector is emailed
 * when it opens, and those the roll shows have not voted are reminded a while before it closes.
 * The server runs `runBallotTimetable` every few seconds (src/infra/ballot-scheduler.ts). Each
 * step is one transaction that locks the ballot and checks its state, and each email is queued
 * in the transaction of the step that calls for it, so several processes, retries and restarts
 * still open, remind and close each ballot once, and send nobody the same email twice.
 */

/**
 * Reminds those who have not voted in an open ballot that it closes soon, once: the claim and
 * the mail are one transaction. Returns how many were reminded, or null if it was not ours to do
 * (already reminded, or no longer open).
 */
export async function remindNonVoters(ctx: AppContext, ballotId: string): Promise<number | null> {
  const reminded = await inTransaction(ctx, async (trx) => {
    if (!(await claimReminder(trx, ballotId, ctx.now().toISOString()))) return null;
    const ballot = await findBallot(trx, ballotId);
    if (!ballot?.closes_at) return 0;
    return queueElectorMail(trx, ctx, ballot, { reminder: { closesAt: ballot.closes_at } });
  });
  if (reminded) mailQueued(ctx);
  return reminded;
}

export interface TimetableReport {
  readonly opened: number;
  readonly reminded: number;
  readonly closed: number;
}

/** How many ballots of each step one round takes on; the next round takes the rest. */
const BATCH = 20;

/**
 * One round of the timetable: opens the drafts due, reminds the non-voters of ballots closing
 * within `reminderBeforeMs`, and closes (and counts) the ballots due. A step another process
 * took first is refused by the ballot's state (CONFLICT) and skipped; any other refusal (an
 * end-to-end ballot whose key holders have not finished, a body with no members) is logged and
 * tried again next round.
 */
export async function runBallotTimetable(
  ctx: AppContext,
  opts: { reminderBeforeMs: number },
): Promise<TimetableReport> {
  const now = ctx.now();
  const at = now.toISOString();
  let opened = 0;
  let reminded = 0;
  let closed = 0;
  for (const b of await listBallotsDueToOpen(ctx.db, at, BATCH)) {
    // The set time is the officers' own decision to close, taken when they drafted the ballot.
    const props = { actor: null, ballotId: b.id, byTimetable: true, confirmed: true };
    if (
      await step(ctx, b.id, 'open', () => (b.end_to_end ? openE2eBallot : openBallot)(ctx, props))
    )
      opened++;
  }
  const by = new Date(now.getTime() + opts.reminderBeforeMs).toISOString();
  for (const b of await listBallotsDueReminder(ctx.db, at, by, BATCH)) {
    if ((await step(ctx, b.id, 'remind', () => remindNonVoters(ctx, b.id))) !== null) reminded++;
  }
  for (const b of await listBallotsDueToClose(ctx.db, at, BATCH)) {
    // The set time is the officers' own decision to close, taken when they drafted the ballot.
    const props = { actor: null, ballotId: b.id, byTimetable: true, confirmed: true };
    const close = (): Promise<unknown> =>
      b.end_to_end ? closeE2eBallot(ctx, props) : closeBallot(ctx, props);
    if (await step(ctx, b.id, 'close', close)) closed++;
  }
  return { opened, reminded, closed };
}

/** Runs one step; null when another process did it first or it was refused (then logged). */
async function step<T>(
  ctx: AppContext,
  ballotId: string,
  what: string,
  run: () => Promise<T>,
): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'CONFLICT' && /already/.test(error.message))
      return null;
    ctx.log.warn(`the ballot timetable could not ${what} a ballot: ${String(error)}`, {
      ballotId,
    });
    return null;
  }
}
