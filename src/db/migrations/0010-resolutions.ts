import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAndUpdated,
  createdAt,
  createIndex,
  createNumberedLog,
  createTableExtending,
  createTableWithId,
  refersTo,
  required,
  updatedAt,
  zeroUnlessSet,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A carried motion as a published resolution, at a permanent public address: the slug is
  // unique within the organisation and never changes. The text is the motion as carried.
  await createTableWithId(db, 'resolutions')
    .addColumn('organisation_id', 'text', belongsTo('organisations'))
    .addColumn('body_id', 'text', refersTo('bodies', { required: true }))
    .addColumn('motion_id', 'text', refersTo('motions', { required: true, unique: true }))
    .addColumn('meeting_id', 'text', refersTo('meetings'))
    .addColumn('slug', 'text', required)
    .addColumn('title', 'text', required)
    .addColumn('text', 'text', required)
    .addColumn('declared', 'text', required)
    .addColumn('result', 'text', required)
    .addColumn('passed_at', 'text', required)
    .addColumn('model_published_at', 'text')
    .addUniqueConstraint('resolutions_organisation_slug', ['organisation_id', 'slug'])
    .execute();
  await createIndex(db, 'resolutions_body', 'resolutions', ['body_id', 'passed_at']);
  // Approved minutes, published at their own permanent address; the text is read from the
  // minutes themselves, which are locked once approved (corrections are shown beneath).
  await db.schema
    .createTable('published_minutes')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('organisation_id', 'text', belongsTo('organisations'))
    .addColumn('body_id', 'text', refersTo('bodies', { required: true }))
    .addColumn('slug', 'text', required)
    .addColumn('title', 'text', required)
    .addColumn('published_at', 'text', required)
    .addUniqueConstraint('published_minutes_organisation_slug', ['organisation_id', 'slug'])
    .execute();
  // A resolution delivered to a body it calls on, or a model motion publicised to a body
  // below: its state (src/domain/resolutions/communication.ts) and the receiving body's own
  // motion. A body elsewhere has no to_body_id: it is recorded as not deliverable here.
  await createTableWithId(db, 'communications')
    .addColumn('resolution_id', 'text', belongsTo('resolutions'))
    .addColumn('kind', 'text', required)
    .addColumn('clause_id', 'text')
    .addColumn('addressee_name', 'text', required)
    .addColumn('to_body_id', 'text', refersTo('bodies'))
    .addColumn('to_organisation_id', 'text', refersTo('organisations'))
    .addColumn('status', 'text', required)
    .addColumn('reason', 'text')
    .addColumn('motion_id', 'text', refersTo('motions'))
    .$call(createdAndUpdated)
    .execute();
  await createIndex(db, 'communications_inbox', 'communications', ['to_body_id', 'created_at']);
  await createIndex(db, 'communications_resolution', 'communications', ['resolution_id']);
  await createIndex(db, 'communications_motion', 'communications', ['motion_id']);
  // Every state a communication took, in order: the sender's delivery record.
  await createNumberedLog(db, 'communication_events', [
    'communication_id',
    belongsTo('communications'),
  ])
    .addColumn('at', 'text', required)
    .addColumn('status', 'text', required)
    .addColumn('reason', 'text')
    .addColumn('actor_person_id', 'text')
    .execute();
  // A branch's own motion made from a model motion.
  await createTableWithId(db, 'adoptions')
    .addColumn('resolution_id', 'text', belongsTo('resolutions'))
    .addColumn('body_id', 'text', refersTo('bodies', { required: true }))
    .addColumn('motion_id', 'text', refersTo('motions', { required: true, unique: true }))
    .addColumn('communication_id', 'text', refersTo('communications'))
    .$call(createdAt)
    .addUniqueConstraint('adoptions_resolution_body', ['resolution_id', 'body_id'])
    .execute();
  // Whether a body keeps its resolutions (and minutes) to its organisation's members.
  await createTableExtending(db, 'publication_settings', 'bodies', 'body_id')
    .addColumn('resolutions_private', 'integer', zeroUnlessSet)
    .$call(updatedAt)
    .execute();
}
