import type { Kysely } from 'kysely';
import { createdAt, createTableExtending, requiredUnique } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A motion that is a question of no confidence or of discipline: the standing orders may
  // require such questions to be decided by secret ballot, not in the room.
  await db.schema.alterTable('motions').addColumn('secret_kind', 'text').execute();
  // Each person's calendar feed token (its hash): the body's meetings feed is read by a
  // calendar app, without a session.
  await createTableExtending(db, 'calendar_feeds', 'people', 'person_id')
    .addColumn('token_hash', 'text', requiredUnique)
    .$call(createdAt)
    .execute();
}
