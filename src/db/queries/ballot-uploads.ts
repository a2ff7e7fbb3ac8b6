import type { Db } from '../database.ts';
import type { BallotUploadTable } from '../schema-e2e.ts';

/*
 * A key holder's shuffle or decryption handed in in parts (migration 0040,
 * src/app/ballots/upload-parts.ts): the upload, and its parts as checked.
 */

/** Starts an upload, discarding (with its parts) any this key holder left at this step. */
export async function replaceUpload(db: Db, row: BallotUploadTable) {
  await db
    .deleteFrom('ballot_uploads')
    .where('ballot_id', '=', row.ballot_id)
    .where('trustee', '=', row.trustee)
    .where('step', '=', row.step)
    .execute();
  // Not every SQLite connection enforces the cascade: the parts go by name as well.
  await deleteOrphanParts(db);
  await db.insertInto('ballot_uploads').values(row).execute();
}

const deleteOrphanParts = (db: Db) =>
  db
    .deleteFrom('ballot_upload_parts')
    .where('upload_id', 'not in', db.selectFrom('ballot_uploads').select('id'))
    .execute();

export const findUpload = (db: Db, ballotId: string, uploadId: string) =>
  db
    .selectFrom('ballot_uploads')
    .selectAll()
    .where('id', '=', uploadId)
    .where('ballot_id', '=', ballotId)
    .executeTakeFirst();

/** Keeps a part, replacing the same part sent before; the upload has moved (`at`). */
export async function putUploadPart(
  db: Db,
  uploadId: string,
  part: number,
  body: string,
  at: string,
) {
  await db
    .insertInto('ballot_upload_parts')
    .values({ upload_id: uploadId, part, body })
    .onConflict((oc) => oc.columns(['upload_id', 'part']).doUpdateSet({ body }))
    .execute();
  await db
    .updateTable('ballot_uploads')
    .set({ touched_at: at })
    .where('id', '=', uploadId)
    .execute();
}

/**
 * Deletes, with their parts, the uploads that have not moved (started, or a part received) since
 * `before`; answers how many.
 */
export async function deleteUploadsIdleSince(db: Db, before: string): Promise<number> {
  const idle = (
    await db
      .selectFrom('ballot_uploads')
      .select('id')
      .where((eb) => eb(eb.fn.coalesce('touched_at', 'created_at'), '<', before))
      .execute()
  ).map((r) => r.id);
  for (const id of idle) await deleteUpload(db, id);
  return idle.length;
}

/** The numbers of the parts received so far, in order. */
export const listUploadPartNumbers = async (db: Db, uploadId: string) =>
  (
    await db
      .selectFrom('ballot_upload_parts')
      .select('part')
      .where('upload_id', '=', uploadId)
      .orderBy('part')
      .execute()
  ).map((r) => r.part);

/** The parts' JSON, in order. */
export const listUploadParts = async (db: Db, uploadId: string) =>
  (
    await db
      .selectFrom('ballot_upload_parts')
      .select(['part', 'body'])
      .where('upload_id', '=', uploadId)
      .orderBy('part')
      .execute()
  ).map((r) => ({ part: r.part, body: r.body }));

export async function deleteUpload(db: Db, uploadId: string) {
  await db.deleteFrom('ballot_upload_parts').where('upload_id', '=', uploadId).execute();
  await db.deleteFrom('ballot_uploads').where('id', '=', uploadId).execute();
}
