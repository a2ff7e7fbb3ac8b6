import type { Db } from '../database.ts';
import { upsert } from '../rows.ts';
import type { CalendarFeedTable } from '../schema.ts';

/** A person's calendar feed token (its hash): one per person, replaced when made anew. */
export const upsertCalendarFeed = (db: Db, row: CalendarFeedTable) =>
  upsert(db, 'calendar_feeds', 'person_id', row, ['token_hash', 'created_at']);

export const findCalendarFeedByHash = (db: Db, tokenHash: string) =>
  db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
