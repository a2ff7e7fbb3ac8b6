import type { Updateable } from 'kysely';
import type { DelegationMakeUp } from '../../domain/conference/delegation.ts';
import type { PrioritiesResult } from '../../domain/conference/priorities.ts';
import type { Ruling } from '../../domain/conference/arrangements.ts';
import {
  sectionsFromText,
  sectionsToText,
  type ConferenceSettings,
  type SectionText,
} from '../../domain/conference/settings.ts';
import type { MotionText } from '../../domain/meetings/motion-text.ts';
import type { Db } from '../database.ts';
import { readJson, readJsonOrNull } from '../json.ts';
import type {
  ConferenceCardCastTable,
  ConferenceCredentialTable,
  ConferenceSessionAttendanceTable,
  ConferenceSessionTable,
  ConferenceCardVoteTable,
  ConferenceDelegationTable,
  ConferenceSubmissionTable,
} from '../schema-conference.ts';

/** Conference storage (migration 0024): rows become domain values here. */

export interface ConferenceRecord extends ConferenceSettings {
  readonly meetingId: string;
  readonly priorities: PrioritiesResult | null;
}

export async function insertConference(
  db: Db,
  meetingId: string,
  s: ConferenceSettings,
  at: string,
) {
  await db
    .insertInto('conferences')
    .values({
      meeting_id: meetingId,
      sections: JSON.stringify(sectionsToText(s.sections)),
      formula: JSON.stringify(s.formula),
      rules: JSON.stringify(s.rules),
      priorities: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

export async function findConference(db: Db, meetingId: string): Promise<ConferenceRecord | null> {
  const row = await db
    .selectFrom('conferences')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    meetingId: row.meeting_id,
    sections: sectionsFromText(readJson<SectionText[]>(row.sections)),
    formula: readJson(row.formula),
    rules: readJson(row.rules),
    priorities: readJsonOrNull<PrioritiesResult>(row.priorities),
  };
}

export const savePriorities = (db: Db, meetingId: string, result: PrioritiesResult, at: string) =>
  db
    .updateTable('conferences')
    .set({ priorities: JSON.stringify(result), updated_at: at })
    .where('meeting_id', '=', meetingId)
    .execute();

export interface DelegationRecord {
  readonly id: string;
  readonly meetingId: string;
  readonly bodyId: string;
  readonly bodyName: string;
  readonly section: string;
  readonly members: number;
  readonly entitled: number;
  readonly weight: number;
  readonly makeUp: DelegationMakeUp;
}

const delegationOf = (r: ConferenceDelegationTable & { body_name: string }): DelegationRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  bodyId: r.body_id,
  bodyName: r.body_name,
  section: r.section,
  members: r.members,
  entitled: r.entitled,
  weight: r.weight,
  makeUp: readJson(r.make_up),
});

export const insertDelegation = (db: Db, row: ConferenceDelegationTable) =>
  db.insertInto('conference_delegations').values(row).execute();

const delegations = (db: Db) =>
  db
    .selectFrom('conference_delegations as d')
    .innerJoin('bodies as b', 'b.id', 'd.body_id')
    .selectAll('d')
    .select('b.name as body_name');

export async function findDelegation(db: Db, id: string) {
  const row = await delegations(db).where('d.id', '=', id).executeTakeFirst();
  return row ? delegationOf(row) : null;
}

export async function listDelegations(db: Db, meetingId: string) {
  const rows = await delegations(db)
    .where('d.meeting_id', '=', meetingId)
    .orderBy('b.name')
    .orderBy('d.id')
    .execute();
  return rows.map(delegationOf);
}

export const saveMakeUp = (db: Db, id: string, makeUp: DelegationMakeUp, at: string) =>
  db
    .updateTable('conference_delegations')
    .set({ make_up: JSON.stringify(makeUp), updated_at: at })
    .where('id', '=', id)
    .execute();

export interface SubmissionRecord {
  readonly id: string;
  readonly meetingId: string;
  readonly delegationId: string | null;
  readonly kind: ConferenceSubmissionTable['kind'];
  readonly title: string;
  readonly text: MotionText;
  readonly amendsRule: string | null;
  readonly subject: string | null;
  readonly ruling: Ruling | null;
  readonly recommendation: string | null;
  readonly status: ConferenceSubmissionTable['status'];
  readonly compositedInto: string | null;
  readonly moverDelegationId: string | null;
  readonly seconderDelegationId: string | null;
  readonly sources: readonly string[];
  readonly result: unknown;
  readonly communicationId: string | null;
  readonly createdAt: string;
}

export const submissionOf = (r: ConferenceSubmissionTable): SubmissionRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  delegationId: r.delegation_id,
  kind: r.kind,
  title: r.title,
  text: readJson(r.text),
  amendsRule: r.amends_rule,
  subject: r.subject,
  ruling: readJsonOrNull(r.ruling),
  recommendation: r.recommendation,
  status: r.status,
  compositedInto: r.composited_into,
  moverDelegationId: r.mover_delegation_id,
  seconderDelegationId: r.seconder_delegation_id,
  sources: readJsonOrNull<string[]>(r.sources) ?? [],
  result: readJsonOrNull(r.result),
  communicationId: r.communication_id,
  createdAt: r.created_at,
});

export const insertSubmission = (db: Db, row: ConferenceSubmissionTable) =>
  db.insertInto('conference_submissions').values(row).execute();

export async function findSubmission(db: Db, id: string) {
  const row = await db
    .selectFrom('conference_submissions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? submissionOf(row) : null;
}

export async function listSubmissions(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom('conference_submissions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(submissionOf);
}

/** The submissions sent by a body's delegations, to any conference, newest conference first. */
export async function listSubmissionsOfBody(db: Db, bodyId: string) {
  const rows = await db
    .selectFrom('conference_submissions as s')
    .innerJoin('conference_delegations as d', 'd.id', 's.delegation_id')
    .innerJoin('meetings as m', 'm.id', 's.meeting_id')
    .selectAll('s')
    .select(['m.title as meeting_title', 'm.starts_at'])
    .where('d.body_id', '=', bodyId)
    .orderBy('m.starts_at', 'desc')
    .orderBy('s.created_at')
    .execute();
  return rows.map((r) => ({ ...submissionOf(r), meetingTitle: r.meeting_title }));
}

export async function countSubmissionsOf(db: Db, delegationId: string) {
  const row = await db
    .selectFrom('conference_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('delegation_id', '=', delegationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const updateSubmission = (
  db: Db,
  id: string,
  patch: Updateable<ConferenceSubmissionTable>,
) => db.updateTable('conference_submissions').set(patch).where('id', '=', id).execute();

export const insertPrioritiesPaper = (
  db: Db,
  row: { meeting_id: string; delegation_id: string; subjects: string; cast_at: string },
) => db.insertInto('conference_priorities_papers').values(row).execute();

export async function findPrioritiesPaper(db: Db, meetingId: string, delegationId: string) {
  return db
    .selectFrom('conference_priorities_papers')
    .select('delegation_id')
    .where('meeting_id', '=', meetingId)
    .where('delegation_id', '=', delegationId)
    .executeTakeFirst();
}

export async function listPrioritiesPapers(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom('conference_priorities_papers')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .execute();
  return rows.map((r) => ({
    delegationId: r.delegation_id,
    subjects: readJson<string[]>(r.subjects),
  }));
}

export const insertCardVote = (db: Db, row: ConferenceCardVoteTable) =>
  db.insertInto('conference_card_votes').values(row).execute();

export const findCardVote = (db: Db, id: string) =>
  db.selectFrom('conference_card_votes').selectAll().where('id', '=', id).executeTakeFirst();

export const listCardVotes = (db: Db, meetingId: string) =>
  db
    .selectFrom('conference_card_votes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute();

/** Closes an open card vote; false if it was already closed (someone else closed it first). */
export async function closeCardVoteRow(db: Db, id: string, result: unknown, at: string) {
  const done = await db
    .updateTable('conference_card_votes')
    .set({ open: 0, result: JSON.stringify(result), updated_at: at })
    .where('id', '=', id)
    .where('open', '=', 1)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export const insertCardCast = (db: Db, row: ConferenceCardCastTable) =>
  db.insertInto('conference_card_casts').values(row).execute();

export const findCardCast = (db: Db, cardVoteId: string, delegationId: string) =>
  db
    .selectFrom('conference_card_casts')
    .selectAll()
    .where('card_vote_id', '=', cardVoteId)
    .where('delegation_id', '=', delegationId)
    .executeTakeFirst();

/** A secret card vote's roll: whether the delegation has cast its card. */
export const findCardRoll = (db: Db, cardVoteId: string, delegationId: string) =>
  db
    .selectFrom('conference_card_roll')
    .select('delegation_id')
    .where('card_vote_id', '=', cardVoteId)
    .where('delegation_id', '=', delegationId)
    .executeTakeFirst();

export const listCardRoll = (db: Db, cardVoteId: string) =>
  db
    .selectFrom('conference_card_roll')
    .select('delegation_id')
    .where('card_vote_id', '=', cardVoteId)
    .execute();

/**
 * A secret card goes on the roll and its figures into its section's totals, never a row of its
 * own. The roll's key refuses a second card from the delegation even from two racing requests.
 */
export async function castSecretCard(
  db: Db,
  cast: {
    cardVoteId: string;
    delegationId: string;
    section: string;
    for: number;
    against: number;
    abstain: number;
  },
) {
  await db
    .insertInto('conference_card_roll')
    .values({ card_vote_id: cast.cardVoteId, delegation_id: cast.delegationId })
    .execute();
  await db
    .insertInto('conference_card_box')
    .values({
      card_vote_id: cast.cardVoteId,
      section: cast.section,
      for_votes: 0,
      against_votes: 0,
      abstain_votes: 0,
    })
    .onConflict((oc) => oc.columns(['card_vote_id', 'section']).doNothing())
    .execute();
  await db
    .updateTable('conference_card_box')
    .set((eb) => ({
      for_votes: eb('for_votes', '+', cast.for),
      against_votes: eb('against_votes', '+', cast.against),
      abstain_votes: eb('abstain_votes', '+', cast.abstain),
    }))
    .where('card_vote_id', '=', cast.cardVoteId)
    .where('section', '=', cast.section)
    .execute();
}

export const listCardBox = (db: Db, cardVoteId: string) =>
  db.selectFrom('conference_card_box').selectAll().where('card_vote_id', '=', cardVoteId).execute();

export const listCardCasts = (db: Db, cardVoteId: string) =>
  db
    .selectFrom('conference_card_casts')
    .selectAll()
    .where('card_vote_id', '=', cardVoteId)
    .execute();

export const upsertCredential = (db: Db, row: ConferenceCredentialTable) =>
  db
    .insertInto('conference_credentials')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'person_id']).doUpdateSet({
        delegation_id: row.delegation_id,
        code_hash: row.code_hash,
        state: row.state,
        updated_at: row.updated_at,
      }),
    )
    .execute();

export const findCredentialByCode = (db: Db, meetingId: string, codeHash: string) =>
  db
    .selectFrom('conference_credentials')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();

export const findCredential = (db: Db, meetingId: string, personId: string) =>
  db
    .selectFrom('conference_credentials')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const setCredentialState = (
  db: Db,
  meetingId: string,
  personId: string,
  state: ConferenceCredentialTable['state'],
  at: string,
) =>
  db
    .updateTable('conference_credentials')
    .set({ state, updated_at: at })
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .execute();

export const setCredentialCode = (
  db: Db,
  meetingId: string,
  personId: string,
  codeHash: string,
  at: string,
) =>
  db
    .updateTable('conference_credentials')
    .set({ code_hash: codeHash, updated_at: at })
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .execute();

export const listCredentials = (db: Db, meetingId: string) =>
  db.selectFrom('conference_credentials').selectAll().where('meeting_id', '=', meetingId).execute();

export const insertSession = (db: Db, row: ConferenceSessionTable) =>
  db.insertInto('conference_sessions').values(row).execute();

export const listSessions = (db: Db, meetingId: string) =>
  db
    .selectFrom('conference_sessions')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();

export const findSession = (db: Db, sessionId: string) =>
  db.selectFrom('conference_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();

export const findAttendance = (db: Db, sessionId: string, personId: string) =>
  db
    .selectFrom('conference_session_attendance')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const setAttendance = (db: Db, row: ConferenceSessionAttendanceTable) =>
  db
    .insertInto('conference_session_attendance')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['session_id', 'person_id'])
        .doUpdateSet({ state: row.state, updated_at: row.updated_at }),
    )
    .execute();

/**
 * The delegates checked in to a session now: its attendance. A delegate whose credential was
 * revoked since is not counted, though the door never scanned them out.
 */
export async function countCheckedIn(db: Db, meetingId: string, sessionId: string) {
  const row = await db
    .selectFrom('conference_session_attendance as a')
    .innerJoin('conference_credentials as c', (j) =>
      j.onRef('c.person_id', '=', 'a.person_id').on('c.meeting_id', '=', meetingId),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.session_id', '=', sessionId)
    .where('a.state', '=', 'in')
    .where('c.state', '!=', 'revoked')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Who is in each session of a conference: session id → the people checked in. */
export async function checkedInBySession(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom('conference_session_attendance as a')
    .innerJoin('conference_sessions as s', 's.id', 'a.session_id')
    .innerJoin('conference_credentials as c', (j) =>
      j.onRef('c.person_id', '=', 'a.person_id').on('c.meeting_id', '=', meetingId),
    )
    .select(['a.session_id', 'a.person_id'])
    .where('s.meeting_id', '=', meetingId)
    .where('a.state', '=', 'in')
    .where('c.state', '!=', 'revoked')
    .execute();
  const inside = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = inside.get(r.session_id) ?? new Set<string>();
    set.add(r.person_id);
    inside.set(r.session_id, set);
  }
  return inside;
}
