import type { Kysely } from 'kysely';
import { zeroUnlessSet } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A witness alert seen again (the same peer, chain, entry, hash and refusal), or one past a
  // peer's hourly allowance, is counted on an alert already kept rather than kept again, so a
  // misbehaving peer cannot flood the table (docs/witnessed-chains.md). `last_at`: when it last
  // came.
  await db.schema
    .alterTable('chain_witness_alerts')
    .addColumn('repeats', 'integer', zeroUnlessSet)
    .execute();
  await db.schema.alterTable('chain_witness_alerts').addColumn('last_at', 'text').execute();
}
