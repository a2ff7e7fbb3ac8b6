import type { Hono } from 'hono';
import type { AppContext } from '../../app/common/context.ts';
import { viewChainLinks } from '../../app/federation/view-chain-links.ts';
import { viewWitnessedHeads } from '../../app/federation/view-witnessed-heads.ts';
import { witnessChainHead, witnessRequestSchema } from '../../app/federation/witness-chain-head.ts';
import { WITNESS_HEADS_PATH, WITNESS_LINKS_PATH } from '../../app/federation/witness-paths.ts';
import { DomainError } from '../../domain/errors.ts';
import type { HttpEnv } from '../env.ts';

/**
 * Witnessed chains between peers (docs/witnessed-chains.md), server to server, JSON only: a
 * peer POSTs its chain head to be witnessed and gets the countersignature; a witness reads the
 * links between two heads; a server reads the heads of its chains a peer witnessed. Signed with
 * the servers' keys, not HTTP signatures, so these live outside /federation/ (Fedify's paths).
 * A server that does not federate refuses every head sent to it (no peer is allowed).
 */
export function witnessRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  web.post(WITNESS_HEADS_PATH, async (c) => {
    const parsed = witnessRequestSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      throw new DomainError('VALIDATION_FAILED', 'Send a signed chain head as JSON.');
    }
    return c.json(await witnessChainHead(ctx, parsed.data));
  });
  web.get(WITNESS_HEADS_PATH, async (c) =>
    c.json(await viewWitnessedHeads(ctx, { origin: c.req.query('origin') ?? '' })),
  );
  web.get(WITNESS_LINKS_PATH, async (c) => {
    const number = (name: string) => Number.parseInt(c.req.query(name) ?? '', 10);
    const [from, to] = [number('from'), number('to')];
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) {
      throw new DomainError('VALIDATION_FAILED', 'Say which entries: ?from=N&to=M.');
    }
    return c.json(await viewChainLinks(ctx, { organisationSlug: c.req.param('org'), from, to }));
  });
}
