import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { updateBallot } from '../../db/queries/ballots.ts';
import { countBoardEvents } from '../../db/queries/ballot-board.ts';
import { findQuestionOfBallot } from '../../db/queries/meetings.ts';
import { publishMeeting } from '../meetings/meeting-support.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { appendToBoard, lockForOfficers } from './board.ts';
import { tallyOf, writeRankedResult, writeResult } from './e2e-result.ts';
import { isRankedSetup } from '../../domain/ballots/e2e-ranked.ts';

/**
 * Closes an end-to-end ballot (protocol section 5, events 7 and 8): no ballot is taken after it,
 * and the weighted total of the ballots cast, still encrypted, goes on the board for the trustees
 * to decrypt (submit-partial-decryption.ts). With no ballot cast there is nothing to decrypt:
 * the result, all zeros, is written at once. The total was kept as the ballots were cast
 * (tallyOf), so the close does not read them: it takes milliseconds however many voted.
 */
export async function closeE2eBallot(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; byTimetable?: boolean; confirmed?: boolean },
) {
  const linked = await findQuestionOfBallot(ctx.db, props.ballotId);
  const closed = await inTransaction(ctx, async (trx) => {
    const { scope, ballot, state } = await lockForOfficers(
      trx,
      ctx,
      props.actor,
      props.ballotId,
      linked?.meeting_id ?? null,
      props.byTimetable,
    );
    if (ballot.state !== 'open')
      throw new DomainError(
        'CONFLICT',
        ballot.state === 'draft'
          ? 'This ballot has not been opened.'
          : 'This ballot is already closed.',
      );
    const cast = await countBoardEvents(trx, ballot.id, 'ballot');
    const at = isoNow(ctx);
    const close = await appendToBoard(trx, ballot.id, 'close', { at, ballots: cast });
    // A ranked ballot has no homomorphic total: its ballots go whole into the mixnet
    // (docs/mixnet-protocol.md section 4), shuffled by each trustee in turn (submit-shuffle.ts).
    const ranked = isRankedSetup(state.setup.payload);
    const totals = ranked ? null : (await tallyOf(trx, ballot.id, state, cast)).totals();
    if (totals) await appendToBoard(trx, ballot.id, 'total', { ciphertexts: totals });
    await updateBallot(trx, ballot.id, { state: 'closed', closed_at: at });
    await appendAudit(trx, {
      organisationId: ballot.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: 'ballot.closed',
      subject: `ballot:${ballot.id}`,
      data: {
        votes: cast,
        endToEnd: true,
        board: close.hash,
        ...(props.byTimetable ? { byTimetable: true } : {}),
      },
      at,
    });
    if (totals || (ranked && cast > 0))
      return { ballots: cast, awaitingDecryption: true, counted: null };
    if (ranked) {
      const counted = await writeRankedResult(trx, ctx, {
        ballot,
        state,
        rankings: [],
        trustees: [],
        seedFrom: close.hash,
        actor: props.actor,
        scope,
        at,
      });
      return { ballots: 0, awaitingDecryption: false, counted };
    }
    const zeros = state.setup.payload.choices.map(() => 0);
    const counted = await writeResult(trx, ctx, {
      ballot,
      state,
      counts: zeros,
      trustees: [],
      voted: 0,
      weight: 0,
      actor: props.actor,
      scope,
      at,
    });
    return { ballots: 0, awaitingDecryption: false, counted };
  });
  ctx.events.publish(`ballot:${props.ballotId}`, {
    type: 'closed',
    data: { result: closed.counted?.result ?? null },
  });
  // The result's mail, and a carried motion's deliveries, were queued with the count.
  if (closed.counted) mailQueued(ctx);
  if (linked && closed.counted) {
    publishMeeting(ctx, linked.meeting_id, 'declared', {
      questionId: linked.id,
      declared: closed.counted.declared,
    });
  }
  return {
    ballots: closed.ballots,
    awaitingDecryption: closed.awaitingDecryption,
    result: closed.counted?.result ?? null,
  };
}
