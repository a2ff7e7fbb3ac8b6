import type { Kysely } from 'kysely';
import { zeroUnlessSet } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // Questions put at the same instant (a closure and the question it puts) keep their order.
  await db.schema.alterTable('questions').addColumn('seq', 'integer', zeroUnlessSet).execute();
}
