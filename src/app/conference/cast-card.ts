import { assertCast } from '../../domain/conference/card-vote.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findCardCast, findCardVote, insertCardCast } from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { actForDelegation } from './conference-support.ts';

/**
 * A delegation's leader casts its card, split between for, against and abstain if the
 * delegation chooses (src/domain/conference/card-vote.ts). Once per delegation: the key of
 * conference_card_casts refuses a second card even from two racing requests.
 */
export async function castCard(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    cardVoteId: string;
    delegationId: string;
    for: number;
    against: number;
    abstain: number;
  },
) {
  return inTransaction(ctx, async (trx) => {
    const vote = await findCardVote(trx, props.cardVoteId);
    if (!vote) throw notFound('That card vote');
    const { delegation } = await actForDelegation(trx, props.actor, props.delegationId, {
      leader: true,
    });
    if (delegation.meetingId !== vote.meeting_id) throw notFound('That delegation');
    if (vote.open !== 1) throw new DomainError('BALLOT_CLOSED', 'The card vote is closed.');
    if (await findCardCast(trx, vote.id, delegation.id))
      throw new DomainError('ALREADY_VOTED', 'This delegation has cast its card.');
    const cast = {
      delegationId: delegation.id,
      for: props.for,
      against: props.against,
      abstain: props.abstain,
    };
    assertCast(
      { delegationId: delegation.id, section: delegation.section, weight: delegation.weight },
      cast,
    );
    await insertCardCast(trx, {
      card_vote_id: vote.id,
      delegation_id: delegation.id,
      for_votes: cast.for,
      against_votes: cast.against,
      abstain_votes: cast.abstain,
      cast_by: props.actor?.personId ?? null,
      cast_at: isoNow(ctx),
    });
    return { cardVoteId: vote.id, delegationId: delegation.id };
  });
}
