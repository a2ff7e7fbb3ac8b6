import type { Db } from '../database.ts';
import { upsert } from '../rows.ts';
import type { ProjectorLinkTable } from '../schema.ts';

/** A meeting's projector link (its token's hash): one per meeting, replaced when made anew. */
export const upsertProjectorLink = (db: Db, row: ProjectorLinkTable) =>
  upsert(db, 'projector_links', 'meeting_id', row, [
    'token_hash',
    'made_by_person_id',
    'created_at',
  ]);

export const findProjectorLink = (db: Db, meetingId: string) =>
  db
    .selectFrom('projector_links')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();

export const findProjectorLinkByHash = (db: Db, tokenHash: string) =>
  db
    .selectFrom('projector_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();

export const deleteProjectorLink = (db: Db, meetingId: string) =>
  db.deleteFrom('projector_links').where('meeting_id', '=', meetingId).executeTakeFirst();
