import type { EntitlementFormula } from '../../domain/conference/entitlement.ts';
import {
  assertSettings,
  sectionsFromText,
  type ConferenceRules,
  type SectionText,
} from '../../domain/conference/settings.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findConference, insertConference } from '../../db/queries/conference.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import { notFound } from '../../domain/errors.ts';
import { authorise } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { auditConference } from './conference-support.ts';

/**
 * Makes a meeting of a body a conference (DESIGN.md: a conference is a meeting of delegates):
 * its sections and their shares of the card vote, the delegate formula and the timetable. Its
 * organisers are those who run the body's meetings.
 */
export async function setUpConference(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    sections: readonly SectionText[];
    formula: EntitlementFormula;
    rules: ConferenceRules;
  },
) {
  return inTransaction(ctx, async (trx) => {
    const meeting = await findMeeting(trx, props.meetingId);
    if (!meeting) throw notFound('That meeting');
    await authorise(trx, props.actor, 'body.runMeetings', meeting.body_id, 'That meeting');
    if (await findConference(trx, meeting.id))
      throw new DomainError('ALREADY_EXISTS', 'That meeting is already a conference.');
    const settings = {
      sections: sectionsFromText(props.sections),
      formula: props.formula,
      rules: props.rules,
    };
    assertSettings(settings);
    const at = isoNow(ctx);
    await insertConference(trx, meeting.id, settings, at);
    await auditConference(trx, props.actor, meeting, 'conference.setUp', at, {
      sections: props.sections,
      formula: props.formula,
    });
    return { meetingId: meeting.id };
  });
}
