import { sql, SqliteAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  // Closing a ballot rewrites its box on PostgreSQL (src/db/queries/ballots.ts,
  // scrambleStorageOrder); checking each rewritten row against `ballots` doubled the cost of
  // closing a 500,000-vote ballot. Box rows are written only by castBallot, for a ballot it
  // has just read under lock, so the reference adds no safety there. (SQLite never rewrites.)
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`alter table ballot_box drop constraint if exists ballot_box_ballot_id_fkey`.execute(db);
}
