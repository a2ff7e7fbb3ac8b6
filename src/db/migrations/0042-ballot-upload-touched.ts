import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  // When an upload in parts (0040) last moved: started, or a part received. An upload that has
  // not moved for a day is abandoned and swept by the server (src/app/ballots/sweep-uploads.ts);
  // an upload started before this column has its start instead.
  await db.schema.alterTable('ballot_uploads').addColumn('touched_at', 'text').execute();
}
