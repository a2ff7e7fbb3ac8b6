import { assertTakingVotes } from '../../domain/ballots/ballot.ts';
import { checkBallot, tracker } from '../../domain/e2e/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { addToRoll, countVoted, hasVoted } from '../../db/queries/ballots.ts';
import { findPseudonymOf } from '../../db/queries/ballot-board.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { appendToBoard, loadLockedE2e, shapeOf } from './board.ts';

/**
 * Casts an encrypted ballot (protocol section 5, event 6), made and proved on the voter's device:
 * the server never sees the choice. It checks every encoding and proof against the opening, the
 * ballot's shape and the voter's own pseudonym (a ballot copied from another voter is refused),
 * marks the roll (a second ballot is refused, ALREADY_VOTED) and appends the ballot to the board,
 * all in one transaction with the ballot locked. The tracker, the ballot's hash, is the receipt:
 * the voter finds it on the board.
 */
export async function castE2eBallot(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; ballot: unknown },
): Promise<{ tracker: string; seq: number }> {
  const actor = signedIn(props.actor, 'Sign in to vote.');
  const cast = await inTransaction(ctx, async (trx) => {
    const { ballot, state } = await loadLockedE2e(trx, actor, props.ballotId, 'body.participate');
    assertTakingVotes({ state: ballot.state, closesAt: ballot.closes_at }, isoNow(ctx));
    const open = state.open;
    if (!open) throw new DomainError('BALLOT_NOT_OPEN', 'This ballot has not opened yet.');
    const mine = await findPseudonymOf(trx, ballot.id, actor.personId);
    if (!mine)
      throw new DomainError('NOT_ELIGIBLE', 'You are not on the electorate of this ballot.');
    if (await hasVoted(trx, ballot.id, actor.personId)) throw alreadyVoted();
    const checked = checkBallot(
      open.hash,
      open.payload.electionKey,
      shapeOf(state.setup.payload),
      mine.pseudonym,
      props.ballot,
    );
    const marked = await addToRoll(trx, [{ ballot_id: ballot.id, person_id: actor.personId }]);
    if (!marked.length) throw alreadyVoted();
    const receipt = tracker(checked);
    const event = await appendToBoard(trx, ballot.id, 'ballot', {
      ballot: checked,
      tracker: receipt,
    });
    return { tracker: receipt, seq: event.seq };
  });
  const voted = await countVoted(ctx.db, props.ballotId);
  ctx.events.publish(`ballot:${props.ballotId}`, { type: 'turnout', data: { voted } });
  return cast;
}

const alreadyVoted = () =>
  new DomainError(
    'ALREADY_VOTED',
    'You have already voted in this ballot. Each member votes once.',
  );
