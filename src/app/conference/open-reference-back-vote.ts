import { assertUndecided } from '../../domain/conference/reference-back.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { insertCardVote, listCardVotes } from '../../db/queries/conference.ts';
import {
  findReferenceBack,
  markReferenceBackCardVote,
} from '../../db/queries/conference-references.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';
import { newId } from '../common/secrets.ts';
import { auditConference, runConference } from './conference-support.ts';

/**
 * A card vote is called on a reference back: the cards decide it by a simple majority of the
 * normalised vote, and closing the card vote settles it (close-card-vote.ts). Open, never secret:
 * a procedural motion on the committee's report.
 */
export async function openReferenceBackVote(
  ctx: AppContext,
  props: { actor: Actor | null; referenceBackId: string },
) {
  const done = await inTransaction(ctx, async (trx) => {
    const ref = await findReferenceBack(trx, props.referenceBackId);
    if (!ref) throw notFound('That reference back');
    const { meeting } = await runConference(trx, props.actor, ref.meetingId);
    assertUndecided(ref.status);
    if ((await listCardVotes(trx, meeting.id)).some((v) => v.reference_back_id === ref.id))
      throw new DomainError('QUESTION_ALREADY_PUT', 'A card vote on this has already been called.');
    const at = isoNow(ctx);
    const id = newId();
    await insertCardVote(trx, {
      id,
      meeting_id: meeting.id,
      // The card vote's row names a submission: the first part of the report referred back.
      submission_id: ref.submissions[0]!,
      threshold: 'simple-majority',
      open: 1,
      secret: 0,
      result: null,
      reference_back_id: ref.id,
      created_at: at,
      updated_at: at,
    });
    await markReferenceBackCardVote(trx, ref.id, at);
    await auditConference(trx, props.actor, meeting, 'conference.cardVoteOpened', at, {
      cardVoteId: id,
      referenceBackId: ref.id,
      threshold: 'simple-majority',
      secret: false,
    });
    return { cardVoteId: id, meetingId: meeting.id };
  });
  publishMeeting(ctx, done.meetingId, 'question');
  return { cardVoteId: done.cardVoteId };
}
