import type { Kysely } from 'kysely';
import { belongsTo, createdAt, required } from './support.ts';

export async function up(db: Kysely<unknown>) {
  // A key holder's shuffle or ranked decryption handed in in parts (src/app/ballots/
  // upload-parts.ts), as S3's multipart uploads are: started, then parts of a bounded number of
  // ballots each (each checked for shape when it arrives), then completed, when the whole is
  // checked as one body is and appended to the board. One upload per key holder and step at a
  // time: starting again discards the one before. `ballots` is the list's length when started,
  // `positions` its ballots' w, `part_ballots` how many ballots each part holds (the last may hold fewer).
  await db.schema
    .createTable('ballot_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ballot_id', 'text', belongsTo('ballots'))
    .addColumn('trustee', 'integer', required)
    .addColumn('step', 'text', required)
    .addColumn('ballots', 'integer', required)
    .addColumn('positions', 'integer', required)
    .addColumn('part_ballots', 'integer', required)
    .$call(createdAt)
    .addUniqueConstraint('ballot_uploads_step', ['ballot_id', 'trustee', 'step'])
    .execute();
  // Each part as it was checked, its JSON kept as sent; sending a part again replaces it.
  await db.schema
    .createTable('ballot_upload_parts')
    .addColumn('upload_id', 'text', (c) =>
      c.notNull().references('ballot_uploads.id').onDelete('cascade'),
    )
    .addColumn('part', 'integer', required)
    .addColumn('body', 'text', required)
    .addPrimaryKeyConstraint('ballot_upload_parts_pk', ['upload_id', 'part'])
    .execute();
}
