import type { Kysely } from 'kysely';
import { belongsTo, createIndex, createTableWithId, refersTo, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Who looked at members' personal data, and when (DESIGN.md section 5: log access). The
  // least that answers "who saw my details": the viewer, what they looked at (a body's
  // register, or one person's details) and the time; no address, no browser, no copy of
  // the data. A register view is one row for the body, not one per member listed.
  await createTableWithId(db, 'data_access')
    .addColumn('at', 'text', required)
    .addColumn('viewer_person_id', 'text', belongsTo('people'))
    .addColumn('kind', 'text', required)
    .addColumn('body_id', 'text', refersTo('bodies', { onDelete: 'cascade' }))
    .addColumn('person_id', 'text', refersTo('people', { onDelete: 'cascade' }))
    .execute();
  await createIndex(db, 'data_access_body', 'data_access', ['body_id', 'at']);
  await createIndex(db, 'data_access_person', 'data_access', ['person_id', 'at']);
  // A published result carries the hash of the audit entry that sealed it, so a reader can
  // check it against the chain and `seconded verify` can find a result edited afterwards.
  await db.schema.alterTable('ballots').addColumn('result_hash', 'text').execute();
  await db.schema.alterTable('questions').addColumn('result_hash', 'text').execute();
}
