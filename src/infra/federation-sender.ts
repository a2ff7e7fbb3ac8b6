import type { AppContext } from '../app/common/context.ts';
import { every, type Loop } from './every.ts';
import { DEFAULT_RECONCILE_MS, type FederationSeam } from './federation.ts';

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

/**
 * Pulls the tracking collection of each open Offer of ours every `reconcileMs`
 * (FEDERATION_RECONCILE_MS, 15 minutes unless set) and records what was missed
 * (federation-tracking.ts). Runs in every server process; two processes pulling the same
 * answer record it once (its activity id).
 */
export function startFederationReconciler(ctx: AppContext, seam: FederationSeam): Loop {
  return every(
    ctx,
    seam.settings.reconcileMs ?? DEFAULT_RECONCILE_MS,
    'the federation reconciliation failed',
    () => seam.reconcile(),
  );
}
