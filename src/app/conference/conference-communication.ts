import type { CommunicationEvent } from '../../domain/resolutions/communication.ts';
import { newCommunication } from '../../domain/resolutions/communication.ts';
import { notFound } from '../../domain/errors.ts';
import type { Db } from '../../db/database.ts';
import type { DelegationRecord, SubmissionRecord } from '../../db/queries/conference.ts';
import {
  findResolution,
  insertCommunication,
  lockCommunication,
} from '../../db/queries/resolutions.ts';
import type { MessageKey } from '../../messages/en.ts';
import { t } from '../../messages/messages.ts';
import type { Written } from '../../mail/texts.ts';
import type { AppContext } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { stepCommunication } from '../resolutions/communication-support.ts';
import type { CardResultView } from './close-card-vote.ts';

/**
 * Results flowing back (issue 20): a branch that sends its resolution to conference follows it
 * through the same communication its other deliveries use (src/domain/resolutions/communication.ts,
 * kind "conference"): the committee's ruling, a ruling referred back and made again, and the
 * outcome with the card vote's section table, each a line in the history on the resolution's
 * page and an email to the branch's secretaries. Not a use case: each step is taken in the
 * conference use case's own transaction.
 */

/** Both languages of one of Seconded's sentences, for the history and each reader's mail. */
const written = (key: MessageKey, vars: Record<string, string | number>): Written => ({
  en: t(key, vars, 'en'),
  fr: t(key, vars, 'fr'),
});

/**
 * Opens the communication of a submission sent from the branch's resolution: the resolution must
 * be one its body carried. Returns its id, kept on the submission.
 */
export async function sendResolutionToConference(
  trx: Db,
  props: {
    resolutionId: string;
    delegation: DelegationRecord;
    conferenceTitle: string;
    actorPersonId: string | null;
    at: string;
  },
): Promise<string> {
  const resolution = await findResolution(trx, props.resolutionId);
  if (!resolution || resolution.body_id !== props.delegation.bodyId)
    throw notFound('That resolution');
  const state = newCommunication('conference', true);
  const id = newId();
  await insertCommunication(
    trx,
    {
      id,
      resolution_id: resolution.id,
      kind: 'conference',
      clause_id: null,
      addressee_name: props.conferenceTitle,
      // No body's inbox holds it: the conference's use cases take its steps.
      to_body_id: null,
      to_organisation_id: null,
      status: state.status,
      reason: null,
      motion_id: null,
      created_at: props.at,
      updated_at: props.at,
    },
    { actorPersonId: props.actorPersonId },
  );
  return id;
}

/** Takes one step of a submission's communication, if it was sent from a resolution. */
export async function stepSubmissionCommunication(
  trx: Db,
  ctx: AppContext,
  submission: Pick<SubmissionRecord, 'communicationId'>,
  event: CommunicationEvent,
  line: { note: Written | null; actorPersonId: string | null; at: string },
) {
  if (!submission.communicationId) return;
  const row = await lockCommunication(trx, submission.communicationId);
  const resolution = row && (await findResolution(trx, row.resolution_id));
  if (!row || !resolution) return;
  // A communication its branch has withdrawn takes no further steps.
  if (row.status === 'withdrawn') return;
  await stepCommunication(trx, ctx, { row, resolution, event, ...line });
}

/** The committee's ruling, as the branch reads it. */
export const rulingNote = (
  conference: string,
  inOrder: boolean,
  edited: boolean,
): Written | null =>
  inOrder
    ? written(edited ? 'conf.comm.ruledInEdited' : 'conf.comm.ruledIn', { conference })
    : null;

/** The card vote's outcome and its section table, in one line of the history. */
export function outcomeNote(
  conference: string,
  result: CardResultView,
  composite: string | null,
  sectionNames: ReadonlyMap<string, string>,
): Written {
  const note = (lang: 'en' | 'fr') => {
    const sections = result.sections
      .map((s) =>
        t(
          'conf.comm.section',
          { section: sectionNames.get(s.section) ?? s.section, for: s.for, against: s.against },
          lang,
        ),
      )
      .join('; ');
    const vars = {
      conference,
      outcome: t(
        result.outcome === 'carried' ? 'conf.outcome.carried' : 'conf.outcome.lost',
        {},
        lang,
      ),
      forPercent: result.forPercent,
      againstPercent: result.againstPercent,
      sections,
    };
    const line = t('conf.comm.outcome', vars, lang);
    return composite ? `${line} ${t('conf.comm.inComposite', { title: composite }, lang)}` : line;
  };
  return { en: note('en'), fr: note('fr') };
}

export const remittedNote = (conference: string): Written =>
  written('conf.comm.remitted', { conference });
