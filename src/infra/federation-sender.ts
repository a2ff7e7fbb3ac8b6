import type { AppContext } from '../app/common/context.ts';
import { sendChainHeads } from '../app/federation/send-chain-heads.ts';
import { every, type Loop } from './every.ts';
import { DEFAULT_RECONCILE_MS, DEFAULT_WITNESS_MS, type FederationSeam } from './federation.ts';

/**
 * Sends the activities queued for other servers (federation_outbox) every `intervalMs`: each is
 * claimed by one sender at a time, marked delivered once the peer's inbox took it, and retried
 * with back-off while the peer is down (federation.ts). Runs in every server process. After a
 * round that delivered anything (a resolution offered or answered), the chain heads go to the
 * peers to be witnessed at once, so the record of a federated decision is witnessed with it.
 */
export function startFederationSender(
  ctx: AppContext,
  seam: FederationSeam,
  opts: { intervalMs?: number } = {},
): Loop {
  return every(
    ctx,
    opts.intervalMs ?? 1000,
    'the federation outbox could not be read',
    async () => {
      if ((await seam.deliverDue()) > 0) await sendChainHeads(ctx);
    },
  );
}

/**
 * Sends the head of each organisation's audit chain to each peer to be witnessed, every
 * FEDERATION_WITNESS_MS (an hour unless set), and keeps their countersignatures
 * (docs/witnessed-chains.md). A head a peer already witnessed is not sent again.
 */
export function startChainWitness(ctx: AppContext, seam: FederationSeam): Loop {
  return every(
    ctx,
    seam.settings.witnessMs ?? DEFAULT_WITNESS_MS,
    'the chain heads could not be sent to be witnessed',
    () => sendChainHeads(ctx),
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
