import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  // A meeting's sign-in code (src/domain/meetings/sign-in-code.ts): members type it on their
  // phones, or scan it from the projector, to sign themselves in. Unique over all meetings, so
  // a code names one meeting; meetings called before this migration get one when they open.
  await db.schema.alterTable('meetings').addColumn('sign_in_code', 'text').execute();
  await db.schema
    .createIndex('meetings_sign_in_code')
    .on('meetings')
    .column('sign_in_code')
    .unique()
    .execute();
  // Why the secretary called it at short notice under the emergency rule, kept with the meeting
  // so the members and the minutes can see it.
  await db.schema.alterTable('meetings').addColumn('emergency_reason', 'text').execute();
}
