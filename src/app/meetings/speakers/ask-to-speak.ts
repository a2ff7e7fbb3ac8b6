import { askToSpeak as ask, type Side } from '../../../domain/meetings/speakers.ts';
import type { Actor } from '../../../domain/organisations/policy.ts';
import { insertSpeaker } from '../../../db/queries/speakers.ts';
import type { AppContext } from '../../common/context.ts';
import { newId } from '../../common/secrets.ts';
import { changeSpeakersList } from './speakers-support.ts';

/**
 * A member present asks to speak on the motion before the meeting, for or against it, or rises
 * on a point of order, which goes to the head of the queue. Not a decision: no audit entry.
 */
export async function askToSpeak(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    side?: Side | null | undefined;
    pointOfOrder?: boolean | undefined;
  },
) {
  const requestId = await changeSpeakersList(
    ctx,
    { ...props, may: 'body.participate' },
    async (trx, scope, list, actor) => {
      const request = ask(list.requests, {
        id: newId(),
        personId: actor.personId,
        side: props.side ?? null,
        pointOfOrder: props.pointOfOrder ?? false,
        at: scope.at,
        meetingStatus: scope.state.status,
        present: scope.presentIds.includes(actor.personId),
      });
      await insertSpeaker(trx, {
        id: request.id,
        meeting_id: scope.meeting.id,
        motion_id: list.motion?.id ?? null,
        person_id: request.personId,
        side: request.side,
        point_of_order: request.pointOfOrder ? 1 : 0,
        asked_at: request.askedAt,
        called_at: null,
        time_limit_seconds: null,
        finished_at: null,
        withdrawn_at: null,
      });
      return request.id;
    },
  );
  return { requestId };
}
