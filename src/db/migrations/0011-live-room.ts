import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { withoutRowid } from './support.ts';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Live events, numbered per channel (a meeting, a ballot): the counter row is updated in
    // the transaction that stores the event, so on PostgreSQL two processes publishing to one
    // meeting take numbers one after the other, and the numbers follow commit order. The
    // events themselves are a bounded replay window for screens that reconnect
    // (src/infra/live-hub.ts prunes the older ones).
    await db.schema
      .createTable('live_channels')
      .addColumn('channel', 'text', (c) => c.primaryKey())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('live_events')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('live_events_pk', ['channel', 'seq'])
      .modifyEnd(withoutRowid(db))
      .execute();
    // The speakers list: members ask to speak on the motion before the meeting, for or
    // against it, or rise on a point of order; the chair calls them (domain/meetings/speakers.ts).
    await db.schema
      .createTable('speakers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) =>
        c.notNull().references('meetings.id').onDelete('cascade'),
      )
      .addColumn('motion_id', 'text')
      .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
      .addColumn('side', 'text')
      .addColumn('point_of_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('asked_at', 'text', (c) => c.notNull())
      .addColumn('called_at', 'text')
      .addColumn('time_limit_seconds', 'integer')
      .addColumn('finished_at', 'text')
      .addColumn('withdrawn_at', 'text')
      .execute();
    await db.schema
      .createIndex('speakers_meeting')
      .on('speakers')
      .columns(['meeting_id', 'asked_at'])
      .execute();
    // The language a person reads Seconded in ('en', 'fr'); unset follows the browser.
    await db.schema.alterTable('people').addColumn('locale', 'text').execute();
  },
};
