import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/**
 * SQLite tables keyed by a random id are declared WITHOUT ROWID, so their rows are stored in key
 * order: nothing on disk numbers them in the order they arrived (DESIGN.md section 5).
 */
const withoutRowid = (db: Kysely<unknown>) =>
  db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``;

/**
 * Migrations, in order, written once for both databases: only types both share (text, integer,
 * bigint) and constraints both enforce. Never edit a landed migration; add the next one.
 */
const migrations: Record<string, Migration> = {
  '0001-foundation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('bodies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('organisations.id').onDelete('cascade'),
        )
        .addColumn('parent_id', 'text', (c) => c.references('bodies.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('bodies_organisation_slug', ['organisation_id', 'slug'])
        .execute();
      await db.schema.createIndex('bodies_parent').on('bodies').column('parent_id').execute();

      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('person_id', 'text', (c) =>
          c.primaryKey().references('people.id').onDelete('cascade'),
        )
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('is_site_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('memberships')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('body_id', 'text', (c) =>
          c.notNull().references('bodies.id').onDelete('cascade'),
        )
        .addColumn('person_id', 'text', (c) =>
          c.notNull().references('people.id').onDelete('cascade'),
        )
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('member_number', 'text')
        .addColumn('joined_on', 'text')
        .addColumn('left_on', 'text')
        .addColumn('vote_weight', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('memberships_body_person_role', ['body_id', 'person_id', 'role'])
        .execute();
      await db.schema
        .createIndex('memberships_person')
        .on('memberships')
        .column('person_id')
        .execute();

      await db.schema
        .createTable('standing_orders')
        .addColumn('body_id', 'text', (c) =>
          c.primaryKey().references('bodies.id').onDelete('cascade'),
        )
        .addColumn('preset', 'text', (c) => c.notNull())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // Append-only and hash-chained per organisation: (organisation_id, seq) is the key, so two
      // writers racing for the same link cannot both succeed.
      await db.schema
        .createTable('audit_events')
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_person_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_events_pk', ['organisation_id', 'seq'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) =>
          c.notNull().references('people.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
    },
  },
  '0002-ballots': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('ballots')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('organisations.id').onDelete('cascade'),
        )
        .addColumn('body_id', 'text', (c) =>
          c.notNull().references('bodies.id').onDelete('cascade'),
        )
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('threshold', 'text', (c) => c.notNull())
        .addColumn('secret', 'integer', (c) => c.notNull())
        .addColumn('weighted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text')
        .addColumn('opened_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('electorate', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('result', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ballots_body').on('ballots').column('body_id').execute();

      // Who may vote, frozen when the ballot opens, with each elector's weight.
      await db.schema
        .createTable('ballot_electors')
        .addColumn('ballot_id', 'text', (c) =>
          c.notNull().references('ballots.id').onDelete('cascade'),
        )
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('weight', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ballot_electors_pk', ['ballot_id', 'person_id'])
        .modifyEnd(withoutRowid(db))
        .execute();

      // The roll: only THAT a member has voted. Its key refuses a second vote; it has no time.
      await db.schema
        .createTable('ballot_roll')
        .addColumn('ballot_id', 'text', (c) =>
          c.notNull().references('ballots.id').onDelete('cascade'),
        )
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ballot_roll_pk', ['ballot_id', 'person_id'])
        .modifyEnd(withoutRowid(db))
        .execute();

      // The box: a choice and its weight under a random id. For a secret ballot there is no
      // voter, no session, no time, and no key shared with the roll. (Open ballots name the voter.)
      await db.schema
        .createTable('ballot_box')
        .addColumn('ballot_id', 'text', (c) =>
          c.notNull().references('ballots.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('choice', 'text', (c) => c.notNull())
        .addColumn('weight', 'integer', (c) => c.notNull())
        .addColumn('voter_person_id', 'text')
        .addPrimaryKeyConstraint('ballot_box_pk', ['ballot_id', 'id'])
        .modifyEnd(withoutRowid(db))
        .execute();

      // Receipts: fingerprints of the codes voters were given, kept apart from the box so that a
      // receipt proves a vote was counted but not what it was.
      await db.schema
        .createTable('ballot_receipts')
        .addColumn('ballot_id', 'text', (c) =>
          c.notNull().references('ballots.id').onDelete('cascade'),
        )
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ballot_receipts_pk', ['ballot_id', 'fingerprint'])
        .modifyEnd(withoutRowid(db))
        .execute();
    },
  },
  '0003-nominations': {
    async up(db: Kysely<unknown>) {
      // Candidates for an election, each proposed and seconded by members who are not the candidate.
      await db.schema
        .createTable('nominations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ballot_id', 'text', (c) =>
          c.notNull().references('ballots.id').onDelete('cascade'),
        )
        .addColumn('candidate_person_id', 'text', (c) => c.notNull())
        .addColumn('candidate_name', 'text', (c) => c.notNull())
        .addColumn('proposer_person_id', 'text', (c) => c.notNull())
        .addColumn('seconder_person_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('nominations_ballot_candidate', ['ballot_id', 'candidate_person_id'])
        .execute();
    },
  },
  '0004-meetings': {
    async up(db: Kysely<unknown>) {
      // A meeting of one body: called with notice, opened and closed by the chair.
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('organisations.id').onDelete('cascade'),
        )
        .addColumn('body_id', 'text', (c) =>
          c.notNull().references('bodies.id').onDelete('cascade'),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('location', 'text')
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('notice_given_at', 'text')
        .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opened_at', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('chair_person_id', 'text')
        .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('meetings_body').on('meetings').column('body_id').execute();

      await db.schema
        .createTable('agenda_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) =>
          c.notNull().references('meetings.id').onDelete('cascade'),
        )
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('motion_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('agenda_items_meeting')
        .on('agenda_items')
        .columns(['meeting_id', 'position'])
        .execute();

      // Each stay in the room: signed in, and out (null while present).
      await db.schema
        .createTable('attendance')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) =>
          c.notNull().references('meetings.id').onDelete('cascade'),
        )
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('signed_in_at', 'text', (c) => c.notNull())
        .addColumn('signed_out_at', 'text')
        .addColumn('signed_in_by', 'text')
        .execute();
      await db.schema
        .createIndex('attendance_meeting')
        .on('attendance')
        .columns(['meeting_id', 'person_id'])
        .execute();

      // A motion: its text as submitted, the substantive text once amended, and its lifecycle.
      await db.schema
        .createTable('motions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('organisations.id').onDelete('cascade'),
        )
        .addColumn('body_id', 'text', (c) =>
          c.notNull().references('bodies.id').onDelete('cascade'),
        )
        .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('substantive', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('proposer_person_id', 'text', (c) => c.notNull())
        .addColumn('seconder_person_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('motions_body').on('motions').column('body_id').execute();
      await db.schema.createIndex('motions_meeting').on('motions').column('meeting_id').execute();

      // Amendments moved in the debate on a motion, in the order moved (`position`).
      await db.schema
        .createTable('amendments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('motion_id', 'text', (c) =>
          c.notNull().references('motions.id').onDelete('cascade'),
        )
        .addColumn('parent_id', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('as_moved', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('proposer_person_id', 'text', (c) => c.notNull())
        .addColumn('seconder_person_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('amendments_motion')
        .on('amendments')
        .columns(['motion_id', 'position'])
        .execute();

      // Each question put in the room, the vote taken and the result declared.
      await db.schema
        .createTable('questions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) =>
          c.notNull().references('meetings.id').onDelete('cascade'),
        )
        .addColumn('motion_id', 'text')
        .addColumn('amendment_id', 'text')
        .addColumn('procedural', 'text')
        .addColumn('wording', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('present', 'integer')
        .addColumn('members', 'integer')
        .addColumn('counts', 'text')
        .addColumn('record', 'text')
        .addColumn('result', 'text')
        .addColumn('declared', 'text')
        .addColumn('put_at', 'text', (c) => c.notNull())
        .addColumn('declared_at', 'text')
        .execute();
      await db.schema
        .createIndex('questions_meeting')
        .on('questions')
        .column('meeting_id')
        .execute();

      // What happened at a meeting, in order, with display names: the input to the minutes.
      await db.schema
        .createTable('meeting_events')
        .addColumn('meeting_id', 'text', (c) =>
          c.notNull().references('meetings.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('meeting_events_pk', ['meeting_id', 'seq'])
        .execute();

      await db.schema
        .createTable('minutes')
        .addColumn('meeting_id', 'text', (c) =>
          c.primaryKey().references('meetings.id').onDelete('cascade'),
        )
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('approved_at', 'text')
        .addColumn('approved_at_meeting', 'text')
        .addColumn('corrections', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0005-question-order': {
    async up(db: Kysely<unknown>) {
      // Questions put at the same instant (a closure and the question it puts) keep their order.
      await db.schema
        .alterTable('questions')
        .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0006-box-without-foreign-key': {
    async up(db: Kysely<unknown>) {
      // Closing a ballot rewrites its box on PostgreSQL (src/db/queries/ballots.ts,
      // scrambleStorageOrder); checking each rewritten row against `ballots` doubled the cost of
      // closing a 500,000-vote ballot. Box rows are written only by castBallot, for a ballot it
      // has just read under lock, so the reference adds no safety there. (SQLite never rewrites.)
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`alter table ballot_box drop constraint if exists ballot_box_ballot_id_fkey`.execute(
        db,
      );
    },
  },
  '0007-meetings-more': {
    async up(db: Kysely<unknown>) {
      // A motion that is a question of no confidence or of discipline: the standing orders may
      // require such questions to be decided by secret ballot, not in the room.
      await db.schema.alterTable('motions').addColumn('secret_kind', 'text').execute();
      // Each person's calendar feed token (its hash): the body's meetings feed is read by a
      // calendar app, without a session.
      await db.schema
        .createTable('calendar_feeds')
        .addColumn('person_id', 'text', (c) =>
          c.primaryKey().references('people.id').onDelete('cascade'),
        )
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0008-outbox': {
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
  },
  '0009-meeting-ballots': {
    async up(db: Kysely<unknown>) {
      // A question put to an online secret ballot of those present: its ballot, whose close
      // declares the question's result (src/app/ballots/close-ballot.ts).
      await db.schema
        .alterTable('questions')
        .addColumn('ballot_id', 'text', (c) => c.references('ballots.id'))
        .execute();
      await db.schema.createIndex('questions_ballot').on('questions').column('ballot_id').execute();
      // A motion composited into another (src/app/meetings/composite-motions.ts): the composite lists
      // every source, and each source links to the composite.
      await db.schema.alterTable('motions').addColumn('composited_into', 'text').execute();
      await db.schema
        .createIndex('motions_composited_into')
        .on('motions')
        .column('composited_into')
        .execute();
    },
  },
  '0010-resolutions': {
    async up(db: Kysely<unknown>) {
      // A carried motion as a published resolution, at a permanent public address: the slug is
      // unique within the organisation and never changes. The text is the motion as carried.
      await db.schema
        .createTable('resolutions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('organisations.id').onDelete('cascade'),
        )
        .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
        .addColumn('motion_id', 'text', (c) => c.notNull().unique().references('motions.id'))
        .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('declared', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('passed_at', 'text', (c) => c.notNull())
        .addColumn('model_published_at', 'text')
        .addUniqueConstraint('resolutions_organisation_slug', ['organisation_id', 'slug'])
        .execute();
      await db.schema
        .createIndex('resolutions_body')
        .on('resolutions')
        .columns(['body_id', 'passed_at'])
        .execute();
      // Approved minutes, published at their own permanent address; the text is read from the
      // minutes themselves, which are locked once approved (corrections are shown beneath).
      await db.schema
        .createTable('published_minutes')
        .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('organisations.id').onDelete('cascade'),
        )
        .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('published_minutes_organisation_slug', ['organisation_id', 'slug'])
        .execute();
      // A resolution delivered to a body it calls on, or a model motion publicised to a body
      // below: its state (src/domain/resolutions/communication.ts) and the receiving body's own
      // motion. A body elsewhere has no to_body_id: it is recorded as not deliverable here.
      await db.schema
        .createTable('communications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resolution_id', 'text', (c) =>
          c.notNull().references('resolutions.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('clause_id', 'text')
        .addColumn('addressee_name', 'text', (c) => c.notNull())
        .addColumn('to_body_id', 'text', (c) => c.references('bodies.id'))
        .addColumn('to_organisation_id', 'text', (c) => c.references('organisations.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('motion_id', 'text', (c) => c.references('motions.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('communications_inbox')
        .on('communications')
        .columns(['to_body_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('communications_resolution')
        .on('communications')
        .column('resolution_id')
        .execute();
      await db.schema
        .createIndex('communications_motion')
        .on('communications')
        .column('motion_id')
        .execute();
      // Every state a communication took, in order: the sender's delivery record.
      await db.schema
        .createTable('communication_events')
        .addColumn('communication_id', 'text', (c) =>
          c.notNull().references('communications.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('actor_person_id', 'text')
        .addPrimaryKeyConstraint('communication_events_pk', ['communication_id', 'seq'])
        .execute();
      // A branch's own motion made from a model motion.
      await db.schema
        .createTable('adoptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resolution_id', 'text', (c) =>
          c.notNull().references('resolutions.id').onDelete('cascade'),
        )
        .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
        .addColumn('motion_id', 'text', (c) => c.notNull().unique().references('motions.id'))
        .addColumn('communication_id', 'text', (c) => c.references('communications.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('adoptions_resolution_body', ['resolution_id', 'body_id'])
        .execute();
      // Whether a body keeps its resolutions (and minutes) to its organisation's members.
      await db.schema
        .createTable('publication_settings')
        .addColumn('body_id', 'text', (c) =>
          c.primaryKey().references('bodies.id').onDelete('cascade'),
        )
        .addColumn('resolutions_private', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0011-live-room': {
    async up(db: Kysely<unknown>) {
      // Live events, numbered per channel (a meeting, a ballot): the counter row is updated in
      // the transaction that stores the event, so on PostgreSQL two processes publishing to one
      // meeting take numbers one after the other, and the numbers follow commit order. The
      // events themselves are a bounded replay window for screens that reconnect
      // (src/infra/live-hub.ts prunes the older ones).
      await db.schema
        .createTable('live_channels')
        .addColumn('channel', 'text', (c) => c.primaryKey())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('live_events')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('live_events_pk', ['channel', 'seq'])
        .modifyEnd(withoutRowid(db))
        .execute();
      // The speakers list: members ask to speak on the motion before the meeting, for or
      // against it, or rise on a point of order; the chair calls them (domain/meetings/speakers.ts).
      await db.schema
        .createTable('speakers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) =>
          c.notNull().references('meetings.id').onDelete('cascade'),
        )
        .addColumn('motion_id', 'text')
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('side', 'text')
        .addColumn('point_of_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('asked_at', 'text', (c) => c.notNull())
        .addColumn('called_at', 'text')
        .addColumn('time_limit_seconds', 'integer')
        .addColumn('finished_at', 'text')
        .addColumn('withdrawn_at', 'text')
        .execute();
      await db.schema
        .createIndex('speakers_meeting')
        .on('speakers')
        .columns(['meeting_id', 'asked_at'])
        .execute();
      // The language a person reads Seconded in ('en', 'fr'); unset follows the browser.
      await db.schema.alterTable('people').addColumn('locale', 'text').execute();
    },
  },
  '0012-access-log': {
    async up(db: Kysely<unknown>) {
      // Who looked at members' personal data, and when (DESIGN.md section 5: log access). The
      // least that answers "who saw my details": the viewer, what they looked at (a body's
      // register, or one person's details) and the time; no address, no browser, no copy of
      // the data. A register view is one row for the body, not one per member listed.
      await db.schema
        .createTable('data_access')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('viewer_person_id', 'text', (c) =>
          c.notNull().references('people.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body_id', 'text', (c) => c.references('bodies.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
        .execute();
      await db.schema
        .createIndex('data_access_body')
        .on('data_access')
        .columns(['body_id', 'at'])
        .execute();
      await db.schema
        .createIndex('data_access_person')
        .on('data_access')
        .columns(['person_id', 'at'])
        .execute();
      // A published result carries the hash of the audit entry that sealed it, so a reader can
      // check it against the chain and `seconded verify` can find a result edited afterwards.
      await db.schema.alterTable('ballots').addColumn('result_hash', 'text').execute();
      await db.schema.alterTable('questions').addColumn('result_hash', 'text').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
