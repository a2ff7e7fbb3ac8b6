import { assertReferBack } from '../../domain/conference/reference-back.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findDelegation, listCardVotes, listSubmissions } from '../../db/queries/conference.ts';
import { insertReferenceBack, listReferencesBack } from '../../db/queries/conference-references.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';
import { newId } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The chair records a delegate's motion to refer back named parts of the arrangements
 * committee's report: its rulings on the named submissions (src/domain/conference/
 * reference-back.ts). It is then before conference until a show of hands or a card vote decides
 * it. `moverDelegationId`: the delegation of the delegate who moved it, when named.
 */
export async function moveReferenceBack(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    meetingId: string;
    submissionIds: readonly string[];
    moverDelegationId?: string | null;
  },
) {
  const done = await inTransaction(ctx, async (trx) => {
    const { meeting } = await runConference(trx, props.actor, props.meetingId);
    const mover = props.moverDelegationId
      ? await findDelegation(trx, props.moverDelegationId)
      : null;
    if (props.moverDelegationId && mover?.meetingId !== meeting.id)
      throw notFound('That delegation');
    const [submissions, votes, pendingRefs] = await Promise.all([
      listSubmissions(trx, meeting.id),
      listCardVotes(trx, meeting.id),
      listReferencesBack(trx, meeting.id),
    ]);
    const byId = new Map(submissions.map((s) => [s.id, s]));
    const voted = new Set(votes.filter((v) => !v.reference_back_id).map((v) => v.submission_id));
    const parts = props.submissionIds.map((id) => {
      const s = byId.get(id);
      if (!s) throw notFound('That submission');
      return { id, title: s.title, status: s.status, voted: voted.has(id) };
    });
    const pending = new Set(
      pendingRefs.filter((r) => r.status === 'moved').flatMap((r) => r.submissions),
    );
    assertReferBack(parts, pending);
    const at = isoNow(ctx);
    const id = newId();
    await insertReferenceBack(trx, {
      id,
      meeting_id: meeting.id,
      mover_delegation_id: mover?.id ?? null,
      submissions: JSON.stringify(props.submissionIds),
      status: 'moved',
      decided_by: null,
      created_at: at,
      updated_at: at,
    });
    await auditConference(trx, props.actor, meeting, 'conference.referenceBackMoved', at, {
      referenceBackId: id,
      submissionIds: props.submissionIds,
      moverDelegationId: mover?.id ?? null,
    });
    return { referenceBackId: id, meetingId: meeting.id };
  });
  publishMeeting(ctx, done.meetingId, 'agenda');
  return { referenceBackId: done.referenceBackId };
}
