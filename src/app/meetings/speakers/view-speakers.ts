import { findVisibleMeeting } from '../meeting-support.ts';
import {
  queueOf,
  secondsLeft,
  speakingNow,
  spoken,
  type SpeakerRequest,
} from '../../../domain/meetings/speakers.ts';
import { can, type Actor } from '../../../domain/organisations/policy.ts';
import type { MeetingRow } from '../../../db/queries/meetings.ts';
import type { BodyWithTree } from '../../common/actor.ts';
import type { AppContext } from '../../common/context.ts';
import { loadSpeakersList } from './speakers-support.ts';

/**
 * The speakers list as members, the chair and the projector see it: who has the floor (with the
 * time left, and when it runs out), who waits in the order they will be called, who has spoken.
 */
export async function viewSpeakers(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const { meeting, loaded } = await findVisibleMeeting(ctx.db, props.actor, props.meetingId);
  return speakersViewOf(ctx, meeting, loaded, props.actor);
}

/** The view of viewSpeakers, of a meeting its caller has already let `actor` follow. */
export async function speakersViewOf(
  ctx: AppContext,
  meeting: MeetingRow,
  loaded: BodyWithTree,
  actor: Actor | null,
) {
  const list = await loadSpeakersList(ctx.db, meeting.id);
  const now = ctx.now().toISOString();
  const me = actor?.personId ?? '';
  const present = (r: SpeakerRequest) => ({
    requestId: r.id,
    personId: r.personId,
    name: list.names.get(r.personId) ?? '',
    side: r.side,
    pointOfOrder: r.pointOfOrder,
    askedAt: r.askedAt,
    mine: r.personId === me,
  });
  const current = speakingNow(list.requests);
  const left = secondsLeft(current, now);
  return {
    meetingId: meeting.id,
    status: meeting.status,
    motion: list.motion ? { id: list.motion.id, title: list.motion.title } : null,
    speaking: current
      ? {
          ...present(current),
          calledAt: current.calledAt!,
          timeLimitSeconds: current.timeLimitSeconds,
          secondsLeft: left,
          endsAt:
            current.timeLimitSeconds === null
              ? null
              : new Date(
                  Date.parse(current.calledAt!) + current.timeLimitSeconds * 1000,
                ).toISOString(),
        }
      : null,
    queue: queueOf(list.requests).map(present),
    spoken: spoken(list.requests).map(present),
    mayRun: can(actor, 'body.runMeetings', loaded.inTree),
    now,
  };
}

export type SpeakersView = Awaited<ReturnType<typeof viewSpeakers>>;
