import type { Kysely } from 'kysely';
import { createIndex, primaryKey, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Chain heads witnessed between peers (docs/witnessed-chains.md): `theirs`, a peer's head this
  // server checked and countersigned; `ours`, a head of ours a peer countersigned. One row per
  // head seen: the history is what shows a chain that went back or was rewritten.
  await db.schema
    .createTable('chain_witnessed_heads')
    .addColumn('direction', 'text', required)
    .addColumn('peer_origin', 'text', required)
    .addColumn('organisation_id', 'text', required)
    .addColumn('organisation', 'text', required)
    .addColumn('seq', 'integer', required)
    .addColumn('hash', 'text', required)
    .addColumn('head_at', 'text')
    .addColumn('head_key', 'text', required)
    .addColumn('head_signature', 'text', required)
    .addColumn('witness_key', 'text', required)
    .addColumn('countersignature', 'text', required)
    .addColumn('witnessed_at', 'text', required)
    .addPrimaryKeyConstraint('chain_witnessed_heads_pk', [
      'direction',
      'peer_origin',
      'organisation_id',
      'seq',
    ])
    .execute();
  // Heads a witness refused (a bad signature, a chain that went back or was rewritten): kept,
  // for the administrator to see (`seconded verify --witnessed`), never acted on.
  await db.schema
    .createTable('chain_witness_alerts')
    .addColumn('id', 'text', primaryKey)
    .addColumn('peer_origin', 'text', required)
    .addColumn('organisation_id', 'text', required)
    .addColumn('seq', 'integer', required)
    .addColumn('hash', 'text', required)
    .addColumn('code', 'text', required)
    .addColumn('reason', 'text', required)
    .addColumn('at', 'text', required)
    .execute();
  await createIndex(db, 'chain_witness_alerts_peer', 'chain_witness_alerts', ['peer_origin', 'at']);
}
