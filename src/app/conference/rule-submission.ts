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

/**
 * The arrangements committee rules a submission in, out (with the reason its sender is told) or
 * in after edits (the edited text, shown beside the original), names its subject for the
 * priorities ballot and gives its recommendation. Audited with the ruling and the reason.
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
  return inTransaction(ctx, async (trx) => {
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
    return { submissionId: submission.id, status };
  });
}
