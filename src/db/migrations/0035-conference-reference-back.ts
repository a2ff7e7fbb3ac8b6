import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAndUpdated,
  createIndex,
  createTableWithId,
  refersTo,
  required,
} from './support.ts';

/*
 * Reference back and results flowing back (issue 20). A delegate moves reference back of named
 * parts of the arrangements committee's report (its rulings on named submissions); a show of
 * hands or a card vote decides it; if carried, those rulings go back to the committee. A card
 * vote may now be on a reference back rather than on a motion. A submission sent from a
 * branch's resolution keeps the communication that tells the branch each step.
 */
export async function up(db: Kysely<unknown>) {
  await createTableWithId(db, 'conference_references_back')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('mover_delegation_id', 'text', refersTo('conference_delegations'))
    // JSON: the ids of the submissions whose rulings it would send back.
    .addColumn('submissions', 'text', required)
    // moved | carried | lost
    .addColumn('status', 'text', required)
    // show-of-hands | card-vote, once decided or put to a card vote
    .addColumn('decided_by', 'text')
    .$call(createdAndUpdated)
    .execute();
  await createIndex(db, 'conference_references_back_meeting', 'conference_references_back', [
    'meeting_id',
  ]);
  await db.schema
    .alterTable('conference_card_votes')
    .addColumn('reference_back_id', 'text', refersTo('conference_references_back'))
    .execute();
  await db.schema
    .alterTable('conference_submissions')
    .addColumn('communication_id', 'text', refersTo('communications'))
    .execute();
}
