import { assertTakingVotes } from '../../domain/ballots/ballot.ts';
import { isRankedSetup, type RankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import {
  addToTotal,
  ballotTerms,
  checkBallot,
  checkRanking,
  type EncryptedBallot,
  tracker,
} from '../../domain/e2e/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { addToRoll, countVoted, hasVoted } from '../../db/queries/ballots.ts';
import {
  findPseudonymOf,
  findRunningTotal,
  saveRunningTotal,
} from '../../db/queries/ballot-board.ts';
import type { Db } from '../../db/database.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { markProxyVotes } from '../../db/queries/proxies.ts';
import { appendToBoard, loadE2e, loadLockedE2e, shapeOf } from './board.ts';
import { assertHoldsProxyInBallot } from './proxy-support.ts';

export interface CastE2eBallotProps {
  readonly actor: Actor | null;
  readonly ballotId: string;
  /** The encrypted ballot as the voter's device made it (protocol section 5, event 6). */
  readonly ballot: unknown;
  /**
   * The member whose proxy the actor holds and casts this ballot with; none to vote for
   * themselves. The ballot is then sealed under the giver's pseudonym (docs/e2e-protocol.md,
   * "Proxies"), the roll records the giver as having voted, marked as through a proxy, and the
   * board holds it like any other.
   */
  readonly onBehalfOf?: string | undefined;
}

/**
 * Casts an encrypted ballot (protocol section 5, event 6), made and proved on the voter's device:
 * the server never sees the choice. It checks every encoding and proof against the opening, the
 * ballot's shape and the voter's own pseudonym (a ballot copied from another voter is refused),
 * marks the roll (a second ballot is refused, ALREADY_VOTED) and appends the ballot to the board.
 *
 * The proofs (about 15 ms of CPU) are checked before the transaction, against the board as read
 * then, on the server's worker threads when it has them (ctx.checkBallot): holding the ballot's
 * lock through the check would let only one ballot of a ballot be checked at a time. The
 * transaction then takes the lock, checks every precondition again and stores the ballot only if
 * it was checked against the same opening and pseudonym (both are written once and never
 * change, so this always holds; the comparison keeps it so). One transaction stores it all, and
 * adds the ballot, weighted, to the ballot's running total (domain/e2e/running-total.ts), so that
 * the close has the total at hand; its ciphertexts are decoded for it before the transaction.
 */
export async function castE2eBallot(
  ctx: AppContext,
  props: CastE2eBallotProps,
): Promise<{ tracker: string; seq: number }> {
  const actor = signedIn(props.actor, 'Sign in to vote.');
  const giverId = props.onBehalfOf ?? null;
  const before = await preconditions(ctx, ctx.db, actor, props.ballotId, giverId, false);
  const request = {
    openHash: before.open.hash,
    electionKey: before.open.payload.electionKey,
    shape: shapeOf(before.state.setup.payload),
    pseudonym: before.pseudonym,
    ballot: props.ballot,
  };
  const setup = before.state.setup.payload as unknown as RankedSetup;
  // A ranked ballot (docs/mixnet-protocol.md section 2) is checked here, in the request's thread.
  const ranked = isRankedSetup(setup);
  const checked = ranked
    ? checkRanking(
        request.openHash,
        request.electionKey,
        { candidates: setup.choices.length, positions: setup.positions },
        request.pseudonym,
        request.ballot,
      )
    : ctx.checkBallot
      ? await ctx.checkBallot(request)
      : checkBallot(
          request.openHash,
          request.electionKey,
          request.shape,
          request.pseudonym,
          request.ballot,
        );
  const receipt = tracker(checked);
  const weight = before.open.payload.electorate.find((e) => e.pseudonym === before.pseudonym)!;
  // A ranked ballot has no homomorphic total: it is shuffled and decrypted one by one.
  const terms = ranked
    ? null
    : ballotTerms(request.shape, checked as EncryptedBallot, weight.weight);
  const cast = await inTransaction(ctx, async (trx) => {
    const now = await preconditions(ctx, trx, actor, props.ballotId, giverId, true);
    if (now.open.hash !== request.openHash || now.pseudonym !== request.pseudonym)
      throw new DomainError('CONFLICT', 'The ballot changed while your vote was checked.');
    const marked = await addToRoll(trx, [{ ballot_id: now.ballotId, person_id: now.voterId }]);
    if (!marked.length) throw alreadyVoted();
    // Only THAT the giver voted through a proxy, as in a plain ballot (cast-ballot.ts).
    if (giverId) await markProxyVotes(trx, [{ ballot_id: now.ballotId, person_id: giverId }]);
    const event = await appendToBoard(trx, now.ballotId, 'ballot', {
      ballot: checked,
      tracker: receipt,
    });
    if (terms) {
      const running = await findRunningTotal(trx, now.ballotId);
      await saveRunningTotal(trx, {
        ballot_id: now.ballotId,
        ballots: (running?.ballots ?? 0) + 1,
        weight: (running?.weight ?? 0) + weight.weight,
        total: addToTotal(running?.total ?? null, terms),
      });
    }
    return { tracker: receipt, seq: event.seq };
  });
  const voted = await countVoted(ctx.db, props.ballotId);
  ctx.events.publish(`ballot:${props.ballotId}`, { type: 'turnout', data: { voted } });
  return cast;
}

/**
 * What must hold for the actor to cast: the ballot visible to them and taking votes, its board
 * open, the voter (the actor, or the giver of a proxy the actor holds) on its electorate and not
 * yet voted. Read without a lock to check the proofs against, then again with the ballot locked
 * (`lock`) in the transaction that stores.
 */
async function preconditions(
  ctx: AppContext,
  db: Db,
  actor: Actor,
  ballotId: string,
  giverId: string | null,
  lock: boolean,
) {
  const { ballot, state } = lock
    ? await loadLockedE2e(db, actor, ballotId, 'body.participate')
    : await loadE2e(db, actor, ballotId);
  assertTakingVotes({ state: ballot.state, closesAt: ballot.closes_at }, isoNow(ctx));
  const open = state.open;
  if (!open) throw new DomainError('BALLOT_NOT_OPEN', 'This ballot has not opened yet.');
  const own = await findPseudonymOf(db, ballot.id, actor.personId);
  if (!own) throw new DomainError('NOT_ELIGIBLE', 'You are not on the electorate of this ballot.');
  const voterId = giverId ?? actor.personId;
  // The holder votes with the giver's own pseudonym: the board cannot tell it from any other.
  const mine = giverId ? await findPseudonymOf(db, ballot.id, giverId) : own;
  if (giverId) await assertHoldsProxyInBallot(db, ballot, giverId, actor.personId);
  if (!mine)
    throw new DomainError('NOT_ELIGIBLE', 'That member is not on the electorate of this ballot.');
  if (await hasVoted(db, ballot.id, voterId)) throw alreadyVoted();
  return { ballotId: ballot.id, state, open, pseudonym: mine.pseudonym, voterId };
}

const alreadyVoted = () =>
  new DomainError(
    'ALREADY_VOTED',
    'You have already voted in this ballot. Each member votes once.',
  );
