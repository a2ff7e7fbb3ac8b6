import { combineRankings } from '../../domain/e2e/index.ts';
import type { MixDecryptionPayload } from '../../domain/e2e/index.ts';
import type { RankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import type { BallotRow } from '../../db/queries/ballots.ts';
import type { MeetingScope } from '../meetings/meeting-support.ts';
import { appendAudit } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { isRankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import { appendToBoard, assertOwnNumber, type E2eState } from './board.ts';
import { writeRankedResult } from './e2e-result.ts';
import { boardMovedOn, checkDecryptionProofs } from './step-checks.ts';
import { assertFirstTime, loadTrusteeStep, notNow } from './trustee-step.ts';
import { claimPayload, payloadOf } from './upload-parts.ts';

/** A ranked decryption checked before the transaction, and the last shuffle it was checked on. */
export interface CheckedMixDecryption {
  readonly payload: MixDecryptionPayload;
  readonly shuffleHash: string;
}

/**
 * Before submitPartialDecryption's transaction, for a ranked ballot (null for a ballot with a
 * total, whose few proofs are checked in the transaction): the key holder's factor of every
 * ciphertext of the last shuffle, every proof checked against their verification key with ctx
 * shuffleHash|j|i|k on the server's worker threads (step-checks.ts).
 */
export async function checkMixDecryptionFirst(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; payload: unknown },
): Promise<CheckedMixDecryption | null> {
  const { ballot, state, trustee } = await loadTrusteeStep(ctx.db, props.actor, props.ballotId);
  if (!isRankedSetup(state.setup.payload)) return null;
  const { last, verificationKey } = assertDecryptionDue(state, trustee);
  const payload = await checkDecryptionProofs(ctx, {
    shuffleHash: last.hash,
    verificationKey,
    ballots: last.payload.ballots,
    payload: await payloadOf(props.payload, ctx.db, ballot.id, trustee),
  });
  assertOwnNumber(payload, trustee);
  return { payload, shuffleHash: last.hash };
}

/** The refusals of a ranked decryption that is not due; the last shuffle and the key to check on. */
function assertDecryptionDue(state: E2eState, trustee: number) {
  const setup = state.setup.payload as unknown as RankedSetup;
  const last = state.shuffles.at(-1);
  if (!state.close || state.result || !last || state.shuffles.length < setup.trustees.length)
    throw notNow(
      state.result
        ? 'This ballot has been counted already.'
        : 'The trustees decrypt the ballots once every trustee has shuffled them.',
    );
  assertFirstTime(state.partials, trustee, 'partial decryption');
  const verification = state.verifications.find((v) => v.trustee === trustee);
  if (!verification) throw new Error(`trustee ${trustee} has no verification key`);
  return { last, verificationKey: verification.verificationKey };
}

/**
 * The part of submitPartialDecryption (its transaction, the ballot locked) for a ranked ballot
 * (docs/mixnet-protocol.md section 4): a trustee's factor of every ciphertext of the last
 * shuffle's output, each proved against their verification key with ctx shuffleHash|j|i|k,
 * checked before the transaction (checkMixDecryptionFirst) on the shuffle that is still the
 * last, is appended; at the `needed`-th the rankings are combined, counted by the rule and
 * the result written (e2e-result.ts writeRankedResult).
 */
export async function acceptMixDecryption(
  trx: Db,
  ctx: AppContext,
  props: {
    actor: Actor | null;
    ballot: BallotRow;
    state: E2eState;
    trustee: number;
    payload: unknown;
    checked: CheckedMixDecryption;
    scope: MeetingScope | null;
    at: string;
  },
) {
  const { ballot, state, trustee } = props;
  const setup = state.setup.payload as unknown as RankedSetup;
  const { last } = assertDecryptionDue(state, trustee);
  const partials = state.partials as unknown as MixDecryptionPayload[];
  // Checked before the transaction on the last shuffle then; it must still be the last one.
  if (last.hash !== props.checked.shuffleHash) throw boardMovedOn();
  const payload = props.checked.payload;
  assertOwnNumber(payload, trustee);
  await claimPayload(props.payload, trx, ballot.id, trustee);
  const shuffled = last.payload.ballots;
  const event = await appendToBoard(trx, ballot.id, 'partial-decryption', payload);
  await appendAudit(trx, {
    organisationId: ballot.organisation_id,
    actorPersonId: props.actor?.personId ?? null,
    action: 'ballot.partial-decryption',
    subject: `ballot:${ballot.id}`,
    data: { trustee, board: event.hash },
    at: props.at,
  });
  const all = [...partials, payload];
  const needed = setup.needed;
  if (all.length < needed) return { decrypted: all.length, needed, counted: null };
  const { plaintexts, trustees } = combineRankings(shuffled, all, needed, setup.choices.length);
  const counted = await writeRankedResult(trx, ctx, {
    ballot,
    state,
    rankings: plaintexts,
    trustees,
    seedFrom: last.hash,
    actor: props.actor,
    scope: props.scope,
    at: props.at,
  });
  return { decrypted: all.length, needed, counted };
}
