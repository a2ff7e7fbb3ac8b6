import { assertStep } from '../../domain/conference/outcomes.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findSubmission, listCardVotes, updateSubmission } from '../../db/queries/conference.ts';
import { listReferencesBack } from '../../db/queries/conference-references.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';
import { auditConference, runConference } from './conference-support.ts';
import { remittedNote, stepSubmissionCommunication } from './conference-communication.ts';

/**
 * The chair records that conference remitted a motion or composite in order: the committee
 * recommended remission and the mover agreed, so it goes to the executive without a vote (Labour
 * Party conference practice; the CAC's recommendation "remit", arrangements.ts). The motions
 * merged into a composite are remitted with it, and each sending branch is told (the
 * communication's outcome is "referred").
 */
export async function remitSubmission(
  ctx: AppContext,
  props: { actor: Actor | null; submissionId: string },
) {
  const meetingId = await inTransaction(ctx, async (trx) => {
    const submission = await findSubmission(trx, props.submissionId);
    if (!submission) throw notFound('That submission');
    const { meeting } = await runConference(trx, props.actor, submission.meetingId);
    if (submission.status !== 'in-order')
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `A submission ${submission.status} cannot be remitted.`,
      );
    const votes = await listCardVotes(trx, meeting.id);
    if (votes.some((v) => v.submission_id === submission.id && !v.reference_back_id))
      throw new DomainError('QUESTION_ALREADY_PUT', 'A card vote on this has been called.');
    const refs = await listReferencesBack(trx, meeting.id);
    if (refs.some((r) => r.status === 'moved' && r.submissions.includes(submission.id)))
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        'A reference back of its ruling is before conference: decide it first.',
      );
    const at = isoNow(ctx);
    for (const id of [submission.id, ...submission.sources]) {
      const s = id === submission.id ? submission : (await findSubmission(trx, id))!;
      assertStep(s.status, 'remitted');
      await updateSubmission(trx, id, { status: 'remitted', updated_at: at });
      await stepSubmissionCommunication(
        trx,
        ctx,
        s,
        { type: 'record-outcome', outcome: 'referred' },
        {
          note: remittedNote(meeting.title),
          actorPersonId: props.actor?.personId ?? null,
          at,
        },
      );
    }
    await auditConference(trx, props.actor, meeting, 'conference.remitted', at, {
      submissionId: submission.id,
      sources: submission.sources,
    });
    return meeting.id;
  });
  publishMeeting(ctx, meetingId, 'declared');
  return { submissionId: props.submissionId, status: 'remitted' as const };
}
