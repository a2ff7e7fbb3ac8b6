import { randomUUID } from 'node:crypto';
import { claimDueMail, markMailFailed, markMailSent } from '../db/queries/outbox.ts';
import type { AppContext } from '../app/common/context.ts';
import { OUTBOX_CHANNEL } from '../app/common/enqueue-mail.ts';

/** How long a sender holds the messages it claimed; the mailer's timeouts fit well inside it. */
export const CLAIM_LEASE_MS = 10 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
/** From this many failed attempts on, each further failure is logged as an error. */
const LOUD_AFTER_ATTEMPTS = 10;

/**
 * The wait before the next attempt after `attempts` failures: 30 s, doubling, at most an hour,
 * less up to a fifth at random so that messages queued together do not retry together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(
    FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)),
    MAX_RETRY_MS,
  );
  return Math.round(base * (1 - 0.2 * random()));
}

export interface DeliveryReport {
  /** Messages this call claimed (and so tried). */
  readonly claimed: number;
  readonly sent: number;
  readonly failed: number;
}

/**
 * Sends the mail that is due: claims up to `limit` messages, sends each through `ctx.mailer`,
 * and marks it sent, or records the error and when to retry. Never gives up on a message: after
 * many failures it keeps retrying hourly and logs an error each time. Safe to run in several
 * processes at once: a message is claimed by one sender at a time.
 */
export async function deliverDueMail(
  ctx: AppContext,
  opts: { limit?: number } = {},
): Promise<DeliveryReport> {
  const claimant = randomUUID();
  const now = ctx.now();
  const claimed = await claimDueMail(ctx.db, {
    claimant,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
    limit: opts.limit ?? 50,
  });
  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    try {
      await ctx.mailer.send({
        id: message.id,
        to: message.to,
        subject: message.subject,
        text: message.text,
        listUnsubscribe: message.list_unsubscribe,
      });
    } catch (error) {
      failed++;
      const attempts = message.attempts + 1;
      const retryAt = new Date(ctx.now().getTime() + retryDelayMs(attempts));
      await markMailFailed(ctx.db, message.id, claimant, {
        attempts,
        error: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        nextAttemptAt: retryAt.toISOString(),
      });
      const line = `mail ${message.id} not sent (attempt ${attempts}); retrying at ${retryAt.toISOString()}`;
      if (attempts >= LOUD_AFTER_ATTEMPTS) ctx.log.error(line, error);
      else ctx.log.warn(`${line}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    sent++;
    await markMailSent(ctx.db, message.id, claimant, ctx.now().toISOString());
  }
  return { claimed: claimed.length, sent, failed };
}

export interface OutboxSender {
  /** Stops the loop and waits for the round in progress, if any. */
  stop(): Promise<void>;
}

/**
 * Runs `deliverDueMail` every `intervalMs` and as soon as mail is queued in this process
 * (`mailQueued`), one round at a time, until stopped.
 */
export function startOutboxSender(
  ctx: AppContext,
  opts: { intervalMs?: number; limit?: number } = {},
): OutboxSender {
  const limit = opts.limit ?? 50;
  let stopped = false;
  let again = false;
  let running: Promise<void> | null = null;
  const round = async () => {
    do {
      again = false;
      try {
        // A full batch means more may be due: keep going.
        while (!stopped && (await deliverDueMail(ctx, { limit })).claimed === limit);
      } catch (error) {
        ctx.log.error('the mail outbox could not be read', error);
      }
    } while (again && !stopped);
  };
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round().finally(() => (running = null));
  };
  const timer = setInterval(run, opts.intervalMs ?? 2000);
  timer.unref();
  const unsubscribe = ctx.events.subscribe(OUTBOX_CHANNEL, run);
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
