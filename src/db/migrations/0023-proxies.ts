import type { Kysely } from 'kysely';
import {
  belongsTo,
  createIndex,
  createOwnedRows,
  createTableWithId,
  ofBody,
  refersTo,
  required,
  withoutRowid,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Proxies (src/domain/meetings/proxies.ts): a member (the giver) names another (the holder) to
  // vote for them at one meeting or in one ballot, optionally with an instruction only the holder
  // and the secretary see. lodged → withdrawn (by the giver) | refused (by the secretary, with a
  // reason); the row is kept, so the secretary's list and the audit trail agree.
  await createTableWithId(db, 'proxies')
    .$call(ofBody)
    .addColumn('meeting_id', 'text', refersTo('meetings', { onDelete: 'cascade' }))
    .addColumn('ballot_id', 'text', refersTo('ballots', { onDelete: 'cascade' }))
    .addColumn('giver_person_id', 'text', required)
    .addColumn('holder_person_id', 'text', required)
    .addColumn('instruction', 'text')
    .addColumn('state', 'text', required)
    .addColumn('refusal_reason', 'text')
    .addColumn('lodged_at', 'text', required)
    .addColumn('ended_at', 'text')
    .execute();
  await createIndex(db, 'proxies_meeting', 'proxies', ['meeting_id']);
  await createIndex(db, 'proxies_ballot', 'proxies', ['ballot_id']);
  // The members of a ballot's roll who voted through a proxy: only THAT, as the roll records
  // only that a member voted (DESIGN.md section 5). No holder, no time, nothing shared with the
  // box; rewritten in key order at the close like the roll (ballot-storage.ts).
  await createOwnedRows(
    db,
    'ballot_proxy_votes',
    ['ballot_id', belongsTo('ballots')],
    ['person_id', 'text'],
  )
    .modifyEnd(withoutRowid(db))
    .execute();
}
