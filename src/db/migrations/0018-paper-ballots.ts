import type { Kysely } from 'kysely';
import { zeroUnlessSet } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A hybrid ballot of those present (src/app/ballots/paper-ballots.ts): an elector who votes on
  // paper (no account, or no device) is marked so on the frozen electorate, and may not also vote
  // online. The mark says how they vote, never what they chose.
  await db.schema
    .alterTable('ballot_electors')
    .addColumn('paper', 'integer', zeroUnlessSet)
    .execute();
  // How many numbered paper ballots were issued (numbered 1..n), and the tellers' count of those
  // returned (JSON PaperCount, src/domain/ballots/paper.ts): totals only, never a paper by voter.
  await db.schema
    .alterTable('ballots')
    .addColumn('papers_issued', 'integer', zeroUnlessSet)
    .execute();
  await db.schema.alterTable('ballots').addColumn('paper_count', 'text').execute();
}
