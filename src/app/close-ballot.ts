import { countBox, type BallotOptions, type Threshold } from '../domain/ballot.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import type { Actor } from '../domain/policy.ts';
import { lockBallot, scrambleStorageOrder, tallyBox, updateBallot } from '../db/queries/ballots.ts';
import { authorise } from './actor.ts';
import { appendAudit } from './audit-log.ts';
import { type AppContext, inTransaction, isoNow } from './context.ts';

/**
 * Closes a ballot and counts it, in one transaction: no vote can arrive after the count (the
 * ballot row is locked against casting), the result is stored and appended to the audit chain,
 * and the stored order of roll, box and receipts is made meaningless (DESIGN.md section 5).
 * Everyone following the ballot is then sent the result.
 */
export async function closeBallot(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
) {
  const result = await inTransaction(ctx, async (trx) => {
    const ballot = await lockBallot(trx, props.ballotId, ctx.dialect);
    if (!ballot) throw notFound('That ballot');
    await authorise(trx, props.actor, 'body.runBallots', ballot.body_id);
    if (ballot.state !== 'open') {
      throw new DomainError(
        'CONFLICT',
        ballot.state === 'draft'
          ? 'This ballot has not been opened.'
          : 'This ballot is already closed.',
      );
    }
    const box = await tallyBox(trx, ballot.id);
    // Ties settled by lot are drawn from the ballot's own id: fixed before the vote, recorded.
    const result = countBox(
      JSON.parse(ballot.options) as BallotOptions,
      ballot.threshold as Threshold,
      box,
      ballot.electorate,
      ballot.id,
    );
    const at = isoNow(ctx);
    await updateBallot(trx, ballot.id, {
      state: 'closed',
      closed_at: at,
      result: JSON.stringify(result),
    });
    await scrambleStorageOrder(trx, ballot.id, ctx.dialect);
    await appendAudit(trx, ctx.dialect, {
      organisationId: ballot.organisation_id,
      actorPersonId: props.actor?.personId ?? null,
      action: 'ballot.closed',
      subject: `ballot:${ballot.id}`,
      data: { votes: result.votes, electorate: result.electorate, summary: summarise(result) },
      at,
    });
    return result;
  });
  ctx.events.publish(`ballot:${props.ballotId}`, { type: 'closed', data: { result } });
  return result;
}

/** The part of a result that goes into the audit chain: numbers and the outcome. */
function summarise(result: ReturnType<typeof countBox>) {
  if (result.kind === 'yes-no')
    return {
      for: result.for,
      against: result.against,
      abstain: result.abstain,
      outcome: result.outcome,
    };
  if (result.kind === 'choice') return { counts: result.counts, winners: result.winners };
  return { elected: result.count.winners };
}
