import {
  assertRuling,
  type Recommendation,
  type Ruling,
} from '../../domain/conference/arrangements.ts';
import { assertStep } from '../../domain/conference/outcomes.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findSubmission, updateSubmission } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { auditConference, runConference } from './conference-support.ts';
import { rulingNote, stepSubmissionCommunication } from './conference-communication.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';

/**
 * The arrangements committee rules a submission in, out (with the reason its sender is told) or
 * in after edits (the edited text, shown beside the original), names its subject for the
 * priorities ballot and gives its recommendation. Audited with the ruling and the reason; a
 * submission sent from a branch's resolution tells the branch (the reason, when out of order).
 */
export async function ruleSubmission(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    submissionId: string;
    ruling: Ruling;
    subject?: string | null;
    recommendation?: Recommendation | null;
  },
) {
  const done = await inTransaction(ctx, async (trx) => {
    const submission = await findSubmission(trx, props.submissionId);
    if (!submission) throw notFound('That submission');
    const { meeting } = await runConference(trx, props.actor, submission.meetingId);
    assertRuling(props.ruling);
    const status = props.ruling.kind === 'out' ? 'out-of-order' : 'in-order';
    assertStep(submission.status, status);
    const at = isoNow(ctx);
    const subject = props.subject?.trim() || submission.subject;
    await updateSubmission(trx, submission.id, {
      ruling: JSON.stringify(props.ruling),
      status,
      subject: subject ?? null,
      recommendation: props.recommendation ?? submission.recommendation,
      updated_at: at,
    });
    await auditConference(trx, props.actor, meeting, 'conference.submissionRuled', at, {
      submissionId: submission.id,
      ruling: props.ruling,
      subject,
      recommendation: props.recommendation ?? null,
    });
    const inOrder = status === 'in-order';
    await stepSubmissionCommunication(
      trx,
      ctx,
      submission,
      {
        type: 'rule',
        inOrder,
        reason: props.ruling.kind === 'out' ? props.ruling.reason : undefined,
      },
      {
        note: rulingNote(meeting.title, inOrder, props.ruling.kind === 'in-after-edits'),
        actorPersonId: props.actor?.personId ?? null,
        at,
      },
    );
    return { submissionId: submission.id, status, meetingId: meeting.id };
  });
  publishMeeting(ctx, done.meetingId, 'agenda');
  return { submissionId: done.submissionId, status: done.status };
}
