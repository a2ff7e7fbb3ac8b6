import type { SpeakerRequest } from '../../../domain/meetings/speakers.ts';
import type { Db } from '../../../db/database.ts';
import { listMotionsOfMeeting } from '../../../db/queries/meetings.ts';
import { listSpeakers, type SpeakerRow } from '../../../db/queries/speakers.ts';

/**
 * What the speakers-list use cases share: which motion is before the meeting (the list belongs
 * to it; a new motion starts a new list) and the list as the domain sees it. Not a use case.
 */

const BEFORE_THE_MEETING = new Set(['moved', 'seconded', 'in-debate', 'question-put']);

/** The motion before the meeting, if any (the same one the console shows). */
export async function motionBeforeMeeting(db: Db, meetingId: string) {
  const motions = await listMotionsOfMeeting(db, meetingId);
  return motions.find((m) => BEFORE_THE_MEETING.has(m.status)) ?? null;
}

export const speakerRequestOf = (row: SpeakerRow): SpeakerRequest => ({
  id: row.id,
  personId: row.person_id,
  side: row.side,
  pointOfOrder: row.point_of_order === 1,
  askedAt: row.asked_at,
  calledAt: row.called_at,
  timeLimitSeconds: row.time_limit_seconds,
  finishedAt: row.finished_at,
  withdrawnAt: row.withdrawn_at,
});

/** The speakers list on what is before the meeting now. */
export async function loadSpeakersList(db: Db, meetingId: string) {
  const motion = await motionBeforeMeeting(db, meetingId);
  const rows = await listSpeakers(db, meetingId, motion?.id ?? null);
  return {
    motion,
    rows,
    requests: rows.map(speakerRequestOf),
    names: new Map(rows.map((r) => [r.person_id, r.name])),
  };
}
