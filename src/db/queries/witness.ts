import type { Db } from '../database.ts';
import { inOrganisation } from '../rows.ts';
import type { ChainWitnessAlertTable, ChainWitnessedHeadTable } from '../schema-federation.ts';

/** Witnessed chain heads and the alerts about refused ones (docs/witnessed-chains.md). */

export type WitnessedHeadRow = ChainWitnessedHeadTable;

/** Keeps a witnessed head; the same head witnessed again is kept once (its first witnessing). */
export const insertWitnessedHead = (db: Db, row: WitnessedHeadRow) =>
  db
    .insertInto('chain_witnessed_heads')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['direction', 'peer_origin', 'organisation_id', 'seq']).doNothing(),
    )
    .execute();

/** The highest head of a chain witnessed so far, in one direction with one peer. */
export const findLastWitnessedHead = (
  db: Db,
  direction: WitnessedHeadRow['direction'],
  peerOrigin: string,
  organisationId: string,
) =>
  db
    .selectFrom('chain_witnessed_heads')
    .selectAll()
    .where('direction', '=', direction)
    .where('peer_origin', '=', peerOrigin)
    .where('organisation_id', '=', organisationId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Every head witnessed in one direction with one peer, by organisation then number. */
export const listWitnessedHeads = (
  db: Db,
  direction: WitnessedHeadRow['direction'],
  peerOrigin?: string,
) => {
  let query = db.selectFrom('chain_witnessed_heads').selectAll().where('direction', '=', direction);
  if (peerOrigin !== undefined) query = query.where('peer_origin', '=', peerOrigin);
  return query.orderBy('peer_origin').orderBy('organisation_id').orderBy('seq').execute();
};

export const insertWitnessAlert = (db: Db, row: ChainWitnessAlertTable) =>
  db.insertInto('chain_witness_alerts').values(row).execute();

/** The alert kept for the same refusal of the same head of a peer's chain, if any. */
export const findSameWitnessAlert = (
  db: Db,
  row: Pick<ChainWitnessAlertTable, 'peer_origin' | 'organisation_id' | 'seq' | 'hash' | 'code'>,
) =>
  db
    .selectFrom('chain_witness_alerts')
    .selectAll()
    .where('peer_origin', '=', row.peer_origin)
    .where('organisation_id', '=', row.organisation_id)
    .where('seq', '=', row.seq)
    .where('hash', '=', row.hash)
    .where('code', '=', row.code)
    .executeTakeFirst();

/** A peer's alerts kept since `since`, newest first. */
export const listWitnessAlertsSince = (db: Db, peerOrigin: string, since: string) =>
  db
    .selectFrom('chain_witness_alerts')
    .selectAll()
    .where('peer_origin', '=', peerOrigin)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** Counts one more coming of a kept alert. */
export const repeatWitnessAlert = (db: Db, id: string, at: string) =>
  db
    .updateTable('chain_witness_alerts')
    .set((eb) => ({ repeats: eb('repeats', '+', 1), last_at: at }))
    .where('id', '=', id)
    .execute();

/** Every alert, oldest first; with `peerOrigin`, that peer's only. */
export const listWitnessAlerts = (db: Db, peerOrigin?: string) => {
  let query = db.selectFrom('chain_witness_alerts').selectAll();
  if (peerOrigin !== undefined) query = query.where('peer_origin', '=', peerOrigin);
  return query.orderBy('at').orderBy('id').execute();
};

/** Links of a chain (number, previous hash, hash) from `fromSeq` to `toSeq`, at most `limit`. */
export const listChainLinks = (
  db: Db,
  organisationId: string,
  fromSeq: number,
  toSeq: number,
  limit: number,
) =>
  inOrganisation(db, 'audit_events', organisationId)
    .select(['seq', 'prev_hash', 'hash'])
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
