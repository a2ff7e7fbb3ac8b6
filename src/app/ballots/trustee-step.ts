import { DomainError, forbidden } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import type { BallotRow } from '../../db/queries/ballots.ts';
import { findTrusteeNumber, listTrustees } from '../../db/queries/ballot-board.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { appendToBoard, type E2eState, loadE2e, loadLockedTrusteeStep } from './board.ts';
import type { BoardEventType } from '../../domain/e2e/index.ts';

/** What a trustee's step sees: the ballot, the board's state, their number and how many there are. */
export interface TrusteeScope {
  readonly ballot: BallotRow;
  readonly state: E2eState;
  readonly trustee: number;
  readonly n: number;
}

/**
 * One step of a trustee (docs/e2e-protocol.md section 5), in one transaction with the ballot
 * locked: only a trustee of the ballot, at the stage `check` allows, their payload checked by
 * the crypto module before it is appended to the board (a refused proof saves nothing).
 */
export function trusteeStep(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
  type: BoardEventType,
  check: (scope: TrusteeScope, trx: Db) => { trustee: number } | Promise<{ trustee: number }>,
) {
  return inTransaction(ctx, async (trx) => {
    const { ballot, state, trustee } = await loadLockedTrusteeStep(
      trx,
      props.actor,
      props.ballotId,
    );
    const n = (await listTrustees(trx, ballot.id)).length;
    const payload = await check({ ballot, state, trustee, n }, trx);
    const event = await appendToBoard(trx, ballot.id, type, payload);
    await appendAudit(trx, {
      organisationId: ballot.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: `ballot.${type}`,
      subject: `ballot:${ballot.id}`,
      data: { trustee, board: event.hash },
      at: isoNow(ctx),
    });
    return { seq: event.seq, hash: event.hash };
  });
}

/** Refuses a step the ballot is not at. */
export const notNow = (message: string) => new DomainError('CONFLICT', message);

/** Refuses a trustee acting twice at one step (the verifier refuses such a board). */
export function assertFirstTime(
  done: readonly { trustee: number }[],
  trustee: number,
  what: string,
) {
  if (done.some((d) => d.trustee === trustee))
    throw notNow(`You have already given your ${what} for this ballot.`);
}

/** The setup steps happen while the ballot is a draft. */
export function assertSettingUp(ballot: BallotRow) {
  if (ballot.state !== 'draft')
    throw notNow('The trustees’ keys are made before the ballot opens.');
}

/**
 * loadLockedTrusteeStep's reading without the lock, for a key holder's proofs checked before the
 * transaction that will lock (step-checks.ts): the ballot, its board's state and their number.
 */
export async function loadTrusteeStep(db: Db, actor: Actor | null, ballotId: string) {
  const { ballot, state } = await loadE2e(db, actor, ballotId);
  const trustee = actor ? await findTrusteeNumber(db, ballot.id, actor.personId) : undefined;
  if (trustee === undefined) throw forbidden("Only the ballot's trustees can do that.");
  return { ballot, state, trustee };
}
