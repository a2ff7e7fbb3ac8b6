import { DomainError } from '../../../domain/errors.ts';
import { callNext } from '../../../domain/meetings/speakers.ts';
import type { Actor } from '../../../domain/organisations/policy.ts';
import { updateSpeaker } from '../../../db/queries/speakers.ts';
import { type AppContext, inTransaction } from '../../shared/context.ts';
import { assertInSession, auditMeeting, loadMeeting, publishMeeting } from '../meeting-support.ts';
import { loadSpeakersList } from './speakers-support.ts';

/**
 * The chair gives the floor to the next on the speakers list (a point of order first), with an
 * optional time limit, ending the speech in progress. A decision of the chair: audited.
 */
export async function callNextSpeaker(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; timeLimitSeconds?: number | null | undefined },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  const result = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, actor, props.meetingId, 'body.runMeetings');
    assertInSession(scope);
    const list = await loadSpeakersList(trx, scope.meeting.id);
    const { ended, called } = callNext(list.requests, {
      at: scope.at,
      timeLimitSeconds: props.timeLimitSeconds ?? null,
    });
    if (ended) await updateSpeaker(trx, ended.id, { finished_at: ended.finishedAt });
    await updateSpeaker(trx, called.id, {
      called_at: called.calledAt,
      time_limit_seconds: called.timeLimitSeconds,
    });
    await auditMeeting(trx, ctx, scope, actor, 'speakers.called', {
      requestId: called.id,
      personId: called.personId,
      side: called.side,
      pointOfOrder: called.pointOfOrder,
      timeLimitSeconds: called.timeLimitSeconds,
      motionId: list.motion?.id ?? null,
    });
    return {
      requestId: called.id,
      personId: called.personId,
      name: list.names.get(called.personId) ?? '',
      timeLimitSeconds: called.timeLimitSeconds,
    };
  });
  publishMeeting(ctx, props.meetingId, 'speakers');
  return result;
}
