import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { chainHeadText, type SignedChainHead } from '../../domain/chain-head.ts';
import { DomainError } from '../../domain/errors.ts';
import { isAllowedPeer } from '../../domain/federation/remote-body.ts';
import {
  CHAIN_LINKS_PAGE,
  chainLinksText,
  checkExtends,
  WITNESS_REQUEST_WINDOW_MS,
  witnessedHeadText,
  witnessRequestText,
  type ChainLink,
  type WitnessRefusal,
} from '../../domain/federation/witness.ts';
import {
  findLastWitnessedHead,
  findSameWitnessAlert,
  insertWitnessAlert,
  insertWitnessedHead,
  listWitnessAlertsSince,
  repeatWitnessAlert,
} from '../../db/queries/witness.ts';
import { savedHeadSchema } from '../common/chain-head.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import type { ChainWitnessAlertTable } from '../../db/schema-federation.ts';
import { isSignedBy, serverKey } from '../common/server-key.ts';
import { chainLinksSchema } from './view-chain-links.ts';
import { chainLinksUrl } from './witness-paths.ts';
import {
  federated,
  peerJson,
  publishedKey,
  type Federated,
  type WitnessAnswer,
} from './witness-peers.ts';

/** What a peer POSTs to /chain-witness/heads: its head, signed again for this witness and now. */
export const witnessRequestSchema = z.object({
  origin: z.string().url(),
  at: z.string(),
  head: savedHeadSchema,
  signature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type WitnessRequest = z.infer<typeof witnessRequestSchema>;

/**
 * Witnesses a peer's chain head (docs/witnessed-chains.md): the peer must be allowed, the request
 * recent and signed with the key the peer publishes at /.well-known/seconded-key, and the head
 * must extend the last one witnessed of that chain (witness.ts checkExtends), checked against the
 * links between the two that the peer serves, signed. The head is then kept with this server's
 * countersignature, which is the answer. A head refused for its signature or its chain is kept
 * as an alert (chain_witness_alerts) and refused: FORBIDDEN or CONFLICT, saying why.
 */
export async function witnessChainHead(
  context: AppContext,
  request: WitnessRequest,
): Promise<WitnessAnswer> {
  const ctx = federated(context);
  const { origin, head } = request;
  if (!isAllowedPeer(ctx.federation.allowedPeers, origin)) {
    throw new DomainError('FORBIDDEN', 'This server does not federate with that one.');
  }
  const age = Math.abs(ctx.now().getTime() - Date.parse(request.at));
  if (!(age <= WITNESS_REQUEST_WINDOW_MS)) {
    throw new DomainError('FORBIDDEN', 'The request is not recent: send the head again.');
  }
  const key = await publishedKey(ctx, origin);
  const signed =
    head.key === key &&
    isSignedBy(key, chainHeadText(head), head.signature) &&
    isSignedBy(
      key,
      witnessRequestText({ head, from: origin, to: ctx.federation.origin, at: request.at }),
      request.signature,
    );
  if (!signed) {
    await refuse(ctx, origin, head, {
      code: 'bad-signature',
      seq: head.seq,
      reason: `the head is not signed with ${origin}'s published key ${key}`,
    });
  }
  const seen = await findLastWitnessedHead(ctx.db, 'theirs', origin, head.organisationId);
  if (seen && seen.seq === head.seq && seen.hash === head.hash) {
    return answerOf(ctx, seen);
  }
  const links =
    seen && head.seq > seen.seq ? await linksBetween(ctx, origin, key, seen.seq, head) : [];
  const refusal = checkExtends(seen ?? null, head, links);
  if (refusal) await refuse(ctx, origin, head, refusal);

  const witnessedAt = ctx.now().toISOString();
  const own = await serverKey(ctx);
  const row = {
    direction: 'theirs' as const,
    peer_origin: origin,
    organisation_id: head.organisationId,
    organisation: head.organisation,
    seq: head.seq,
    hash: head.hash,
    head_at: head.at,
    head_key: head.key,
    head_signature: head.signature,
    witness_key: own.publicKey,
    countersignature: own.sign(
      witnessedHeadText({ witness: ctx.federation.origin, origin, head, witnessedAt }),
    ),
    witnessed_at: witnessedAt,
  };
  await insertWitnessedHead(ctx.db, row);
  return answerOf(ctx, row);
}

const answerOf = (
  ctx: Federated,
  row: { witness_key: string; countersignature: string; witnessed_at: string },
): WitnessAnswer => ({
  witness: ctx.federation.origin,
  witnessedAt: row.witnessed_at,
  key: row.witness_key,
  countersignature: row.countersignature,
});

/** Alerts kept for one peer in an hour; past that, each is counted on the newest. */
export const WITNESS_ALERTS_PER_PEER_HOUR = 20;

/**
 * Keeps an alert, unless the same refusal of the same head is kept already or the peer has had
 * its hour's allowance: then it is counted on the kept one (`repeats`, `last_at`), so a peer that
 * sends a bad head again and again, or many, cannot flood the table nor the log. One
 * transaction, so two refusals at once do not both pass the allowance. True when kept anew.
 */
async function keepAlert(ctx: Federated, row: ChainWitnessAlertTable): Promise<boolean> {
  return inTransaction(ctx, async (trx) => {
    const same = await findSameWitnessAlert(trx, row);
    const since = new Date(Date.parse(row.at) - 60 * 60_000).toISOString();
    const recent = same ? [] : await listWitnessAlertsSince(trx, row.peer_origin, since);
    const onto = same ?? (recent.length >= WITNESS_ALERTS_PER_PEER_HOUR ? recent[0] : undefined);
    if (onto) {
      await repeatWitnessAlert(trx, onto.id, row.at);
      return false;
    }
    await insertWitnessAlert(trx, row);
    return true;
  });
}

/** Keeps the refusal as an alert about the peer, logs it, and refuses the head. */
async function refuse(
  ctx: Federated,
  origin: string,
  head: SignedChainHead,
  refusal: WitnessRefusal,
): Promise<never> {
  const kept = await keepAlert(ctx, {
    id: randomUUID(),
    peer_origin: origin,
    organisation_id: head.organisationId,
    seq: refusal.seq,
    hash: head.hash,
    code: refusal.code,
    reason: refusal.reason,
    at: ctx.now().toISOString(),
    repeats: 0,
    last_at: null,
  });
  if (kept) {
    ctx.log.warn('witnessed chains: a peer’s head was refused', {
      peer: origin,
      organisation: head.organisationId,
      seq: refusal.seq,
      code: refusal.code,
    });
  }
  throw new DomainError(
    refusal.code === 'bad-signature' ? 'FORBIDDEN' : 'CONFLICT',
    `Refused: ${refusal.reason}.`,
  );
}

/**
 * The links of the peer's chain from entry `after + 1` to the head's, as the peer serves them
 * (GET /chain-witness/links), page by page, each page signed with the peer's key.
 */
async function linksBetween(
  ctx: Federated,
  origin: string,
  key: string,
  after: number,
  head: SignedChainHead,
): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  let from = after + 1;
  while (from <= head.seq) {
    const to = Math.min(head.seq, from + CHAIN_LINKS_PAGE - 1);
    const page = await peerJson(
      ctx,
      chainLinksUrl(origin, head.organisation, from, to),
      chainLinksSchema,
    );
    const text = chainLinksText({
      origin,
      organisationId: head.organisationId,
      links: page.links,
    });
    if (
      page.organisationId !== head.organisationId ||
      page.key !== key ||
      !isSignedBy(key, text, page.signature)
    ) {
      await refuse(ctx, origin, head, {
        code: 'bad-signature',
        seq: head.seq,
        reason: `the links of entries ${from} to ${to} are not signed with ${origin}'s key`,
      });
    }
    links.push(...page.links);
    // A page shorter than asked ends the chain as served; checkExtends says what is missing.
    if (page.links.length < to - from + 1) break;
    from = to + 1;
  }
  return links;
}
