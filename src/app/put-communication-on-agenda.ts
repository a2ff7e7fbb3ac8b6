import { DomainError } from '../domain/errors.ts';
import { asOwnMotion } from '../domain/resolutions/own-motion.ts';
import type { Actor } from '../domain/policy.ts';
import { communicationTransition } from '../domain/resolutions/communication.ts';
import {
  communicationStateOf,
  createOwnMotion,
  loadCommunicationFor,
  resolutionTextOf,
  stepCommunication,
} from './communication-support.ts';
import { type AppContext, inTransaction, isoNow, today } from './context.ts';
import { resolveMotionText, type MotionTextInput } from './draft-motion.ts';
import { mailQueued } from './enqueue-mail.ts';
import { publishMeeting } from './meeting-support.ts';

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
    const { row, resolution, loaded } = await loadCommunicationFor(
      trx,
      ctx,
      props.actor,
      props.communicationId,
    );
    if (row.kind !== 'calls-on') {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `A model motion is adopted, not put on the agenda (state ${row.status}, event put-on-agenda).`,
      );
    }
    const at = isoNow(ctx);
    const text = props.text
      ? await resolveMotionText(trx, props.text)
      : asOwnMotion(resolutionTextOf(resolution), loaded.body.id);
    // The state machine is asked first, so a communication not ruled in is refused as such.
    communicationTransition(communicationStateOf(row), { type: 'put-on-agenda', motionId: '' });
    const { motionId, agendaItemId } = await createOwnMotion(trx, ctx, {
      actor: props.actor!,
      bodyId: loaded.body.id,
      text,
      meetingId: props.meetingId,
      at,
      today: today(ctx),
      from: { communicationIds: [row.id], resolutionId: resolution.id },
    });
    const next = await stepCommunication(trx, ctx, {
      row,
      resolution,
      event: { type: 'put-on-agenda', motionId },
      actorPersonId: props.actor!.personId,
      at,
    });
    return { status: next.status, motionId, agendaItemId };
  });
  mailQueued(ctx);
  if (props.meetingId) publishMeeting(ctx, props.meetingId, 'agenda');
  return result;
}
