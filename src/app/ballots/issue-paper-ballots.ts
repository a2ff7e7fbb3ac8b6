import { papersToIssue } from '../../domain/ballots/paper.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { setPapersIssued } from '../../db/queries/paper-ballots.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { lockPaperBallot, paperSide } from './paper-support.ts';

/**
 * Issues numbered paper ballots, one for each member present voting on paper who has none yet:
 * numbers `from`..`to`, continuing from those issued before. The audit chain records the
 * numbers, so the tellers' count is checked against them; no number is tied to a member.
 */
export function issuePaperBallots(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
) {
  return inTransaction(ctx, async (trx) => {
    const { ballot, turnout } = await lockPaperBallot(
      trx,
      props.actor,
      props.ballotId,
      'body.runBallots',
    );
    const { from, to } = papersToIssue(paperSide(ballot, turnout));
    await setPapersIssued(trx, ballot.id, to);
    await auditAction(trx, props.actor, 'ballot.papers-issued', ['ballot', ballot], isoNow(ctx), {
      from,
      to,
      issued: to,
    });
    return { from, to, issued: to };
  });
}
