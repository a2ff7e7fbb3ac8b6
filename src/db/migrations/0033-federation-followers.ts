import type { Kysely } from 'kysely';
import { belongsTo, createIndex, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Bodies on other servers the motion editor looked up (issue 19), by the handle or URL they
  // were named by: a "calls on" clause naming one keeps its actor, name and server from here,
  // as this server found them, not as a client says.
  await db.schema
    .createTable('federation_lookups')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text', required)
    .addColumn('name', 'text', required)
    .addColumn('server', 'text', required)
    .addColumn('looked_up_at', 'text', required)
    .execute();
  // Fediverse accounts (Mastodon and others, or another Seconded server) that follow a body's
  // Group actor: each is sent the body's public resolutions as posts. One row per body and actor.
  await db.schema
    .createTable('federation_followers')
    .addColumn('body_id', 'text', belongsTo('bodies'))
    .addColumn('actor_id', 'text', required)
    .addColumn('inbox', 'text', required)
    .addColumn('follow_id', 'text', required)
    .addColumn('created_at', 'text', required)
    .addPrimaryKeyConstraint('federation_followers_pk', ['body_id', 'actor_id'])
    .execute();
  await createIndex(db, 'federation_followers_actor', 'federation_followers', ['actor_id']);
}
