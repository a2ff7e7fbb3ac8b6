import { listHeldProxiesForBallot, listProxyHoldersOfBallot } from '../../db/queries/proxies.ts';
import { keptAt } from '../common/kept-views.ts';
import type { AppContext } from '../common/context.ts';

/**
 * The proxies `holderId` holds in a ballot (listHeldProxiesForBallot), asked for only if they
 * hold any: who holds one is the same for every reader and kept at `version` (kept-views.ts), so
 * a ballot's page asks nothing more for the many readers who hold none. Its query (two indexed
 * lookups joined, sorted) was the costliest part of the page, for an empty answer almost always.
 */
export async function heldProxiesAt(
  ctx: AppContext,
  version: string | null,
  ballotId: string,
  holderId: string,
) {
  const holders = await keptAt(ctx, version, `proxy holders ${ballotId}`, async () => {
    return new Set(await listProxyHoldersOfBallot(ctx.db, ballotId));
  });
  return holders.has(holderId) ? listHeldProxiesForBallot(ctx.db, ballotId, holderId) : [];
}
