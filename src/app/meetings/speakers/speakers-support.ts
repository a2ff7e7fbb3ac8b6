import type { SpeakerRequest } from '../../../domain/meetings/speakers.ts';
import type { Actor } from '../../../domain/organisations/policy.ts';
import type { Db } from '../../../db/database.ts';
import { listSpeakers, type SpeakerRow } from '../../../db/queries/speakers.ts';
import { signedIn } from '../../common/actor.ts';
import type { AppContext } from '../../common/context.ts';
import { motionBeforeMeeting, type MeetingScope } from '../meeting-support.ts';
import { stepAtMeeting, type AtMeeting } from '../meeting-step.ts';

/**
 * What the speakers-list use cases share: the list belongs to the motion before the meeting (a
 * new motion starts a new list), and the list as the domain sees it. Not a use case.
 */

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
  const motion = (await motionBeforeMeeting(db, meetingId)) ?? null;
  const rows = await listSpeakers(db, meetingId, motion?.id ?? null);
  return {
    motion,
    rows,
    requests: rows.map(speakerRequestOf),
    names: new Map(rows.map((r) => [r.person_id, r.name])),
  };
}

type SpeakersList = Awaited<ReturnType<typeof loadSpeakersList>>;

/**
 * A step on the speakers list, by someone signed in: taken at the meeting (see stepAtMeeting)
 * on the list as it stands; the screens following the meeting then show the list again.
 */
export async function changeSpeakersList<T>(
  ctx: AppContext,
  at: AtMeeting,
  change: (trx: Db, scope: MeetingScope, list: SpeakersList, actor: Actor) => Promise<T>,
): Promise<T> {
  const actor = signedIn(at.actor);
  return stepAtMeeting(
    ctx,
    { ...at, actor },
    async (trx, scope) => change(trx, scope, await loadSpeakersList(trx, scope.meeting.id), actor),
    () => ({ type: 'speakers' }),
  );
}
