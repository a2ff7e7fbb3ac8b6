import { invalid } from '../../domain/errors.ts';
import { asOwnMotion, compositeText } from '../../domain/resolutions/own-motion.ts';
import { MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { inEveryLanguage } from '../../mail/texts.ts';
import {
  createOwnMotion,
  loadCommunicationToTable,
  ownMotionMade,
  resolutionTextOf,
  stepCommunication,
} from './communication-support.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';

/**
 * The receiving secretary composites several communications ruled in order into one motion of
 * the body (conference practice: one debate for motions that ask the same thing). Every source
 * keeps its link to the composite motion, and each sender is told, and later sees its outcome.
 */
export async function compositeCommunications(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    bodyId: string;
    communicationIds: readonly string[];
    title: string;
    meetingId?: string | null | undefined;
  },
) {
  const ids = [...new Set(props.communicationIds)];
  if (ids.length < 2) {
    throw invalid('Choose at least two communications to composite.', [
      { path: 'communicationIds', message: 'Choose two or more.' },
    ]);
  }
  const title = props.title.trim();
  if (!title || title.length > MOTION_LIMITS.title) {
    throw invalid('Give the composite motion a title.', [
      { path: 'title', message: `A title of up to ${MOTION_LIMITS.title} characters.` },
    ]);
  }
  const result = await inTransaction(ctx, async (trx) => {
    const sources = [];
    for (const id of ids) {
      sources.push(
        await loadCommunicationToTable(trx, ctx, {
          actor: props.actor,
          communicationId: id,
          tabling: 'composite',
          bodyId: props.bodyId,
        }),
      );
    }
    const at = isoNow(ctx);
    const text = compositeText(
      title,
      sources.map((s) => asOwnMotion(resolutionTextOf(s.resolution), props.bodyId)),
    );
    const { motionId, agendaItemId } = await createOwnMotion(trx, ctx, {
      actor: props.actor!,
      bodyId: props.bodyId,
      text,
      meetingId: props.meetingId,
      at,
      today: today(ctx),
      from: { communicationIds: ids, composite: true },
    });
    for (const s of sources) {
      await stepCommunication(trx, ctx, {
        row: s.row,
        resolution: s.resolution,
        event: { type: 'composite', motionId },
        actorPersonId: props.actor!.personId,
        at,
        note: inEveryLanguage((m) => m.compositedNote({ title, others: sources.length - 1 })),
      });
    }
    return { motionId, agendaItemId, sources: ids.length };
  });
  ownMotionMade(ctx, props.meetingId);
  return result;
}
