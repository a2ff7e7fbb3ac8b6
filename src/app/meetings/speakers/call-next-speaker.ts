import { callNext } from '../../../domain/meetings/speakers.ts';
import type { Actor } from '../../../domain/organisations/policy.ts';
import { updateSpeaker } from '../../../db/queries/speakers.ts';
import type { AppContext } from '../../common/context.ts';
import { auditMeeting } from '../meeting-support.ts';
import { changeSpeakersList } from './speakers-support.ts';

/**
 * The chair gives the floor to the next on the speakers list (a point of order first), with an
 * optional time limit, ending the speech in progress. A decision of the chair: audited.
 */
export async function callNextSpeaker(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; timeLimitSeconds?: number | null | undefined },
) {
  const result = await changeSpeakersList(
    ctx,
    { ...props, may: 'body.runMeetings', inSession: true },
    async (trx, scope, list, actor) => {
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
    },
  );
  return result;
}
