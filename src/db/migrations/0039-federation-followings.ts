import type { Kysely } from 'kysely';
import { belongsTo, createdAndUpdated, createIndex, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Bodies on other servers a body here follows (docs/model-motions.md): its secretary sent a
  // `Follow` of the remote Group actor, so that body's model motions reach it. One row per body
  // and remote actor (following twice is one following). `state`: pending until the remote's
  // `Accept` of that Follow (`follow_id`) arrives, `accepted`, or `refused` on its `Reject`.
  await db.schema
    .createTable('federation_followings')
    .addColumn('body_id', 'text', belongsTo('bodies'))
    .addColumn('actor_id', 'text', required)
    .addColumn('address', 'text', required)
    .addColumn('name', 'text', required)
    .addColumn('server', 'text', required)
    .addColumn('follow_id', 'text', required)
    .addColumn('state', 'text', required)
    .$call(createdAndUpdated)
    .addPrimaryKeyConstraint('federation_followings_pk', ['body_id', 'actor_id'])
    .execute();
  await createIndex(db, 'federation_followings_follow', 'federation_followings', ['follow_id']);
}
