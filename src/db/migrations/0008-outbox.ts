import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { withoutRowid } from './support.ts';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // Mail waiting to be sent (src/infra/outbox-sender.ts). A use case queues its mail in its own
    // transaction, so mail goes out if and only if the change commits; a sender claims due rows
    // with a lease (`claimed_by`, `claimed_until`) set by a conditional update, so two senders
    // never send the same message.
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('to', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('sent_at', 'text')
      .modifyEnd(withoutRowid(db))
      .execute();
    await db.schema
      .createIndex('outbox_due')
      .on('outbox')
      .columns(['sent_at', 'next_attempt_at'])
      .execute();
  },
};
