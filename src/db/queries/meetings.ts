import { sql } from 'kysely';
import type { TabledAmendment } from '../../domain/meetings/debate.ts';
import type { MeetingEvent, Minutes } from '../../domain/meetings/minutes.ts';
import type { MotionText } from '../../domain/meetings/motion-text.ts';
import type { MotionState } from '../../domain/meetings/motion.ts';
import type { QuestionResult } from '../../domain/meetings/thresholds.ts';
import type { Db } from '../database.ts';
import { readJson, readJsonOrNull } from '../json.ts';
import { findById, lockById, nextSeq, numbered, updateById } from '../rows.ts';
import { currentMembershipsOf, notLeftBy } from './memberships.ts';
import type {
  AgendaItemTable,
  AmendmentTable,
  AttendanceTable,
  MeetingTable,
  MinutesTable,
  MotionTable,
  QuestionTable,
} from '../schema.ts';

export type MeetingRow = MeetingTable;
export type AgendaItemRow = AgendaItemTable;
export type AttendanceRow = AttendanceTable;
/** A motion as src/db hands it out: its texts and state read back as the domain's types. */
export type MotionRow = Omit<MotionTable, 'text' | 'substantive' | 'state'> & {
  text: MotionText;
  substantive: MotionText | null;
  state: MotionState;
};
/** An amendment as src/db hands it out: its change (now and as moved) and its state read back. */
export type AmendmentRow = Omit<AmendmentTable, 'change' | 'as_moved' | 'state'> & {
  change: TabledAmendment['change'];
  as_moved: TabledAmendment['asMoved'];
  state: MotionState;
};

const motionOf = (row: MotionTable): MotionRow => ({
  ...row,
  text: readJson<MotionText>(row.text),
  substantive: readJsonOrNull<MotionText>(row.substantive),
  state: readJson<MotionState>(row.state),
});

const amendmentOf = (row: AmendmentTable): AmendmentRow => ({
  ...row,
  change: readJson<TabledAmendment['change']>(row.change),
  as_moved: readJson<TabledAmendment['asMoved']>(row.as_moved),
  state: readJson<MotionState>(row.state),
});
export type QuestionRow = QuestionTable;
/** Minutes as src/db hands them out: the document and corrections read back. */
export type MinutesRow = Omit<MinutesTable, 'document' | 'corrections'> & {
  document: Minutes['document'];
  corrections: Minutes['corrections'];
};

// ---------------------------------------------------------------------------------------------
// Meetings

export const insertMeeting = (db: Db, row: MeetingRow) =>
  db.insertInto('meetings').values(row).execute();

export const findMeeting = (db: Db, id: string) => findById(db, 'meetings', id);

/**
 * Loads a meeting to change it or anything done at it: locked on PostgreSQL, so the steps of one
 * meeting (sign-ins, votes, the close) take turns.
 */
export const lockMeeting = (db: Db, id: string) => lockById(db, 'meetings', id);

export const updateMeeting = updateById<
  'meetings',
  | 'status'
  | 'notice_given_at'
  | 'emergency'
  | 'opened_at'
  | 'closed_at'
  | 'chair_person_id'
  | 'sign_in_code'
  | 'emergency_reason'
  | 'sequence'
  | 'updated_at'
>('meetings');

/** The meeting a sign-in code names, if any (codes are unique, migration 0019). */
export const findMeetingBySignInCode = (db: Db, code: string) =>
  db.selectFrom('meetings').selectAll().where('sign_in_code', '=', code).executeTakeFirst();

export const listMeetingsOfBody = (db: Db, bodyId: string) =>
  db
    .selectFrom('meetings')
    .selectAll()
    .where('body_id', '=', bodyId)
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .execute();

// ---------------------------------------------------------------------------------------------
// Agenda

export const insertAgendaItem = (db: Db, row: AgendaItemRow) =>
  db.insertInto('agenda_items').values(row).execute();

export const listAgenda = (db: Db, meetingId: string) =>
  db
    .selectFrom('agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();

export const findAgendaItemOfMotion = (db: Db, motionId: string) =>
  db.selectFrom('agenda_items').selectAll().where('motion_id', '=', motionId).executeTakeFirst();

export const setAgendaItemPosition = (db: Db, id: string, position: number) =>
  db.updateTable('agenda_items').set({ position }).where('id', '=', id).execute();

export const updateAgendaItem = updateById<'agenda_items', 'title' | 'motion_id'>('agenda_items');

export const deleteAgendaItem = (db: Db, id: string) =>
  db.deleteFrom('agenda_items').where('id', '=', id).execute();

// ---------------------------------------------------------------------------------------------
// Attendance

export const listAttendance = (db: Db, meetingId: string) =>
  db
    .selectFrom('attendance')
    .innerJoin('people', 'people.id', 'attendance.person_id')
    .select([
      'attendance.id',
      'attendance.person_id',
      'attendance.signed_in_at',
      'attendance.signed_out_at',
      'attendance.signed_in_by',
      'people.name',
    ])
    .where('attendance.meeting_id', '=', meetingId)
    .orderBy('attendance.signed_in_at')
    .orderBy('attendance.id')
    .execute();

export const insertAttendance = (db: Db, row: AttendanceRow) =>
  db.insertInto('attendance').values(row).execute();

export const signOutAttendance = (db: Db, meetingId: string, personId: string, at: string) =>
  db
    .updateTable('attendance')
    .set({ signed_out_at: at })
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .where('signed_out_at', 'is', null)
    .execute();

// ---------------------------------------------------------------------------------------------
// Motions and amendments

export const insertMotion = (
  db: Db,
  row: Omit<MotionTable, 'composited_into'> & { composited_into?: string | null },
) => db.insertInto('motions').values(row).execute();

export const findMotion = async (db: Db, id: string): Promise<MotionRow | undefined> => {
  const row = await findById(db, 'motions', id);
  return row && motionOf(row);
};

export async function lockMotion(db: Db, id: string): Promise<MotionRow | undefined> {
  const row = await lockById(db, 'motions', id);
  return row && motionOf(row);
}

export const updateMotion = updateById<
  'motions',
  | 'meeting_id'
  | 'title'
  | 'text'
  | 'substantive'
  | 'status'
  | 'state'
  | 'seconder_person_id'
  | 'composited_into'
  | 'secret_kind'
  | 'updated_at'
>('motions');

/** The motions of a meeting or a body in the order they were made (or the newest first). */
const motionsInOrder = async (
  db: Db,
  of: 'meeting_id' | 'body_id',
  id: string,
  order: 'asc' | 'desc',
): Promise<MotionRow[]> =>
  (
    await db
      .selectFrom('motions')
      .selectAll()
      .where(of, '=', id)
      .orderBy('created_at', order)
      .orderBy('id')
      .execute()
  ).map(motionOf);

export const listMotionsOfMeeting = (db: Db, meetingId: string) =>
  motionsInOrder(db, 'meeting_id', meetingId, 'asc');

/** The motions composited into this one, in the order they were composited. */
export const listCompositeSources = (db: Db, motionId: string) =>
  db
    .selectFrom('motions')
    .select(['id', 'title'])
    .where('composited_into', '=', motionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const listMotionsOfBody = (db: Db, bodyId: string) =>
  motionsInOrder(db, 'body_id', bodyId, 'desc');

export const insertAmendment = (db: Db, row: AmendmentTable) =>
  db.insertInto('amendments').values(row).execute();

export const findAmendment = async (db: Db, id: string): Promise<AmendmentRow | undefined> => {
  const row = await findById(db, 'amendments', id);
  return row && amendmentOf(row);
};

export const listAmendments = async (db: Db, motionId: string): Promise<AmendmentRow[]> =>
  (
    await db
      .selectFrom('amendments')
      .selectAll()
      .where('motion_id', '=', motionId)
      .orderBy('position')
      .execute()
  ).map(amendmentOf);

export const updateAmendment = updateById<
  'amendments',
  'change' | 'status' | 'state' | 'seconder_person_id'
>('amendments');

// ---------------------------------------------------------------------------------------------
// Questions put in the room

/** Inserts a question after the meeting's last one (the caller holds the meeting's lock). */
export async function insertQuestion(
  db: Db,
  row: Omit<QuestionRow, 'seq' | 'ballot_id'> & { ballot_id?: string | null },
) {
  const seq = await nextSeq(db, 'questions', row.meeting_id);
  await db
    .insertInto('questions')
    .values({ ...row, seq })
    .execute();
}

/** A question with its counts, named votes and result as stored: its seal covers that text. */
export const findQuestion = (db: Db, id: string) => findById(db, 'questions', id);

/** The question put and not yet declared, if any: there is at most one at a time. */
export const findQuestionPut = (db: Db, meetingId: string) =>
  db
    .selectFrom('questions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'put')
    .executeTakeFirst();

/** The question a meeting put to this secret ballot, if it was one. */
export const findQuestionOfBallot = (db: Db, ballotId: string) =>
  db.selectFrom('questions').selectAll().where('ballot_id', '=', ballotId).executeTakeFirst();

export const updateQuestion = updateById<
  'questions',
  | 'status'
  | 'present'
  | 'members'
  | 'counts'
  | 'record'
  | 'result'
  | 'declared'
  | 'declared_at'
  | 'result_hash'
>('questions');

/** A meeting's questions in the order put, each result read back as the domain's type. */
export const listQuestions = async (db: Db, meetingId: string) =>
  (await numbered(db, 'questions', meetingId).orderBy('put_at').execute()).map((q) => ({
    ...q,
    result: readJsonOrNull<QuestionResult>(q.result),
  }));

// ---------------------------------------------------------------------------------------------
// The meeting's events and its minutes

/** Appends an event after the last; the (meeting, seq) key refuses a racing second writer. */
export async function appendMeetingEvent(db: Db, meetingId: string, at: string, event: string) {
  const seq = await nextSeq(db, 'meeting_events', meetingId);
  await db.insertInto('meeting_events').values({ meeting_id: meetingId, seq, at, event }).execute();
}

/** A meeting's events in order, each read back as the domain's MeetingEvent. */
export const listMeetingEvents = async (db: Db, meetingId: string) =>
  (await numbered(db, 'meeting_events', meetingId).execute()).map((e) => ({
    ...e,
    event: readJson<MeetingEvent>(e.event),
  }));

export const findMinutes = async (db: Db, meetingId: string): Promise<MinutesRow | undefined> => {
  const row = await db
    .selectFrom('minutes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      document: readJson<Minutes['document']>(row.document),
      corrections: readJson<Minutes['corrections']>(row.corrections),
    }
  );
};

export const insertMinutes = (db: Db, row: MinutesTable) =>
  db.insertInto('minutes').values(row).execute();

export const updateMinutes = (
  db: Db,
  meetingId: string,
  changes: Partial<
    Pick<
      MinutesTable,
      'status' | 'document' | 'approved_at' | 'approved_at_meeting' | 'corrections' | 'updated_at'
    >
  >,
) => db.updateTable('minutes').set(changes).where('meeting_id', '=', meetingId).execute();

// ---------------------------------------------------------------------------------------------
// People as a meeting sees them

/** Display names of people, by id. */
export async function namesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const currentMembersByName = (db: Db, bodyId: string, today: string) =>
  currentMembershipsOf(db, bodyId, today)
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .orderBy('people.name')
    .orderBy('people.id');

/** The current members of a body with their card weight (default 1), by name. */
export const listCurrentMembers = (db: Db, bodyId: string, today: string) =>
  currentMembersByName(db, bodyId, today)
    .select(['people.id as person_id', 'people.name', 'memberships.vote_weight'])
    .execute();

/** `%text%` for LIKE, its own % and _ taken literally (escaped with a backslash). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Current members of a body for the secretary's attendance list: with their member number and
 * email (to tell apart people of the same name), those whose name, number or email contains
 * `search` (lower case), by name, at most `limit`.
 */
export function listSignInCandidates(
  db: Db,
  q: { bodyId: string; today: string; search: string; limit: number },
) {
  let query = currentMembersByName(db, q.bodyId, q.today).select([
    'people.id as person_id',
    'people.name',
    'people.email',
    'memberships.member_number',
  ]);
  if (q.search) {
    const like = containing(q.search);
    const contains = (column: string) =>
      sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    query = query.where((eb) =>
      eb.or([
        contains('people.name'),
        contains('people.email'),
        contains('memberships.member_number'),
      ]),
    );
  }
  return query.limit(q.limit).execute();
}

/** Of these names, those more than one current member of the body has (compared in lower case). */
export async function sharedNames(
  db: Db,
  bodyId: string,
  today: string,
  names: readonly string[],
): Promise<Set<string>> {
  const lower = [...new Set(names.map((n) => n.toLowerCase()))];
  if (!lower.length) return new Set();
  const rows = await currentMembershipsOf(db, bodyId, today)
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(sql<string>`lower(${sql.ref('people.name')})`.as('name'))
    .where(sql<string>`lower(${sql.ref('people.name')})`, 'in', lower)
    .groupBy(sql`lower(${sql.ref('people.name')})`)
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  return new Set(rows.map((r) => r.name));
}

/** The current members of a body with their email addresses and languages, to give them notice. */
export const listMemberAddresses = (db: Db, bodyId: string, today: string) =>
  currentMembersByName(db, bodyId, today)
    .select(['people.id as person_id', 'people.name', 'people.email', 'people.locale'])
    .execute();

/** The roles a person holds in a body now (member, secretary, chair, ...). */
export const rolesInBody = async (db: Db, bodyId: string, personId: string, today: string) =>
  (
    await db
      .selectFrom('memberships')
      .select('role')
      .where('body_id', '=', bodyId)
      .where('person_id', '=', personId)
      .where(notLeftBy(today))
      .execute()
  ).map((r) => r.role);
