import type { Kysely } from 'kysely';
import {
  createdAt,
  createIndex,
  createTableExtending,
  primaryKey,
  refersTo,
  required,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A model motion received from a body elsewhere (docs/model-motions.md): the communication in
  // the following body's inbox, the model's id and its adoptions collection (FEP-400e), so the
  // motion adopted from it, once carried, is sent back to be added there. `acknowledged_at`: the
  // origin answered `Add`.
  await createTableExtending(db, 'federation_received_models', 'communications', 'communication_id')
    .addColumn('model_id', 'text', required)
    .addColumn('adoptions', 'text', required)
    .addColumn('acknowledged_at', 'text')
    .$call(createdAt)
    .execute();
  // Adoptions of a model motion of ours by bodies on other servers, once per activity id (the
  // `Create` whose `target` is the model's adoptions collection); listed on the model's page.
  await db.schema
    .createTable('federation_model_adoptions')
    .addColumn('activity_id', 'text', primaryKey)
    .addColumn('resolution_id', 'text', refersTo('resolutions', { required: true }))
    .addColumn('actor_id', 'text', required)
    .addColumn('body_name', 'text', required)
    .addColumn('server', 'text', required)
    .addColumn('object_id', 'text', required)
    .addColumn('title', 'text', required)
    .addColumn('adopted_at', 'text', required)
    .execute();
  await createIndex(db, 'federation_model_adoptions_model', 'federation_model_adoptions', [
    'resolution_id',
    'adopted_at',
  ]);
}
