import { DomainError } from '../../../domain/errors.ts';
import { askToSpeak as ask, type Side } from '../../../domain/meetings/speakers.ts';
import type { Actor } from '../../../domain/organisations/policy.ts';
import { insertSpeaker } from '../../../db/queries/speakers.ts';
import { type AppContext, inTransaction } from '../../shared/context.ts';
import { loadMeeting, publishMeeting } from '../meeting-support.ts';
import { newId } from '../../shared/secrets.ts';
import { loadSpeakersList } from './speakers-support.ts';

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
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  const requestId = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, actor, props.meetingId, 'body.participate');
    const list = await loadSpeakersList(trx, scope.meeting.id);
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
  });
  publishMeeting(ctx, props.meetingId, 'speakers');
  return { requestId };
}
