import type { Db } from '../database.ts';
import type { FederationFollowerTable, FederationLookupTable } from '../schema-federation.ts';

/**
 * Bodies elsewhere the motion editor looked up, and the fediverse accounts that follow a body
 * here (issue 19, migration 0033).
 */

export type FederationLookupRow = FederationLookupTable;
export type FederationFollowerRow = FederationFollowerTable;

// Looked-up bodies ------------------------------------------------------------------------------

/** Keeps what a look-up found for an address, replacing an older look-up of it. */
export const saveLookup = (db: Db, row: FederationLookupRow) =>
  db
    .insertInto('federation_lookups')
    .values(row)
    .onConflict((oc) =>
      oc.column('address').doUpdateSet({
        actor_id: row.actor_id,
        name: row.name,
        server: row.server,
        looked_up_at: row.looked_up_at,
      }),
    )
    .execute();

export const findLookup = (db: Db, address: string) =>
  db.selectFrom('federation_lookups').selectAll().where('address', '=', address).executeTakeFirst();

// Followers --------------------------------------------------------------------------------------

/** Records a follower, or its newer Follow when it follows again. */
export const saveFollower = (db: Db, row: FederationFollowerRow) =>
  db
    .insertInto('federation_followers')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['body_id', 'actor_id'])
        .doUpdateSet({ inbox: row.inbox, follow_id: row.follow_id }),
    )
    .execute();

/** Removes a follower; only its own actor's Undo gets here (the caller checks). */
export const deleteFollower = (db: Db, bodyId: string, actorId: string) =>
  db
    .deleteFrom('federation_followers')
    .where('body_id', '=', bodyId)
    .where('actor_id', '=', actorId)
    .execute();

export const listFollowers = (db: Db, bodyId: string) =>
  db
    .selectFrom('federation_followers')
    .selectAll()
    .where('body_id', '=', bodyId)
    .orderBy('created_at')
    .orderBy('actor_id')
    .execute();

export const findFollower = (db: Db, bodyId: string, actorId: string) =>
  db
    .selectFrom('federation_followers')
    .selectAll()
    .where('body_id', '=', bodyId)
    .where('actor_id', '=', actorId)
    .executeTakeFirst();
