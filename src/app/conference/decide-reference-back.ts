import { assertUndecided } from '../../domain/conference/reference-back.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { listCardVotes } from '../../db/queries/conference.ts';
import { findReferenceBack } from '../../db/queries/conference-references.ts';
import { DomainError } from '../../domain/errors.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';
import { runConference } from './conference-support.ts';
import { settleReferenceBack } from './reference-back-support.ts';

/**
 * The chair declares a reference back carried or lost on a show of hands (Labour Party
 * conference standing orders: a show of hands unless a card vote is called). Refused once a card
 * vote has been called on it: the card vote decides it when it closes.
 */
export async function decideReferenceBack(
  ctx: AppContext,
  props: { actor: Actor | null; referenceBackId: string; carried: boolean },
) {
  const meetingId = await inTransaction(ctx, async (trx) => {
    const ref = await findReferenceBack(trx, props.referenceBackId);
    if (!ref) throw notFound('That reference back');
    const { meeting } = await runConference(trx, props.actor, ref.meetingId);
    assertUndecided(ref.status);
    const votes = await listCardVotes(trx, meeting.id);
    if (votes.some((v) => v.reference_back_id === ref.id))
      throw new DomainError('QUESTION_ALREADY_PUT', 'A card vote decides this reference back.');
    await settleReferenceBack(trx, {
      actor: props.actor,
      meeting,
      referenceBack: ref,
      outcome: props.carried ? 'carried' : 'lost',
      by: 'show-of-hands',
      at: isoNow(ctx),
    });
    return meeting.id;
  });
  publishMeeting(ctx, meetingId, 'declared');
  return { referenceBackId: props.referenceBackId, status: props.carried ? 'carried' : 'lost' };
}
