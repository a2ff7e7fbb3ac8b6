import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Meetings, their agenda and attendance. */
async function meetingsAgendaAndAttendance(db: Kysely<unknown>) {
  // A meeting of one body: called with notice, opened and closed by the chair.
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notice_given_at', 'text')
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('chair_person_id', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_body').on('meetings').column('body_id').execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('motion_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agenda_items_meeting')
    .on('agenda_items')
    .columns(['meeting_id', 'position'])
    .execute();

  // Each stay in the room: signed in, and out (null while present).
  await db.schema
    .createTable('attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('signed_in_at', 'text', (c) => c.notNull())
    .addColumn('signed_out_at', 'text')
    .addColumn('signed_in_by', 'text')
    .execute();
  await db.schema
    .createIndex('attendance_meeting')
    .on('attendance')
    .columns(['meeting_id', 'person_id'])
    .execute();
}

/** Motions, amendments, the questions put, the meeting's events and its minutes. */
async function motionsQuestionsAndMinutes(db: Kysely<unknown>) {
  // A motion: its text as submitted, the substantive text once amended, and its lifecycle.
  await db.schema
    .createTable('motions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id').onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('substantive', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposer_person_id', 'text', (c) => c.notNull())
    .addColumn('seconder_person_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('motions_body').on('motions').column('body_id').execute();
  await db.schema.createIndex('motions_meeting').on('motions').column('meeting_id').execute();

  // Amendments moved in the debate on a motion, in the order moved (`position`).
  await db.schema
    .createTable('amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('motion_id', 'text', (c) => c.notNull().references('motions.id').onDelete('cascade'))
    .addColumn('parent_id', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('change', 'text', (c) => c.notNull())
    .addColumn('as_moved', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('proposer_person_id', 'text', (c) => c.notNull())
    .addColumn('seconder_person_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('amendments_motion')
    .on('amendments')
    .columns(['motion_id', 'position'])
    .execute();

  // Each question put in the room, the vote taken and the result declared.
  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('motion_id', 'text')
    .addColumn('amendment_id', 'text')
    .addColumn('procedural', 'text')
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('present', 'integer')
    .addColumn('members', 'integer')
    .addColumn('counts', 'text')
    .addColumn('record', 'text')
    .addColumn('result', 'text')
    .addColumn('declared', 'text')
    .addColumn('put_at', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text')
    .execute();
  await db.schema.createIndex('questions_meeting').on('questions').column('meeting_id').execute();

  // What happened at a meeting, in order, with display names: the input to the minutes.
  await db.schema
    .createTable('meeting_events')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_events_pk', ['meeting_id', 'seq'])
    .execute();

  await db.schema
    .createTable('minutes')
    .addColumn('meeting_id', 'text', (c) =>
      c.primaryKey().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_at_meeting', 'text')
    .addColumn('corrections', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await meetingsAgendaAndAttendance(db);
    await motionsQuestionsAndMinutes(db);
  },
};
