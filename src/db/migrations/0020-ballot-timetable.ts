import type { Kysely } from 'kysely';
import { createIndex } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A ballot's timetable (src/infra/ballot-scheduler.ts): when it opens by itself (`opens_at`),
  // the time zone its officers gave its times in (for pages and emails; instants stay UTC), and
  // when the reminder to those who had not voted was queued. The reminder is queued by the
  // conditional update that sets `reminded_at`, in the transaction that queues its mail, so it
  // goes once whichever process and however many restarts.
  await db.schema.alterTable('ballots').addColumn('opens_at', 'text').execute();
  await db.schema.alterTable('ballots').addColumn('time_zone', 'text').execute();
  await db.schema.alterTable('ballots').addColumn('reminded_at', 'text').execute();
  // The scheduler's questions: drafts due to open, open ballots due a reminder or a close.
  await createIndex(db, 'ballots_timetable', 'ballots', ['state', 'opens_at', 'closes_at']);
}
