import { createIndex } from './support.ts';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  // A register import matches each batch of rows to the body's members by member number
  // (src/db/queries/member-import.ts) as well as by email; without this index every batch of a
  // re-import scanned the whole register. (body_id, member_number) serves its `body_id in (…)
  // and member_number in (…)` and keeps numbers of different bodies apart.
  await createIndex(db, 'memberships_body_member_number', 'memberships', [
    'body_id',
    'member_number',
  ]);
}
