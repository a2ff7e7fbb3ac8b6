import type { Kysely } from 'kysely';
import { createdAt, createTableExtending, required, requiredUnique } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A meeting's private projector link (its token's hash): the wall laptop opens the projector
  // without an account. One per meeting, replaced when made anew, deleted when revoked.
  await createTableExtending(db, 'projector_links', 'meetings', 'meeting_id')
    .addColumn('token_hash', 'text', requiredUnique)
    .addColumn('made_by_person_id', 'text', required)
    .$call(createdAt)
    .execute();
}
