import { compareWithSavedHead, chainHeadText } from '../../domain/chain-head.ts';
import { witnessedHeadText } from '../../domain/federation/witness.ts';
import { checkOrganisationChain } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { isSignedBy } from '../common/server-key.ts';
import { viewWitnessedHeadsUrl } from './witness-paths.ts';
import { witnessedHeadsSchema } from './view-witnessed-heads.ts';
import { ownOrigin, peerJson, publishedKey } from './witness-peers.ts';

export interface WitnessedHeadReport {
  readonly organisationId: string;
  readonly organisation: string;
  readonly seq: number;
  readonly witnessedAt: string;
  /** The entries the chain has now. */
  readonly entries: number;
  /** What fails, or null when the chain still contains the witnessed head and holds together. */
  readonly broken: string | null;
}

/**
 * `seconded verify --against <peer>`: asks the peer for the heads of this server's chains it
 * witnessed (docs/witnessed-chains.md) and checks each against the chain as stored here: the
 * peer's countersignature must hold with the key it publishes, the head's own signature must
 * hold, and the chain must still have the head's entry with exactly its hash, and hold together.
 * Someone holding this database can recompute every hash, and delete the countersignatures kept
 * here, but not change what the peer holds: a rewrite shows as the entry named here.
 */
export async function checkAgainstWitness(
  ctx: AppContext,
  peer: string,
): Promise<WitnessedHeadReport[]> {
  const own = ownOrigin(ctx);
  const witnessed = await peerJson(ctx, viewWitnessedHeadsUrl(peer, own), witnessedHeadsSchema);
  const peerKey = await publishedKey(ctx, peer);
  const reports: WitnessedHeadReport[] = [];
  for (const w of witnessed.heads) {
    const { head } = w;
    const report = (entries: number, broken: string | null) =>
      reports.push({
        organisationId: head.organisationId,
        organisation: head.organisation,
        seq: head.seq,
        witnessedAt: w.witnessedAt,
        entries,
        broken,
      });
    const text = witnessedHeadText({
      witness: peer,
      origin: own,
      head,
      witnessedAt: w.witnessedAt,
    });
    if (w.witnessKey !== peerKey || !isSignedBy(peerKey, text, w.countersignature)) {
      report(0, `${peer}'s countersignature of this head does not hold with its published key`);
      continue;
    }
    if (!isSignedBy(head.key, chainHeadText(head), head.signature)) {
      report(0, 'the witnessed head does not match its own signature');
      continue;
    }
    const { entries, broken } = await checkOrganisationChain(ctx.db, head.organisationId);
    const missing = compareWithSavedHead(entries, head);
    report(entries.length, missing?.reason ?? broken?.reason ?? null);
  }
  return reports;
}
