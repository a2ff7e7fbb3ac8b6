import { sql, type Kysely } from 'kysely';
import { createIndex } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // The register is paged in the order of its sort name, lower(name), then the person's id
  // (src/db/queries/register.ts): a page of 50 reads 50 entries of this index from the cursor
  // on, however long the register, instead of sorting the whole body at every page.
  await db.schema
    .createIndex('people_sort_name')
    .on('people')
    .expression(sql`lower("name"), "id"`)
    .execute();
  // How many current members a body has, counted from the index alone (role and left_on are
  // in it), for the register's heading.
  await createIndex(db, 'memberships_body_role_left', 'memberships', [
    'body_id',
    'role',
    'left_on',
  ]);
}
