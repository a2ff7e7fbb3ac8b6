import { type Kysely, sql } from 'kysely';
import {
  belongsTo,
  createdAndUpdated,
  createIndex,
  createOwnedRows,
  createTableWithId,
  required,
  zeroUnlessSet,
} from './support.ts';

/*
 * Conference sessions (issue 20): a conference sits in several sessions, and the door checks
 * each delegate in and out of each one, so attendance and the quorum are a session's. A
 * credential is now only issued or revoked; its code is drawn at random and kept hashed, no
 * longer derived from the server's key (a new key would have changed every delegate's code).
 */
export async function up(db: Kysely<unknown>) {
  await createTableWithId(db, 'conference_sessions')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('title', 'text', required)
    .addColumn('starts_at', 'text', required)
    // The delegates who must be checked in for the session to do business; null: no quorum.
    .addColumn('quorum', 'integer')
    .$call(createdAndUpdated)
    .execute();
  await createIndex(db, 'conference_sessions_meeting', 'conference_sessions', ['meeting_id']);

  // Whether a delegate is in or out of a session, as the door last scanned them.
  await createOwnedRows(
    db,
    'conference_session_attendance',
    ['session_id', belongsTo('conference_sessions')],
    ['person_id', 'text'],
  )
    .addColumn('state', 'text', required)
    .addColumn('updated_at', 'text', required)
    .execute();

  await db.schema
    .alterTable('conference_card_votes')
    .addColumn('secret', 'integer', zeroUnlessSet)
    .execute();
  // A secret card vote's roll: only THAT a delegation cast its card; its key refuses a second.
  // No time, no one who cast it.
  await createOwnedRows(
    db,
    'conference_card_roll',
    ['card_vote_id', belongsTo('conference_card_votes')],
    ['delegation_id', 'text'],
  ).execute();
  // Its box: each section's totals, added to as each card is cast, so no card is kept by itself
  // (a card's weight is published, and a row of its own would name its delegation).
  await createOwnedRows(
    db,
    'conference_card_box',
    ['card_vote_id', belongsTo('conference_card_votes')],
    ['section', 'text'],
  )
    .addColumn('for_votes', 'integer', zeroUnlessSet)
    .addColumn('against_votes', 'integer', zeroUnlessSet)
    .addColumn('abstain_votes', 'integer', zeroUnlessSet)
    .execute();

  // Being in or out is now a session's; a credential that was is simply issued.
  await sql`update conference_credentials set state = 'issued' where state in ('in', 'out')`.execute(
    db,
  );
}
