import type { Kysely } from 'kysely';
import {
  createdAt,
  createIndex,
  createTableWithId,
  required,
  withoutRowid,
  zeroUnlessSet,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Mail waiting to be sent (src/infra/outbox-sender.ts). A use case queues its mail in its own
  // transaction, so mail goes out if and only if the change commits; a sender claims due rows
  // with a lease (`claimed_by`, `claimed_until`) set by a conditional update, so two senders
  // never send the same message.
  await createTableWithId(db, 'outbox')
    .addColumn('to', 'text', required)
    .addColumn('subject', 'text', required)
    .addColumn('text', 'text', required)
    .$call(createdAt)
    .addColumn('attempts', 'integer', zeroUnlessSet)
    .addColumn('next_attempt_at', 'text', required)
    .addColumn('last_error', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('sent_at', 'text')
    .modifyEnd(withoutRowid(db))
    .execute();
  await createIndex(db, 'outbox_due', 'outbox', ['sent_at', 'next_attempt_at']);
}
