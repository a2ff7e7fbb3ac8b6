import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migration: Migration = {
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
};
