import type { AppContext } from '../app/common/context.ts';
import { every, type Loop } from './every.ts';
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
): Loop {
  return every(ctx, opts.intervalMs ?? 1000, 'the federation outbox could not be read', () =>
    seam.deliverDue(),
  );
}
