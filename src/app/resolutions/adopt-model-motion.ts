import type { Actor } from '../../domain/organisations/policy.ts';
import { insertAdoption } from '../../db/queries/resolutions.ts';
import { appendAudit } from '../common/audit-log.ts';
import {
  ownMotionFromCommunication,
  ownMotionMade,
  stepCommunication,
} from './communication-support.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import type { MotionTextInput } from '../meetings/draft-motion.ts';
import { newId } from '../common/secrets.ts';

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
    const { row, resolution, body, at, motionId, agendaItemId } = await ownMotionFromCommunication(
      trx,
      ctx,
      { ...props, tabling: 'adopt' },
    );
    const adoptionId = newId();
    await insertAdoption(trx, {
      id: adoptionId,
      resolution_id: resolution.id,
      body_id: body.id,
      motion_id: motionId,
      communication_id: row.id,
      created_at: at,
    });
    await appendAudit(trx, {
      organisationId: body.organisation_id,
      actorPersonId: props.actor!.personId,
      action: 'modelMotion.adopted',
      subject: `motion:${motionId}`,
      data: { modelMotionId: resolution.id, bodyId: body.id },
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
  ownMotionMade(ctx, props.meetingId);
  return result;
}
