import { assertSubmission, type SubmissionKind } from '../../domain/conference/submissions.ts';
import { assertValidMotionText, type MotionText } from '../../domain/meetings/motion-text.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { countSubmissionsOf, insertSubmission } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { actForDelegation, auditConference } from './conference-support.ts';
import { sendResolutionToConference } from './conference-communication.ts';

/** The words of a motion text, for the word limit: its title is not counted. */
const plainText = (text: MotionText) => text.clauses.map((c) => c.text).join(' ');

/**
 * A branch sends its motion or rule change to conference (src/domain/conference/submissions.ts:
 * one per organisation, within the words and the window; a rule change names its rule). Sent
 * from one of the branch's resolutions (`resolutionId`), the branch follows it on that
 * resolution's page as its other deliveries: ruling and outcome (conference-communication.ts).
 */
export async function submitToConference(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    delegationId: string;
    kind: SubmissionKind;
    text: MotionText;
    amendsRule?: string | null;
    resolutionId?: string | null;
  },
) {
  return inTransaction(ctx, async (trx) => {
    const { meeting, conference, delegation } = await actForDelegation(
      trx,
      props.actor,
      props.delegationId,
    );
    assertValidMotionText(props.text);
    const at = isoNow(ctx);
    const draft = {
      kind: props.kind,
      title: props.text.title,
      text: plainText(props.text),
      amendsRule: props.amendsRule ?? null,
    };
    assertSubmission(
      draft,
      conference.rules.submissions,
      at,
      await countSubmissionsOf(trx, delegation.id),
    );
    const id = newId();
    const communicationId = props.resolutionId
      ? await sendResolutionToConference(trx, {
          resolutionId: props.resolutionId,
          delegation,
          conferenceTitle: meeting.title,
          actorPersonId: props.actor?.personId ?? null,
          at,
        })
      : null;
    await insertSubmission(trx, {
      id,
      meeting_id: meeting.id,
      delegation_id: delegation.id,
      kind: props.kind,
      title: props.text.title,
      text: JSON.stringify(props.text),
      amends_rule: draft.amendsRule,
      subject: null,
      ruling: null,
      recommendation: null,
      status: 'submitted',
      composited_into: null,
      mover_delegation_id: delegation.id,
      seconder_delegation_id: null,
      sources: null,
      result: null,
      communication_id: communicationId,
      created_at: at,
      updated_at: at,
    });
    await auditConference(trx, props.actor, meeting, 'conference.submitted', at, {
      submissionId: id,
      delegationId: delegation.id,
      kind: props.kind,
      communicationId,
    });
    return { submissionId: id };
  });
}
