import type { Db } from '../database.ts';
import type { CalendarFeedTable } from '../schema.ts';

/** A person's calendar feed token (its hash): one per person, replaced when made anew. */
export const upsertCalendarFeed = async (db: Db, row: CalendarFeedTable) => {
  await db
    .insertInto('calendar_feeds')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('person_id')
        .doUpdateSet({ token_hash: row.token_hash, created_at: row.created_at }),
    )
    .execute();
};

export const findCalendarFeedByHash = (db: Db, tokenHash: string) =>
  db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
