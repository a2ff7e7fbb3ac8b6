import type { Actor } from '../../domain/organisations/policy.ts';
import {
  ownMotionFromCommunication,
  ownMotionMade,
  stepCommunication,
} from './communication-support.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import type { MotionTextInput } from '../meetings/draft-motion.ts';

/**
 * The receiving secretary puts a communication ruled in order on the body's agenda: it becomes
 * the body's own motion (by default the resolution's text, what it was called on to do now what
 * it resolves to do; or the text given), proposed by the secretary, submitted, linked to the
 * communication, and with `meetingId` on that meeting's agenda. When the meeting decides the
 * motion, the outcome is recorded on the communication (publish-resolution.ts).
 */
export async function putCommunicationOnAgenda(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    communicationId: string;
    meetingId?: string | null | undefined;
    text?: MotionTextInput | undefined;
  },
) {
  const result = await inTransaction(ctx, async (trx) => {
    const made = await ownMotionFromCommunication(trx, ctx, { ...props, tabling: 'put-on-agenda' });
    const next = await stepCommunication(trx, ctx, {
      row: made.row,
      resolution: made.resolution,
      event: { type: 'put-on-agenda', motionId: made.motionId },
      actorPersonId: props.actor!.personId,
      at: made.at,
    });
    return { status: next.status, motionId: made.motionId, agendaItemId: made.agendaItemId };
  });
  ownMotionMade(ctx, props.meetingId);
  return result;
}
