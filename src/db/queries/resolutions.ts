import type { MotionText } from '../../domain/meetings/motion-text.ts';
import type { QuestionResult } from '../../domain/meetings/thresholds.ts';
import type { Db } from '../database.ts';
import { readJson, readJsonOrNull } from '../json.ts';
import {
  findById,
  findBySlug,
  forAny,
  lockById,
  nextSeq,
  slugsTaken,
  updateById,
  upsert,
} from '../rows.ts';
import { officeHoldersNow } from './memberships.ts';
import type {
  AdoptionTable,
  CommunicationEventTable,
  CommunicationTable,
  PublishedMinutesTable,
  ResolutionTable,
} from '../schema.ts';

/** A resolution as stored: its text and result are JSON text (what its seal covers). */
export type StoredResolution = ResolutionTable;
/** A resolution as src/db hands it out: its text and result read back as the domain's types. */
export type ResolutionRow = Omit<ResolutionTable, 'text' | 'result'> & {
  text: MotionText;
  result: QuestionResult;
};

export const resolutionOf = (row: StoredResolution): ResolutionRow => ({
  ...row,
  text: readJson<MotionText>(row.text),
  result: readJson<QuestionResult>(row.result),
});
export type CommunicationRow = CommunicationTable;
export type CommunicationEventRow = CommunicationEventTable;
export type AdoptionRow = AdoptionTable;
export type PublishedMinutesRow = PublishedMinutesTable;

// ---------------------------------------------------------------------------------------------
// Resolutions

export const insertResolution = (db: Db, row: StoredResolution) =>
  db.insertInto('resolutions').values(row).execute();

/** A resolution exactly as stored: what `seconded verify` checks its seal against. */
export const findResolutionSealed = (db: Db, id: string) => findById(db, 'resolutions', id);

export const findResolution = async (db: Db, id: string) => {
  const row = await findResolutionSealed(db, id);
  return row && resolutionOf(row);
};

export const findResolutionOfMotion = async (db: Db, motionId: string) => {
  const row = await db
    .selectFrom('resolutions')
    .selectAll()
    .where('motion_id', '=', motionId)
    .executeTakeFirst();
  return row && resolutionOf(row);
};

export const findResolutionBySlug = async (db: Db, organisationId: string, slug: string) => {
  const row = await findBySlug(db, 'resolutions', organisationId, slug);
  return row && resolutionOf(row);
};

export async function lockResolution(db: Db, id: string) {
  const row = await lockById(db, 'resolutions', id);
  return row && resolutionOf(row);
}

/** Slugs already given in the organisation (to make a new one unique). */
export const listResolutionSlugs = (db: Db, organisationId: string) =>
  slugsTaken(db, 'resolutions', organisationId);

/** Resolutions of some bodies, newest first. */
export const listResolutionsOfBodies = async (
  db: Db,
  bodyIds: readonly string[],
  limit = 200,
): Promise<ResolutionRow[]> =>
  forAny(bodyIds, async (ids) =>
    (
      await db
        .selectFrom('resolutions')
        .selectAll()
        .where('body_id', 'in', ids)
        .orderBy('passed_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute()
    ).map(resolutionOf),
  );

export const setModelPublished = (db: Db, id: string, at: string) =>
  db.updateTable('resolutions').set({ model_published_at: at }).where('id', '=', id).execute();

// ---------------------------------------------------------------------------------------------
// Published minutes

export const insertPublishedMinutes = (db: Db, row: PublishedMinutesRow) =>
  db.insertInto('published_minutes').values(row).execute();

export const findPublishedMinutes = (db: Db, meetingId: string) =>
  db
    .selectFrom('published_minutes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();

export const findPublishedMinutesBySlug = (db: Db, organisationId: string, slug: string) =>
  findBySlug(db, 'published_minutes', organisationId, slug);

export const listPublishedMinutesSlugs = (db: Db, organisationId: string) =>
  slugsTaken(db, 'published_minutes', organisationId);

export const listPublishedMinutesOfBodies = (db: Db, bodyIds: readonly string[], limit = 200) =>
  forAny(bodyIds, (ids) =>
    db
      .selectFrom('published_minutes')
      .selectAll()
      .where('body_id', 'in', ids)
      .orderBy('published_at', 'desc')
      .orderBy('meeting_id')
      .limit(limit)
      .execute(),
  );

// ---------------------------------------------------------------------------------------------
// Communications

/**
 * A new communication and the first line of its history (its opening state, at its creation),
 * which every communication has whoever opens it.
 */
export async function insertCommunication(
  db: Db,
  row: CommunicationRow,
  openedBy: { actorPersonId: string | null },
) {
  await db.insertInto('communications').values(row).execute();
  await appendCommunicationEvent(db, {
    communication_id: row.id,
    at: row.created_at,
    status: row.status,
    reason: row.reason,
    actor_person_id: openedBy.actorPersonId,
  });
}

export const findCommunication = (db: Db, id: string) => findById(db, 'communications', id);

export const lockCommunication = (db: Db, id: string) => lockById(db, 'communications', id);

export const updateCommunication = updateById<
  'communications',
  'status' | 'reason' | 'motion_id' | 'updated_at'
>('communications');

/** A body's inbox, newest first, with each resolution's title, sender and address. */
export const listInbox = (db: Db, bodyId: string) =>
  db
    .selectFrom('communications')
    .innerJoin('resolutions', 'resolutions.id', 'communications.resolution_id')
    .innerJoin('bodies', 'bodies.id', 'resolutions.body_id')
    .innerJoin('organisations', 'organisations.id', 'resolutions.organisation_id')
    .selectAll('communications')
    .select([
      'resolutions.title as resolution_title',
      'resolutions.slug as resolution_slug',
      'resolutions.passed_at as resolution_passed_at',
      'bodies.name as from_body_name',
      'organisations.name as from_organisation_name',
      'organisations.slug as from_organisation_slug',
    ])
    .where('communications.to_body_id', '=', bodyId)
    .orderBy('communications.created_at', 'desc')
    .orderBy('communications.id')
    .execute();

/** The communications of a resolution (those it was sent as) or of a motion, oldest first. */
const communicationsInOrder = (db: Db, of: 'resolution_id' | 'motion_id', id: string) =>
  db
    .selectFrom('communications')
    .selectAll()
    .where(of, '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const listCommunicationsOfResolution = (db: Db, resolutionId: string) =>
  communicationsInOrder(db, 'resolution_id', resolutionId);

/** The communications a motion was made from (one, or several composited). */
export const listCommunicationsOfMotion = (db: Db, motionId: string) =>
  communicationsInOrder(db, 'motion_id', motionId);

/** Appends a state to a communication's history, after its last. */
export async function appendCommunicationEvent(db: Db, row: Omit<CommunicationEventRow, 'seq'>) {
  const seq = await nextSeq(db, 'communication_events', row.communication_id);
  await db
    .insertInto('communication_events')
    .values({ ...row, seq })
    .execute();
}

export const listCommunicationEvents = (db: Db, communicationIds: readonly string[]) =>
  forAny(communicationIds, (ids) =>
    db
      .selectFrom('communication_events')
      .selectAll()
      .where('communication_id', 'in', ids)
      .orderBy('communication_id')
      .orderBy('seq')
      .execute(),
  );

// ---------------------------------------------------------------------------------------------
// Adoptions

export const insertAdoption = (db: Db, row: AdoptionRow) =>
  db.insertInto('adoptions').values(row).execute();

/** A model motion's adoptions, with each branch's name and its motion. */
export const listAdoptions = async (db: Db, resolutionId: string) =>
  (
    await db
      .selectFrom('adoptions')
      .innerJoin('bodies', 'bodies.id', 'adoptions.body_id')
      .innerJoin('motions', 'motions.id', 'adoptions.motion_id')
      .selectAll('adoptions')
      .select([
        'bodies.name as body_name',
        'motions.status as motion_status',
        'motions.text as motion_text',
        'motions.substantive as motion_substantive',
      ])
      .where('adoptions.resolution_id', '=', resolutionId)
      .orderBy('bodies.name')
      .orderBy('adoptions.id')
      .execute()
  ).map((a) => ({
    ...a,
    motion_text: readJson<MotionText>(a.motion_text),
    motion_substantive: readJsonOrNull<MotionText>(a.motion_substantive),
  }));

// ---------------------------------------------------------------------------------------------
// Publication settings

export const findPublicationSettings = (db: Db, bodyId: string) =>
  db
    .selectFrom('publication_settings')
    .selectAll()
    .where('body_id', '=', bodyId)
    .executeTakeFirst();

/** Bodies (of those given) that keep their resolutions to their organisation. */
export const listPrivateBodies = async (db: Db, bodyIds: readonly string[]) =>
  bodyIds.length === 0
    ? new Set<string>()
    : new Set(
        (
          await db
            .selectFrom('publication_settings')
            .select('body_id')
            .where('body_id', 'in', bodyIds)
            .where('resolutions_private', '=', 1)
            .execute()
        ).map((r) => r.body_id),
      );

export async function savePublicationSettings(
  db: Db,
  bodyId: string,
  resolutionsPrivate: boolean,
  at: string,
) {
  await upsert(
    db,
    'publication_settings',
    'body_id',
    { body_id: bodyId, resolutions_private: resolutionsPrivate ? 1 : 0, updated_at: at },
    ['resolutions_private', 'updated_at'],
  );
}

/**
 * The secretaries of a body now, with their email and language: whom its correspondence is sent
 * to.
 */
export const listSecretaries = (db: Db, bodyId: string) =>
  officeHoldersNow(db, bodyId)
    .select(['people.id as person_id', 'people.name', 'people.email', 'people.locale'])
    .where('memberships.role', '=', 'secretary')
    .orderBy('people.name')
    .orderBy('people.id')
    .execute();
