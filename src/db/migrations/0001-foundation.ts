import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAt,
  createIndex,
  createNumberedLog,
  createTableExtending,
  createTableWithId,
  primaryKey,
  refersTo,
  required,
  requiredUnique,
  updatedAt,
  zeroUnlessSet,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  await createTableWithId(db, 'organisations')
    .addColumn('slug', 'text', requiredUnique)
    .addColumn('name', 'text', required)
    .$call(createdAt)
    .execute();

  await createTableWithId(db, 'bodies')
    .addColumn('organisation_id', 'text', belongsTo('organisations'))
    .addColumn('parent_id', 'text', refersTo('bodies'))
    .addColumn('slug', 'text', required)
    .addColumn('name', 'text', required)
    .addColumn('kind', 'text', required)
    .$call(createdAt)
    .addUniqueConstraint('bodies_organisation_slug', ['organisation_id', 'slug'])
    .execute();
  await createIndex(db, 'bodies_parent', 'bodies', ['parent_id']);

  await createTableWithId(db, 'people')
    .addColumn('name', 'text', required)
    .addColumn('email', 'text', requiredUnique)
    .$call(createdAt)
    .execute();

  await createTableExtending(db, 'accounts', 'people', 'person_id')
    .addColumn('password_hash', 'text', required)
    .addColumn('is_site_admin', 'integer', zeroUnlessSet)
    .$call(createdAt)
    .execute();

  await createTableWithId(db, 'memberships')
    .addColumn('body_id', 'text', belongsTo('bodies'))
    .addColumn('person_id', 'text', belongsTo('people'))
    .addColumn('role', 'text', required)
    .addColumn('member_number', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('left_on', 'text')
    .addColumn('vote_weight', 'integer')
    .$call(createdAt)
    .addUniqueConstraint('memberships_body_person_role', ['body_id', 'person_id', 'role'])
    .execute();
  await createIndex(db, 'memberships_person', 'memberships', ['person_id']);

  await createTableExtending(db, 'standing_orders', 'bodies', 'body_id')
    .addColumn('preset', 'text', required)
    .addColumn('rules', 'text', required)
    .$call(updatedAt)
    .execute();

  // Append-only and hash-chained per organisation: (organisation_id, seq) is the key, so two
  // writers racing for the same link cannot both succeed.
  await createNumberedLog(db, 'audit_events', ['organisation_id', required])
    .addColumn('at', 'text', required)
    .addColumn('actor_person_id', 'text')
    .addColumn('action', 'text', required)
    .addColumn('subject', 'text', required)
    .addColumn('data', 'text', required)
    .addColumn('prev_hash', 'text', required)
    .addColumn('hash', 'text', required)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', primaryKey)
    .addColumn('person_id', 'text', belongsTo('people'))
    .$call(createdAt)
    .addColumn('expires_at', 'text', required)
    .execute();

  await db.schema
    .createTable('tokens')
    .addColumn('token_hash', 'text', primaryKey)
    .addColumn('purpose', 'text', required)
    .addColumn('person_id', 'text', refersTo('people', { onDelete: 'cascade' }))
    .addColumn('created_by', 'text')
    .$call(createdAt)
    .addColumn('expires_at', 'text', required)
    .addColumn('used_at', 'text')
    .execute();
}
