import { composite } from '../../domain/conference/compositing.ts';
import { assertStep } from '../../domain/conference/outcomes.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findSubmission, insertSubmission, updateSubmission } from '../../db/queries/conference.ts';
import type { SubmissionRecord } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { newClauseId } from '../meetings/draft-motion.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * A compositing meeting's outcome, entered by the organisers: the motions in order on one subject
 * merged into a composite (every source clause kept), with its mover and seconder chosen from
 * the delegations merged; a mover who insists has their own motion put instead. The sources are
 * marked composited and linked to the composite; the composite takes their subject.
 */
export async function compositeSubmissions(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    submissionIds: readonly string[];
    moverDelegationId: string;
    seconderDelegationId: string;
    insisting?: readonly string[];
    title: string;
  },
) {
  return inTransaction(ctx, async (trx) => {
    const sources: SubmissionRecord[] = [];
    for (const id of new Set(props.submissionIds)) {
      const s = await findSubmission(trx, id);
      if (!s) throw notFound('That submission');
      sources.push(s);
    }
    const first = sources[0];
    if (!first) throw invalid('Choose the motions to composite.');
    const { meeting } = await runConference(trx, props.actor, first.meetingId);
    for (const s of sources) {
      if (s.meetingId !== meeting.id || s.kind === 'rule-change')
        throw invalid('Only motions of one conference are composited.');
      if (s.subject !== first.subject) throw invalid('Composite motions on one subject.');
      assertStep(s.status, 'composited');
    }
    const outcome = composite({
      sources: sources.map((s) => ({
        id: s.id,
        submitterId: s.delegationId ?? s.id,
        text: s.text,
      })),
      moverId: props.moverDelegationId,
      seconderId: props.seconderDelegationId,
      insisting: props.insisting ?? [],
      title: props.title,
      newClauseId,
    });
    const at = isoNow(ctx);
    const id = newId();
    await insertSubmission(trx, {
      id,
      meeting_id: meeting.id,
      delegation_id: null,
      kind: 'composite',
      title: outcome.text.title,
      text: JSON.stringify(outcome.text),
      amends_rule: null,
      subject: first.subject,
      ruling: JSON.stringify({ kind: 'in' }),
      recommendation: null,
      status: 'in-order',
      composited_into: null,
      mover_delegation_id: outcome.moverId,
      seconder_delegation_id: outcome.seconderId,
      sources: JSON.stringify(outcome.merged),
      result: null,
      communication_id: null,
      created_at: at,
      updated_at: at,
    });
    for (const sourceId of outcome.merged)
      await updateSubmission(trx, sourceId, {
        status: 'composited',
        composited_into: id,
        updated_at: at,
      });
    await auditConference(trx, props.actor, meeting, 'conference.composited', at, {
      compositeId: id,
      merged: outcome.merged,
      putSeparately: outcome.putSeparately,
      mover: outcome.moverId,
      seconder: outcome.seconderId,
    });
    return { compositeId: id, merged: outcome.merged, putSeparately: outcome.putSeparately };
  });
}
