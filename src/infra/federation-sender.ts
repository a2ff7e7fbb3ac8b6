import type { AppContext } from '../app/common/context.ts';
import type { FederationSeam } from './federation.ts';

/**
 * Sends the activities queued for other servers (federation_outbox) every `intervalMs`: each is
 * claimed by one sender at a time, marked delivered once the peer's inbox took it, and retried
 * with back-off while the peer is down (federation.ts). Runs in every server process.
 */
export function startFederationSender(
  ctx: AppContext,
  seam: FederationSeam,
  opts: { intervalMs?: number } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = seam
      .deliverDue()
      .then(() => undefined)
      .catch((error: unknown) => ctx.log.error('the federation outbox could not be read', error))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, opts.intervalMs ?? 1000);
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
