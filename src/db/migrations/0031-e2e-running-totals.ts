import type { Kysely } from 'kysely';
import { createTableExtending, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // An end-to-end ballot's weighted total, kept as ballots are cast (domain/e2e/running-total.ts)
  // so that the close need not read and multiply every ballot: how many ballots it holds (the
  // close checks this against the board), their weight, and the sums.
  await createTableExtending(db, 'ballot_running_totals', 'ballots', 'ballot_id')
    .addColumn('ballots', 'integer', required)
    .addColumn('weight', 'integer', required)
    .addColumn('total', 'text', required)
    .execute();
}
