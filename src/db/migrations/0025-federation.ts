import type { Kysely } from 'kysely';
import {
  createdAt,
  createIndex,
  createTableExtending,
  primaryKey,
  refersTo,
  required,
  requiredUnique,
  zeroUnlessSet,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Each body's key pairs as an ActivityPub actor (issue 19): RSA for HTTP signatures (what
  // Mastodon and draft-cavage peers verify) and Ed25519 (RFC 9421 and object proofs), as JWK.
  await createTableExtending(db, 'federation_keys', 'bodies', 'body_id')
    .addColumn('rsa_private', 'text', required)
    .addColumn('rsa_public', 'text', required)
    .addColumn('ed25519_private', 'text', required)
    .addColumn('ed25519_public', 'text', required)
    .$call(createdAt)
    .execute();
  // Activities to send to other servers, queued in the transaction of the change they tell of
  // and sent by a worker with back-off: never lost, sent once delivered (id is the activity's).
  await db.schema
    .createTable('federation_outbox')
    .addColumn('id', 'text', primaryKey)
    .addColumn('sender_body_id', 'text', required)
    .addColumn('recipient', 'text', required)
    .addColumn('payload', 'text', required)
    .addColumn('attempts', 'integer', zeroUnlessSet)
    .addColumn('next_attempt_at', 'text', required)
    .addColumn('claimed_until', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('last_error', 'text')
    .$call(createdAt)
    .execute();
  await createIndex(db, 'federation_outbox_due', 'federation_outbox', [
    'delivered_at',
    'next_attempt_at',
  ]);
  // Activities received, by id: one that comes again is not acted on twice.
  await db.schema
    .createTable('federation_inbox')
    .addColumn('activity_id', 'text', primaryKey)
    .addColumn('actor_id', 'text', required)
    .addColumn('received_at', 'text', required)
    .execute();
  // A communication that went to, or came from, another server: the Offer that carried it and
  // the remote body's actor, so each answer finds its communication and goes back to its sender.
  await createTableExtending(db, 'federation_links', 'communications', 'communication_id')
    .addColumn('direction', 'text', required)
    .addColumn('remote_actor', 'text', required)
    .addColumn('offer_id', 'text', requiredUnique)
    .$call(createdAt)
    .execute();
  // A sending body elsewhere as this server keeps it: a body (in an organisation of its own)
  // that resolutions received from it belong to, so the inbox shows them as any other.
  await db.schema
    .createTable('federation_remote_bodies')
    .addColumn('actor_id', 'text', primaryKey)
    .addColumn('body_id', 'text', refersTo('bodies', { required: true, unique: true }))
    .$call(createdAt)
    .execute();
}
