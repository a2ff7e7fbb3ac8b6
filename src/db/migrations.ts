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
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
