import { sql, SqliteAdapter, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
      // Mail waiting to be sent (src/app/outbox-sender.ts). A use case queues its mail in its own
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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
