import type { Kysely } from 'kysely';
import { required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A big board event's long lists (a shuffle's ballots and proof, a ranked partial decryption's
  // factors and proofs) kept a slice of items per row, beside the event's row, which holds the
  // rest with a marker in each list's place (src/app/ballots/board-slices.ts). A shuffle of
  // 400,000 ballots is more JSON than one string may hold; the board served is the same bytes.
  // `field` numbers the lists in the order of their markers; `items` is the JSON of the slice's
  // items, comma-separated, as JSON.stringify writes them inside the list.
  await db.schema
    .createTable('ballot_board_slices')
    .addColumn('ballot_id', 'text', required)
    .addColumn('seq', 'integer', required)
    .addColumn('field', 'integer', required)
    .addColumn('slice', 'integer', required)
    .addColumn('items', 'text', required)
    .addPrimaryKeyConstraint('ballot_board_slices_pk', ['ballot_id', 'seq', 'field', 'slice'])
    .addForeignKeyConstraint(
      'ballot_board_slices_event',
      ['ballot_id', 'seq'],
      'ballot_board',
      ['ballot_id', 'seq'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}
