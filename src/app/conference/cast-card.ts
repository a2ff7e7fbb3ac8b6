import { assertCast } from '../../domain/conference/card-vote.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  castSecretCard,
  findCardCast,
  findCardRoll,
  findCardVote,
  insertCardCast,
} from '../../db/queries/conference.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { actForDelegation } from './conference-support.ts';

/**
 * A delegation's leader casts its card, split between for, against and abstain if the
 * delegation chooses (src/domain/conference/card-vote.ts). Once per delegation: the key of
 * conference_card_casts refuses a second card even from two racing requests. A secret card vote
 * keeps neither the card nor who cast it: the roll records that the delegation voted, and the
 * figures are added to its section's totals (castSecretCard), as a secret ballot's roll and box
 * are kept apart (DESIGN.md section 5).
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
    const secret = vote.secret === 1;
    if (
      secret
        ? await findCardRoll(trx, vote.id, delegation.id)
        : await findCardCast(trx, vote.id, delegation.id)
    )
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
    if (secret) {
      await castSecretCard(trx, { cardVoteId: vote.id, section: delegation.section, ...cast });
      return { cardVoteId: vote.id, delegationId: delegation.id };
    }
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
