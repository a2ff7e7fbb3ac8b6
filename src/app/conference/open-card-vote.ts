import type { CardThreshold } from '../../domain/conference/card-vote.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findSubmission, insertCardVote, listCardVotes } from '../../db/queries/conference.ts';
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
  return inTransaction(ctx, async (trx) => {
    const submission = await findSubmission(trx, props.submissionId);
    if (!submission) throw notFound('That submission');
    const { meeting } = await runConference(trx, props.actor, submission.meetingId);
    if (submission.status !== 'in-order')
      throw new DomainError('ILLEGAL_TRANSITION', 'Only a submission in order is put to the vote.');
    const votes = await listCardVotes(trx, meeting.id);
    if (votes.some((v) => v.submission_id === submission.id))
      throw new DomainError('QUESTION_ALREADY_PUT', 'A card vote on this has already been called.');
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
      created_at: at,
      updated_at: at,
    });
    await auditConference(trx, props.actor, meeting, 'conference.cardVoteOpened', at, {
      cardVoteId: id,
      submissionId: submission.id,
      threshold,
      secret: props.secret === true,
    });
    return { cardVoteId: id, threshold, secret: props.secret === true };
  });
}
