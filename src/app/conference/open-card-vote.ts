import type { CardThreshold } from '../../domain/conference/card-vote.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findSubmission, insertCardVote, listCardVotes } from '../../db/queries/conference.ts';
import { listReferencesBack } from '../../db/queries/conference-references.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * The chair calls a card vote on a motion, composite or rule change in order. A rule change needs
 * two-thirds (Labour Party Rule Book Chapter 3, Clause III: constitutional amendments); anything
 * else a simple majority of the normalised vote. A secret card vote (`secret`) keeps only that
 * each delegation voted and each section's totals, never how a delegation voted (DESIGN.md
 * section 5; cast-card.ts).
 */
export async function openCardVote(
  ctx: AppContext,
  props: { actor: Actor | null; submissionId: string; secret?: boolean },
) {
  const done = await inTransaction(ctx, async (trx) => {
    const submission = await findSubmission(trx, props.submissionId);
    if (!submission) throw notFound('That submission');
    const { meeting } = await runConference(trx, props.actor, submission.meetingId);
    if (submission.status !== 'in-order')
      throw new DomainError('ILLEGAL_TRANSITION', 'Only a submission in order is put to the vote.');
    const votes = await listCardVotes(trx, meeting.id);
    if (votes.some((v) => v.submission_id === submission.id && !v.reference_back_id))
      throw new DomainError('QUESTION_ALREADY_PUT', 'A card vote on this has already been called.');
    // Its ruling is before conference: the reference back is decided first.
    const refs = await listReferencesBack(trx, meeting.id);
    if (refs.some((r) => r.status === 'moved' && r.submissions.includes(submission.id)))
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        'A reference back of its ruling is before conference: decide it first.',
      );
    const threshold: CardThreshold =
      submission.kind === 'rule-change' ? 'two-thirds' : 'simple-majority';
    const at = isoNow(ctx);
    const id = newId();
    await insertCardVote(trx, {
      id,
      meeting_id: meeting.id,
      submission_id: submission.id,
      threshold,
      open: 1,
      secret: props.secret ? 1 : 0,
      result: null,
      reference_back_id: null,
      created_at: at,
      updated_at: at,
    });
    await auditConference(trx, props.actor, meeting, 'conference.cardVoteOpened', at, {
      cardVoteId: id,
      submissionId: submission.id,
      threshold,
      secret: props.secret === true,
    });
    return { cardVoteId: id, threshold, secret: props.secret === true, meetingId: meeting.id };
  });
  publishMeeting(ctx, done.meetingId, 'question');
  return { cardVoteId: done.cardVoteId, threshold: done.threshold, secret: done.secret };
}
