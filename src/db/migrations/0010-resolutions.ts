import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // A carried motion as a published resolution, at a permanent public address: the slug is
    // unique within the organisation and never changes. The text is the motion as carried.
    await db.schema
      .createTable('resolutions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) =>
        c.notNull().references('organisations.id').onDelete('cascade'),
      )
      .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
      .addColumn('motion_id', 'text', (c) => c.notNull().unique().references('motions.id'))
      .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('declared', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('passed_at', 'text', (c) => c.notNull())
      .addColumn('model_published_at', 'text')
      .addUniqueConstraint('resolutions_organisation_slug', ['organisation_id', 'slug'])
      .execute();
    await db.schema
      .createIndex('resolutions_body')
      .on('resolutions')
      .columns(['body_id', 'passed_at'])
      .execute();
    // Approved minutes, published at their own permanent address; the text is read from the
    // minutes themselves, which are locked once approved (corrections are shown beneath).
    await db.schema
      .createTable('published_minutes')
      .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
      .addColumn('organisation_id', 'text', (c) =>
        c.notNull().references('organisations.id').onDelete('cascade'),
      )
      .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('published_minutes_organisation_slug', ['organisation_id', 'slug'])
      .execute();
    // A resolution delivered to a body it calls on, or a model motion publicised to a body
    // below: its state (src/domain/resolutions/communication.ts) and the receiving body's own
    // motion. A body elsewhere has no to_body_id: it is recorded as not deliverable here.
    await db.schema
      .createTable('communications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resolution_id', 'text', (c) =>
        c.notNull().references('resolutions.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('clause_id', 'text')
      .addColumn('addressee_name', 'text', (c) => c.notNull())
      .addColumn('to_body_id', 'text', (c) => c.references('bodies.id'))
      .addColumn('to_organisation_id', 'text', (c) => c.references('organisations.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('motion_id', 'text', (c) => c.references('motions.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('communications_inbox')
      .on('communications')
      .columns(['to_body_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('communications_resolution')
      .on('communications')
      .column('resolution_id')
      .execute();
    await db.schema
      .createIndex('communications_motion')
      .on('communications')
      .column('motion_id')
      .execute();
    // Every state a communication took, in order: the sender's delivery record.
    await db.schema
      .createTable('communication_events')
      .addColumn('communication_id', 'text', (c) =>
        c.notNull().references('communications.id').onDelete('cascade'),
      )
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('actor_person_id', 'text')
      .addPrimaryKeyConstraint('communication_events_pk', ['communication_id', 'seq'])
      .execute();
    // A branch's own motion made from a model motion.
    await db.schema
      .createTable('adoptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resolution_id', 'text', (c) =>
        c.notNull().references('resolutions.id').onDelete('cascade'),
      )
      .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
      .addColumn('motion_id', 'text', (c) => c.notNull().unique().references('motions.id'))
      .addColumn('communication_id', 'text', (c) => c.references('communications.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('adoptions_resolution_body', ['resolution_id', 'body_id'])
      .execute();
    // Whether a body keeps its resolutions (and minutes) to its organisation's members.
    await db.schema
      .createTable('publication_settings')
      .addColumn('body_id', 'text', (c) =>
        c.primaryKey().references('bodies.id').onDelete('cascade'),
      )
      .addColumn('resolutions_private', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};
