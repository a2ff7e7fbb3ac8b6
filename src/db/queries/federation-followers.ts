import type { Db } from '../database.ts';
import type {
  FederationFollowerTable,
  FederationFollowingTable,
  FederationLookupTable,
} from '../schema-federation.ts';

/**
 * Bodies elsewhere the motion editor looked up, and the fediverse accounts that follow a body
 * here (issue 19, migration 0033).
 */

export type FederationLookupRow = FederationLookupTable;
export type FederationFollowerRow = FederationFollowerTable;
export type FederationFollowingRow = FederationFollowingTable;

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

// Followings (bodies elsewhere a body here follows, migration 0039) ----------------------------

export const findFollowing = (db: Db, bodyId: string, actorId: string) =>
  db
    .selectFrom('federation_followings')
    .selectAll()
    .where('body_id', '=', bodyId)
    .where('actor_id', '=', actorId)
    .executeTakeFirst();

/** The following our Follow of that id made, if it is still kept. */
export const findFollowingByFollow = (db: Db, followId: string) =>
  db
    .selectFrom('federation_followings')
    .selectAll()
    .where('follow_id', '=', followId)
    .executeTakeFirst();

/** Records a following, or replaces a refused one's Follow when the body follows again. */
export const saveFollowing = (db: Db, row: FederationFollowingRow) =>
  db
    .insertInto('federation_followings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['body_id', 'actor_id']).doUpdateSet({
        address: row.address,
        name: row.name,
        server: row.server,
        follow_id: row.follow_id,
        state: row.state,
        updated_at: row.updated_at,
      }),
    )
    .execute();

export const setFollowingState = (
  db: Db,
  followId: string,
  state: FederationFollowingRow['state'],
  at: string,
) =>
  db
    .updateTable('federation_followings')
    .set({ state, updated_at: at })
    .where('follow_id', '=', followId)
    .execute();

export const deleteFollowing = (db: Db, bodyId: string, actorId: string) =>
  db
    .deleteFrom('federation_followings')
    .where('body_id', '=', bodyId)
    .where('actor_id', '=', actorId)
    .execute();

export const listFollowings = (db: Db, bodyId: string) =>
  db
    .selectFrom('federation_followings')
    .selectAll()
    .where('body_id', '=', bodyId)
    .orderBy('created_at')
    .orderBy('actor_id')
    .execute();
