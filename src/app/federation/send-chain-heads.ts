import { witnessedHeadText, witnessRequestText } from '../../domain/federation/witness.ts';
import { listOrganisations } from '../../db/queries/organisations.ts';
import { findLastWitnessedHead, insertWitnessedHead } from '../../db/queries/witness.ts';
import { viewChainHead } from '../common/chain-head.ts';
import type { AppContext } from '../common/context.ts';
import { isSignedBy, serverKey } from '../common/server-key.ts';
import { WITNESS_HEADS_PATH } from './witness-paths.ts';
import { federated, peerJson, publishedKey, witnessAnswerSchema } from './witness-peers.ts';

/**
 * Sends the head of each organisation's chain to each allowed peer to be witnessed
 * (docs/witnessed-chains.md), unless that peer already witnessed that very head, and keeps each
 * countersignature that comes back, checked against the key the peer publishes. Run every
 * FEDERATION_WITNESS_MS and after federated activities are delivered. A peer that is down or
 * refuses is logged and tried at the next round; returns how many heads were witnessed.
 */
export async function sendChainHeads(context: AppContext): Promise<number> {
  const ctx = federated(context);
  const own = ctx.federation.origin;
  const key = await serverKey(ctx);
  let witnessed = 0;
  for (const organisation of await listOrganisations(ctx.db)) {
    const head = await viewChainHead(ctx, { organisationSlug: organisation.slug });
    for (const peer of ctx.federation.allowedPeers) {
      const last = await findLastWitnessedHead(ctx.db, 'ours', peer, organisation.id);
      if (last && last.seq === head.seq && last.hash === head.hash) continue;
      try {
        const at = ctx.now().toISOString();
        const signature = key.sign(witnessRequestText({ head, from: own, to: peer, at }));
        const answer = await peerJson(ctx, `${peer}${WITNESS_HEADS_PATH}`, witnessAnswerSchema, {
          origin: own,
          at,
          head,
          signature,
        });
        const text = witnessedHeadText({
          witness: peer,
          origin: own,
          head,
          witnessedAt: answer.witnessedAt,
        });
        if (answer.witness !== peer || answer.key !== (await publishedKey(ctx, peer))) {
          throw new Error(`the countersignature is not by ${peer}'s published key`);
        }
        if (!isSignedBy(answer.key, text, answer.countersignature)) {
          throw new Error('the countersignature does not hold');
        }
        await insertWitnessedHead(ctx.db, {
          direction: 'ours',
          peer_origin: peer,
          organisation_id: organisation.id,
          organisation: head.organisation,
          seq: head.seq,
          hash: head.hash,
          head_at: head.at,
          head_key: head.key,
          head_signature: head.signature,
          witness_key: answer.key,
          countersignature: answer.countersignature,
          witnessed_at: answer.witnessedAt,
        });
        witnessed++;
      } catch (error) {
        ctx.log.warn('witnessed chains: a peer did not witness our head', {
          peer,
          organisation: organisation.id,
          seq: head.seq,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return witnessed;
}
