import { checkPartialDecryption, combine } from '../../domain/e2e/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findQuestionOfBallot } from '../../db/queries/meetings.ts';
import { loadMeeting, publishMeeting } from '../meetings/meeting-support.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { appendToBoard, assertOwnNumber, loadLockedTrusteeStep } from './board.ts';
import { tallyOf, writeResult } from './e2e-result.ts';
import { assertFirstTime } from './trustee-step.ts';
import { acceptMixDecryption, checkMixDecryptionFirst } from './mix-decryption.ts';
import { isRankedSetup } from '../../domain/ballots/e2e-ranked.ts';

/**
 * A trustee's partial decryption of the closed ballot's total (of a ranked ballot, of the last
 * shuffle's output: mix-decryption.ts), made on their device with a proof
 * for each factor (protocol section 5, event 9), checked against their verification key before
 * it goes on the board. When `needed` trustees have given theirs the factors are combined, the
 * counts found, and the result written, stored, sealed and declared (e2e-result.ts).
 */
export async function submitPartialDecryption(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; payload: unknown },
) {
  const linked = await findQuestionOfBallot(ctx.db, props.ballotId);
  // A ranked ballot's factors, one a sealed preference, are checked first, off the event loop.
  const checked = await checkMixDecryptionFirst(ctx, props);
  const done = await inTransaction(ctx, async (trx) => {
    // A meeting's ballot: the meeting is locked first, as every step at a meeting does. The
    // trustee need not run the meeting: they take part in it.
    const scope = linked
      ? await loadMeeting(trx, ctx, props.actor, linked.meeting_id, 'body.participate')
      : null;
    const { ballot, state, trustee } = await loadLockedTrusteeStep(
      trx,
      props.actor,
      props.ballotId,
    );
    if (isRankedSetup(state.setup.payload) && checked)
      return acceptMixDecryption(trx, ctx, {
        actor: props.actor,
        ballot,
        state,
        trustee,
        payload: props.payload,
        checked,
        scope,
        at: isoNow(ctx),
      });
    const total = state.total;
    if (!state.open || !state.close || state.result || !total)
      throw new DomainError(
        'CONFLICT',
        state.result
          ? 'This ballot has been counted already.'
          : 'The trustees decrypt the total once the ballot has closed.',
      );
    assertFirstTime(state.partials, trustee, 'partial decryption');
    const verification = state.verifications.find((v) => v.trustee === trustee);
    if (!verification) throw new Error(`trustee ${trustee} has no verification key`);
    const payload = checkPartialDecryption(
      state.open.hash,
      verification.verificationKey,
      total.payload.ciphertexts,
      props.payload,
    );
    assertOwnNumber(payload, trustee);
    const event = await appendToBoard(trx, ballot.id, 'partial-decryption', payload);
    const at = isoNow(ctx);
    await appendAudit(trx, {
      organisationId: ballot.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: 'ballot.partial-decryption',
      subject: `ballot:${ballot.id}`,
      data: { trustee, board: event.hash },
      at,
    });
    const partials = [...state.partials, payload];
    const needed = state.setup.payload.needed;
    if (partials.length < needed) return { decrypted: partials.length, needed, counted: null };
    const { voted, weight } = await tallyOf(trx, ballot.id, state, state.close.payload.ballots);
    const { counts, trustees } = combine(total.payload.ciphertexts, partials, needed, weight);
    const counted = await writeResult(trx, ctx, {
      ballot,
      state,
      counts,
      trustees,
      voted,
      weight,
      actor: props.actor,
      scope,
      at,
    });
    return { decrypted: partials.length, needed, counted };
  });
  if (done.counted) {
    ctx.events.publish(`ballot:${props.ballotId}`, {
      type: 'closed',
      data: { result: done.counted.result },
    });
    // The result's mail, and a carried motion's deliveries, were queued with the count.
    mailQueued(ctx);
    if (linked) {
      publishMeeting(ctx, linked.meeting_id, 'declared', {
        questionId: linked.id,
        declared: done.counted.declared,
      });
    }
  }
  return {
    decrypted: done.decrypted,
    needed: done.needed,
    result: done.counted?.result ?? null,
  };
}
