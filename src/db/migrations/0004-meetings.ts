import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAndUpdated,
  createdAt,
  createIndex,
  createNumberedLog,
  createTableExtending,
  createTableWithId,
  ofBody,
  proposedAndSeconded,
  refersTo,
  required,
  updatedAt,
  zeroUnlessSet,
} from './support.ts';

/** Meetings, their agenda and attendance. */
async function meetingsAgendaAndAttendance(db: Kysely<unknown>) {
  // A meeting of one body: called with notice, opened and closed by the chair.
  await createTableWithId(db, 'meetings')
    .$call(ofBody)
    .addColumn('title', 'text', required)
    .addColumn('starts_at', 'text', required)
    .addColumn('location', 'text')
    .addColumn('time_zone', 'text', required)
    .addColumn('status', 'text', required)
    .addColumn('notice_given_at', 'text')
    .addColumn('emergency', 'integer', zeroUnlessSet)
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('chair_person_id', 'text')
    .addColumn('sequence', 'integer', zeroUnlessSet)
    .addColumn('created_by', 'text')
    .$call(createdAndUpdated)
    .execute();
  await createIndex(db, 'meetings_body', 'meetings', ['body_id']);

  await createTableWithId(db, 'agenda_items')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('position', 'integer', required)
    .addColumn('title', 'text', required)
    .addColumn('motion_id', 'text')
    .$call(createdAt)
    .execute();
  await createIndex(db, 'agenda_items_meeting', 'agenda_items', ['meeting_id', 'position']);

  // Each stay in the room: signed in, and out (null while present).
  await createTableWithId(db, 'attendance')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('person_id', 'text', required)
    .addColumn('signed_in_at', 'text', required)
    .addColumn('signed_out_at', 'text')
    .addColumn('signed_in_by', 'text')
    .execute();
  await createIndex(db, 'attendance_meeting', 'attendance', ['meeting_id', 'person_id']);
}

/** Motions, amendments, the questions put, the meeting's events and its minutes. */
async function motionsQuestionsAndMinutes(db: Kysely<unknown>) {
  // A motion: its text as submitted, the substantive text once amended, and its lifecycle.
  await createTableWithId(db, 'motions')
    .$call(ofBody)
    .addColumn('meeting_id', 'text', refersTo('meetings'))
    .addColumn('title', 'text', required)
    .addColumn('text', 'text', required)
    .addColumn('substantive', 'text')
    .addColumn('status', 'text', required)
    .addColumn('state', 'text', required)
    .$call(proposedAndSeconded)
    .$call(createdAndUpdated)
    .execute();
  await createIndex(db, 'motions_body', 'motions', ['body_id']);
  await createIndex(db, 'motions_meeting', 'motions', ['meeting_id']);

  // Amendments moved in the debate on a motion, in the order moved (`position`).
  await createTableWithId(db, 'amendments')
    .addColumn('motion_id', 'text', belongsTo('motions'))
    .addColumn('parent_id', 'text')
    .addColumn('position', 'integer', required)
    .addColumn('depth', 'integer', required)
    .addColumn('change', 'text', required)
    .addColumn('as_moved', 'text', required)
    .addColumn('description', 'text', required)
    .addColumn('status', 'text', required)
    .addColumn('state', 'text', required)
    .$call(proposedAndSeconded)
    .$call(createdAt)
    .execute();
  await createIndex(db, 'amendments_motion', 'amendments', ['motion_id', 'position']);

  // Each question put in the room, the vote taken and the result declared.
  await createTableWithId(db, 'questions')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('motion_id', 'text')
    .addColumn('amendment_id', 'text')
    .addColumn('procedural', 'text')
    .addColumn('wording', 'text', required)
    .addColumn('mode', 'text', required)
    .addColumn('status', 'text', required)
    .addColumn('present', 'integer')
    .addColumn('members', 'integer')
    .addColumn('counts', 'text')
    .addColumn('record', 'text')
    .addColumn('result', 'text')
    .addColumn('declared', 'text')
    .addColumn('put_at', 'text', required)
    .addColumn('declared_at', 'text')
    .execute();
  await createIndex(db, 'questions_meeting', 'questions', ['meeting_id']);

  // What happened at a meeting, in order, with display names: the input to the minutes.
  await createNumberedLog(db, 'meeting_events', ['meeting_id', belongsTo('meetings')])
    .addColumn('at', 'text', required)
    .addColumn('event', 'text', required)
    .execute();

  await createTableExtending(db, 'minutes', 'meetings', 'meeting_id')
    .addColumn('status', 'text', required)
    .addColumn('document', 'text', required)
    .addColumn('approved_at', 'text')
    .addColumn('approved_at_meeting', 'text')
    .addColumn('corrections', 'text', required)
    .$call(updatedAt)
    .execute();
}

export async function up(db: Kysely<unknown>) {
  await meetingsAgendaAndAttendance(db);
  await motionsQuestionsAndMinutes(db);
}
