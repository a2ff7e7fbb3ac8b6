import type { Kysely } from 'kysely';
import {
  belongsTo,
  createIndex,
  createNumberedLog,
  createTableWithId,
  primaryKey,
  refersTo,
  required,
  withoutRowid,
  zeroUnlessSet,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Live events, numbered per channel (a meeting, a ballot): the counter row is updated in
  // the transaction that stores the event, so on PostgreSQL two processes publishing to one
  // meeting take numbers one after the other, and the numbers follow commit order. The
  // events themselves are a bounded replay window for screens that reconnect
  // (src/infra/live-hub.ts prunes the older ones).
  await db.schema
    .createTable('live_channels')
    .addColumn('channel', 'text', primaryKey)
    .addColumn('last_seq', 'integer', required)
    .execute();
  await createNumberedLog(db, 'live_events', ['channel', required])
    .addColumn('type', 'text', required)
    .addColumn('data', 'text', required)
    .addColumn('at', 'text', required)
    .modifyEnd(withoutRowid(db))
    .execute();
  // The speakers list: members ask to speak on the motion before the meeting, for or
  // against it, or rise on a point of order; the chair calls them (domain/meetings/speakers.ts).
  await createTableWithId(db, 'speakers')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('motion_id', 'text')
    .addColumn('person_id', 'text', refersTo('people', { required: true }))
    .addColumn('side', 'text')
    .addColumn('point_of_order', 'integer', zeroUnlessSet)
    .addColumn('asked_at', 'text', required)
    .addColumn('called_at', 'text')
    .addColumn('time_limit_seconds', 'integer')
    .addColumn('finished_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .execute();
  await createIndex(db, 'speakers_meeting', 'speakers', ['meeting_id', 'asked_at']);
  // The language a person reads Seconded in ('en', 'fr'); unset follows the browser.
  await db.schema.alterTable('people').addColumn('locale', 'text').execute();
}
