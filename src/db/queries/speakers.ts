import type { Db } from '../database.ts';
import { updateById } from '../rows.ts';
import type { SpeakerTable } from '../schema.ts';

export type SpeakerRow = SpeakerTable;

/** The speakers list of a meeting on one motion (null: no motion before the meeting). */
export const listSpeakers = (db: Db, meetingId: string, motionId: string | null) =>
  db
    .selectFrom('speakers')
    .innerJoin('people', 'people.id', 'speakers.person_id')
    .selectAll('speakers')
    .select('people.name')
    .where('speakers.meeting_id', '=', meetingId)
    .where('speakers.motion_id', motionId === null ? 'is' : '=', motionId)
    .orderBy('speakers.asked_at')
    .orderBy('speakers.id')
    .execute();

export const insertSpeaker = (db: Db, row: SpeakerRow) =>
  db.insertInto('speakers').values(row).execute();

export const updateSpeaker = updateById<
  'speakers',
  'called_at' | 'time_limit_seconds' | 'finished_at' | 'withdrawn_at'
>('speakers');
