import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAndUpdated,
  createIndex,
  createOwnedRows,
  createTableExtending,
  createTableWithId,
  refersTo,
  required,
  zeroUnlessSet,
} from './support.ts';

/*
 * Conference (issue 20): a meeting of a body with sections, delegations, submissions ruled by the
 * arrangements committee, a priorities ballot and card votes normalised by section. The rules
 * are in src/domain/conference; these tables keep what was decided.
 */
export async function up(db: Kysely<unknown>) {
  // The meeting's conference settings: sections and shares, the delegate formula, the timetable
  // and submission rules (JSON), and the priorities ballot's result once counted.
  await createTableExtending(db, 'conferences', 'meetings', 'meeting_id')
    .addColumn('sections', 'text', required)
    .addColumn('formula', 'text', required)
    .addColumn('rules', 'text', required)
    .addColumn('priorities', 'text')
    .$call(createdAndUpdated)
    .execute();

  // A branch's or affiliate's delegation: its membership at the cut-off, what that entitles it
  // to, and its make-up (delegates, ranked substitutes, leader: JSON).
  await createTableWithId(db, 'conference_delegations')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('body_id', 'text', belongsTo('bodies'))
    .addColumn('section', 'text', required)
    .addColumn('members', 'integer', required)
    .addColumn('entitled', 'integer', required)
    .addColumn('weight', 'integer', required)
    .addColumn('make_up', 'text', required)
    .$call(createdAndUpdated)
    .addUniqueConstraint('conference_delegations_body', ['meeting_id', 'body_id'])
    .execute();

  // A motion, rule change or composite sent to conference, with the committee's ruling (JSON),
  // subject and recommendation, and where it went: composited, carried, lost.
  await createTableWithId(db, 'conference_submissions')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('delegation_id', 'text', refersTo('conference_delegations'))
    .addColumn('kind', 'text', required)
    .addColumn('title', 'text', required)
    .addColumn('text', 'text', required)
    .addColumn('amends_rule', 'text')
    .addColumn('subject', 'text')
    .addColumn('ruling', 'text')
    .addColumn('recommendation', 'text')
    .addColumn('status', 'text', required)
    .addColumn('composited_into', 'text')
    .addColumn('mover_delegation_id', 'text')
    .addColumn('seconder_delegation_id', 'text')
    .addColumn('sources', 'text')
    .addColumn('result', 'text')
    .$call(createdAndUpdated)
    .execute();
  await createIndex(db, 'conference_submissions_meeting', 'conference_submissions', ['meeting_id']);

  // One priorities ballot paper per delegation.
  await createOwnedRows(
    db,
    'conference_priorities_papers',
    ['meeting_id', belongsTo('meetings')],
    ['delegation_id', 'text'],
  )
    .addColumn('subjects', 'text', required)
    .addColumn('cast_at', 'text', required)
    .execute();

  // A card vote on one submission, and each delegation's card (split allowed).
  await createTableWithId(db, 'conference_card_votes')
    .addColumn('meeting_id', 'text', belongsTo('meetings'))
    .addColumn('submission_id', 'text', belongsTo('conference_submissions'))
    .addColumn('threshold', 'text', required)
    .addColumn('open', 'integer', zeroUnlessSet)
    .addColumn('result', 'text')
    .$call(createdAndUpdated)
    .execute();
  await createOwnedRows(
    db,
    'conference_card_casts',
    ['card_vote_id', belongsTo('conference_card_votes')],
    ['delegation_id', 'text'],
  )
    .addColumn('for_votes', 'integer', required)
    .addColumn('against_votes', 'integer', required)
    .addColumn('abstain_votes', 'integer', required)
    .addColumn('cast_by', 'text')
    .addColumn('cast_at', 'text', required)
    .execute();

  // A delegate's credential: the hash of the code shown at the door, and whether they are in.
  await createOwnedRows(
    db,
    'conference_credentials',
    ['meeting_id', belongsTo('meetings')],
    ['person_id', 'text'],
  )
    .addColumn('delegation_id', 'text', required)
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', required)
    .$call(createdAndUpdated)
    .execute();
}
