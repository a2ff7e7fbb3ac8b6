import type { Kysely } from 'kysely';
import { createTableExtending, required, requiredUnique, updatedAt } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Which emails a person has turned off (src/domain/accounts/mail-kinds.ts), and the token of the
  // address in each email's List-Unsubscribe header (RFC 8058) that changes them without signing
  // in. The token is kept as it is, not hashed: every later email must carry it again, and it
  // can only turn a person's notices and reminders on or off.
  await createTableExtending(db, 'mail_preferences', 'people', 'person_id')
    .addColumn('token', 'text', requiredUnique)
    .addColumn('off', 'text', required)
    .$call(updatedAt)
    .execute();
  // The one-click address an email offers, sent as its List-Unsubscribe header.
  await db.schema.alterTable('outbox').addColumn('list_unsubscribe', 'text').execute();
}
