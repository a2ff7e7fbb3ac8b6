import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../database.ts';
import { readJson } from '../json.ts';
import type { LiveEventTable } from '../schema.ts';

export type LiveEventRow = LiveEventTable;
/** A stored live event with its data read back: a JSON object. */
export type LiveEventRecord = Omit<LiveEventRow, 'data'> & { data: Record<string, unknown> };

const eventData = z.record(z.string(), z.unknown());

/**
 * Takes the next number of a channel. The upsert locks the channel's counter row until the
 * transaction ends, so numbers are handed out one after the other across processes and follow
 * commit order.
 */
export async function nextLiveSeq(db: Db, channel: string): Promise<number> {
  const row = await db
    .insertInto('live_channels')
    .values({ channel, last_seq: 1 })
    .onConflict((oc) =>
      oc.column('channel').doUpdateSet({ last_seq: sql<number>`live_channels.last_seq + 1` }),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

export const insertLiveEvent = (db: Db, row: LiveEventRow) =>
  db.insertInto('live_events').values(row).execute();

/** Forgets a channel's events numbered below `seq` (the replay window is bounded). */
export const pruneLiveEvents = (db: Db, channel: string, belowSeq: number) =>
  db.deleteFrom('live_events').where('channel', '=', channel).where('seq', '<', belowSeq).execute();

export async function lastLiveSeq(db: Db, channel: string): Promise<number> {
  const row = await db
    .selectFrom('live_channels')
    .select('last_seq')
    .where('channel', '=', channel)
    .executeTakeFirst();
  return row ? Number(row.last_seq) : 0;
}

/** A channel's stored events after `afterSeq` (and up to `upToSeq`), oldest first. */
export async function liveEventsAfter(
  db: Db,
  channel: string,
  afterSeq: number,
  upToSeq?: number,
): Promise<LiveEventRecord[]> {
  let query = db
    .selectFrom('live_events')
    .selectAll()
    .where('channel', '=', channel)
    .where('seq', '>', afterSeq);
  if (upToSeq !== undefined) query = query.where('seq', '<=', upToSeq);
  const rows = await query.orderBy('seq').execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), data: readJson(r.data, eventData) }));
}

/** Wakes every process listening on `notifyChannel` when the transaction commits (PostgreSQL). */
export const notifyLive = (db: Db, notifyChannel: string, payload: string) =>
  sql`select pg_notify(${notifyChannel}, ${payload})`.execute(db);
