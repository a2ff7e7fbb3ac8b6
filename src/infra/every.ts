import type { AppContext } from '../app/common/context.ts';

/** A loop started by `every`: stopping it waits for the round in progress, if any. */
export interface Loop {
  stop(): Promise<void>;
}

/**
 * Runs `round` now and then every `intervalMs`, one round at a time (a round still running when
 * the next is due makes that one skip), until stopped. A failed round is logged as `failure` and
 * the next one tries again: what is due is read from the database each round, so nothing is lost
 * between rounds, across a restart or beside other processes doing the same.
 */
export function every(
  ctx: Pick<AppContext, 'log'>,
  intervalMs: number,
  failure: string,
  round: () => Promise<unknown>,
): Loop {
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = round()
      .then(() => undefined)
      .catch((error: unknown) => ctx.log.error(failure, error))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
