import { DomainError } from '../domain/errors.ts';
import { communicationTransition } from '../domain/resolutions/communication.ts';
import { asOwnMotion } from '../domain/resolutions/own-motion.ts';
import type { Actor } from '../domain/policy.ts';
import { insertAdoption } from '../db/queries/resolutions.ts';
import { appendAudit } from './audit-log.ts';
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
import { newId } from './secrets.ts';

/**
 * A branch adopts a model motion from its inbox: its secretary tables the branch's own motion
 * from it (the model's text, or that text with clauses changed, added or taken out; clause ids
 * are kept so the model motion's page can compare them clause by clause), with `meetingId` on
 * that meeting's agenda. The adoption is recorded against the model, and the publishing body
 * sees it and, when the branch's meeting decides, the outcome.
 */
export async function adoptModelMotion(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    communicationId: string;
    text?: MotionTextInput | undefined;
    meetingId?: string | null | undefined;
  },
) {
  const result = await inTransaction(ctx, async (trx) => {
    const { row, resolution, loaded } = await loadCommunicationFor(
      trx,
      ctx,
      props.actor,
      props.communicationId,
    );
    if (row.kind !== 'model-motion') {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Only a model motion is adopted; this is answered by ruling on it (state ${row.status}, event adopt).`,
      );
    }
    communicationTransition(communicationStateOf(row), { type: 'adopt', motionId: '' });
    const at = isoNow(ctx);
    const text = props.text
      ? await resolveMotionText(trx, props.text)
      : asOwnMotion(resolutionTextOf(resolution), loaded.body.id);
    const { motionId, agendaItemId } = await createOwnMotion(trx, ctx, {
      actor: props.actor!,
      bodyId: loaded.body.id,
      text,
      meetingId: props.meetingId,
      at,
      today: today(ctx),
      from: { modelMotionId: resolution.id, communicationIds: [row.id] },
    });
    const adoptionId = newId();
    await insertAdoption(trx, {
      id: adoptionId,
      resolution_id: resolution.id,
      body_id: loaded.body.id,
      motion_id: motionId,
      communication_id: row.id,
      created_at: at,
    });
    await appendAudit(trx, ctx.dialect, {
      organisationId: loaded.body.organisation_id,
      actorPersonId: props.actor!.personId,
      action: 'modelMotion.adopted',
      subject: `motion:${motionId}`,
      data: { modelMotionId: resolution.id, bodyId: loaded.body.id },
      at,
    });
    const next = await stepCommunication(trx, ctx, {
      row,
      resolution,
      event: { type: 'adopt', motionId },
      actorPersonId: props.actor!.personId,
      at,
    });
    return { status: next.status, motionId, adoptionId, agendaItemId };
  });
  mailQueued(ctx);
  if (props.meetingId) publishMeeting(ctx, props.meetingId, 'agenda');
  return result;
}
