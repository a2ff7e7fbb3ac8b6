import type { Kysely } from 'kysely';
import {
  belongsTo,
  createdAt,
  createTableWithId,
  proposedAndSeconded,
  required,
} from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Candidates for an election, each proposed and seconded by members who are not the candidate.
  await createTableWithId(db, 'nominations')
    .addColumn('ballot_id', 'text', belongsTo('ballots'))
    .addColumn('candidate_person_id', 'text', required)
    .addColumn('candidate_name', 'text', required)
    .$call(proposedAndSeconded)
    .$call(createdAt)
    .addUniqueConstraint('nominations_ballot_candidate', ['ballot_id', 'candidate_person_id'])
    .execute();
}
