import { LOCALES, type Locale } from '../../domain/language.ts';
import { resultWords } from '../../messages/results.ts';
import type { MotionText } from '../../domain/meetings/motion-text.ts';
import type { QuestionResult } from '../../domain/meetings/thresholds.ts';
import { outcomeOfMotion } from '../../domain/resolutions/communication.ts';
import { legalCommunicationEvents } from '../../domain/resolutions/communication.ts';
import { uniqueSlug } from '../../domain/resolutions/slugs.ts';
import type { Db } from '../../db/database.ts';
import type { MotionRow } from '../../db/queries/meetings.ts';
import { findBody, findOrganisation, lockOrganisation } from '../../db/queries/organisations.ts';
import {
  findResolution,
  insertResolution,
  listCommunicationsOfMotion,
  listResolutionSlugs,
  resolutionOf,
  type ResolutionRow,
  type StoredResolution,
} from '../../db/queries/resolutions.ts';
import { appendAudit, resolutionSealText, sealOf } from '../common/audit-log.ts';
import { communicationStateOf, stepCommunication } from './communication-support.ts';
import type { AppContext } from '../common/context.ts';
import { deliverResolution, destinationsOf } from './deliver-resolution.ts';
import { announceResolution } from '../federation/announce-resolution.ts';
import { newId } from '../common/secrets.ts';

/**
 * What follows a motion's result, in the same transaction as the result is recorded (so a
 * carried motion is never without its resolution, nor a resolution without its deliveries):
 *
 * - carried, it becomes a Resolution at a permanent public address and is delivered to every
 *   body its "calls on" clauses name (deliver-resolution.ts);
 * - if it was made from communications (put on the agenda, composited or adopted), the outcome
 *   is recorded on each of them, so each sender sees what this body decided.
 *
 * Every way a motion is decided (a vote in the room, a secret ballot of those present) calls it.
 */
export async function afterMotionDecided(
  trx: Db,
  ctx: AppContext,
  props: {
    motion: MotionRow;
    /** The motion's status now: carried, lost, not-carried, referred, ... */
    status: string;
    /** The motion as decided (with carried amendments). */
    text: MotionText;
    result: QuestionResult | null;
    declared: string;
    actorPersonId: string | null;
    at: string;
  },
): Promise<{ resolutionId: string | null }> {
  let resolutionId: string | null = null;
  if (props.status === 'carried' && props.result) {
    const resolution = await publishResolution(trx, ctx, { ...props, result: props.result });
    resolutionId = resolution.id;
  }
  const outcome = outcomeOfMotion(props.status);
  if (outcome) {
    for (const row of await listCommunicationsOfMotion(trx, props.motion.id)) {
      if (!legalCommunicationEvents(communicationStateOf(row)).includes('record-outcome')) continue;
      const resolution = await findResolution(trx, row.resolution_id);
      if (!resolution) continue;
      await stepCommunication(trx, ctx, {
        row,
        resolution,
        event: { type: 'record-outcome', outcome },
        actorPersonId: props.actorPersonId,
        at: props.at,
        // Worded in every language, so each sender reads the result in theirs.
        note: props.result
          ? (Object.fromEntries(
              LOCALES.map((lang) => [
                lang,
                `${resultWords(props.result!, lang)} (${props.motion.title})`,
              ]),
            ) as Record<Locale, string>)
          : `${props.declared} (${props.motion.title})`,
      });
    }
  }
  return { resolutionId };
}

/** Publishes a carried motion as a resolution and delivers it. */
async function publishResolution(
  trx: Db,
  ctx: AppContext,
  props: {
    motion: MotionRow;
    text: MotionText;
    result: QuestionResult;
    declared: string;
    actorPersonId: string | null;
    at: string;
  },
): Promise<ResolutionRow> {
  const { motion } = props;
  // Slugs are unique within the organisation: writers of one organisation take turns here.
  await lockOrganisation(trx, motion.organisation_id);
  const slug = uniqueSlug(
    props.text.title,
    new Set(await listResolutionSlugs(trx, motion.organisation_id)),
  );
  const stored: StoredResolution = {
    id: newId(),
    organisation_id: motion.organisation_id,
    body_id: motion.body_id,
    motion_id: motion.id,
    meeting_id: motion.meeting_id,
    slug,
    title: props.text.title,
    text: JSON.stringify(props.text),
    declared: props.declared,
    result: JSON.stringify(props.result),
    passed_at: props.at,
    model_published_at: null,
  };
  await insertResolution(trx, stored);
  const resolution = resolutionOf(stored);
  await appendAudit(trx, {
    organisationId: motion.organisation_id,
    actorPersonId: props.actorPersonId,
    action: 'resolution.published',
    subject: `resolution:${resolution.id}`,
    data: {
      motionId: motion.id,
      slug,
      title: resolution.title,
      declared: props.declared,
      seal: sealOf('resolution', resolution.id, resolutionSealText(stored)),
    },
    at: props.at,
  });
  const body = await findBody(trx, motion.body_id);
  await deliverResolution(trx, ctx, {
    resolution,
    kind: 'calls-on',
    destinations: destinationsOf(props.text),
    actorPersonId: props.actorPersonId,
    at: props.at,
    senderName: body?.name ?? 'A body',
  });
  // Its followers on the fediverse see it as a post with a link (issue 19).
  await announceResolution(trx, ctx, {
    resolution,
    organisationSlug: (await findOrganisation(trx, motion.organisation_id))?.slug ?? '',
    bodyName: body?.name ?? '',
    at: props.at,
  });
  return resolution;
}
