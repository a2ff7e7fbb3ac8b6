import type { Db } from '../database.ts';
import type { ServerKeyTable } from '../schema.ts';

export const findServerKey = (db: Db, id: string) =>
  db.selectFrom('server_keys').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Stores a key unless one with its id is already there: when two processes make the first key
 * at once, the first insert wins and both then read the same key.
 */
export const insertServerKeyIfAbsent = (db: Db, row: ServerKeyTable) =>
  db
    .insertInto('server_keys')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
