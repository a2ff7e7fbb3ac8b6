import { z } from 'zod';
import { listWitnessedHeads } from '../../db/queries/witness.ts';
import { CHAIN_HEAD_FORMAT } from '../../domain/chain-head.ts';
import { savedHeadSchema } from '../common/chain-head.ts';
import type { AppContext } from '../common/context.ts';
import { serverKey } from '../common/server-key.ts';
import { ownOrigin } from './witness-peers.ts';

export const witnessedHeadsSchema = z.object({
  witness: z.string(),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  heads: z.array(
    z.object({
      head: savedHeadSchema,
      witnessedAt: z.string(),
      witnessKey: z.string(),
      countersignature: z.string(),
    }),
  ),
});
export type WitnessedHeads = z.infer<typeof witnessedHeadsSchema>;

/**
 * The heads of `origin`'s chains this server witnessed: the last of each chain, with this
 * server's countersignature (docs/witnessed-chains.md). What `seconded verify --against <peer>`
 * on that origin's server reads; public, as the heads themselves are (none where this server
 * does not federate).
 */
export async function viewWitnessedHeads(
  ctx: AppContext,
  props: { origin: string },
): Promise<WitnessedHeads> {
  const rows = await listWitnessedHeads(ctx.db, 'theirs', props.origin);
  // Rows come by chain then number: the last of each chain wins.
  const last = new Map(rows.map((r) => [r.organisation_id, r]));
  return {
    witness: ownOrigin(ctx),
    key: (await serverKey(ctx)).publicKey,
    heads: [...last.values()].map((r) => ({
      head: {
        format: CHAIN_HEAD_FORMAT,
        organisationId: r.organisation_id,
        organisation: r.organisation,
        seq: Number(r.seq),
        hash: r.hash,
        at: r.head_at,
        key: r.head_key,
        signature: r.head_signature,
      },
      witnessedAt: r.witnessed_at,
      witnessKey: r.witness_key,
      countersignature: r.countersignature,
    })),
  };
}
