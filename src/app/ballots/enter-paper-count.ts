import { checkPaperCount, papersReturned } from '../../domain/ballots/paper.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { setPaperCount } from '../../db/queries/paper-ballots.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { lockPaperBallot, turnoutOf } from './paper-support.ts';

export interface EnterPaperCountProps {
  readonly actor: Actor | null;
  /** A teller: the secretary or the scrutineer (body.countPapers). */
  readonly ballotId: string;
  /** Valid papers per choice: for, against, abstain; or per option, in order. */
  readonly counts: readonly number[];
  readonly spoilt: number;
}

/**
 * The tellers enter their count of the paper ballots returned, checked against the papers
 * issued (PAPER_COUNT_TOO_HIGH). It can be entered again, corrected, until the ballot closes;
 * each entry is appended to the audit chain. The close adds it to the online box.
 */
export function enterPaperCount(ctx: AppContext, props: EnterPaperCountProps) {
  return inTransaction(ctx, async (trx) => {
    const { ballot } = await lockPaperBallot(trx, props.actor, props.ballotId, 'body.countPapers');
    if (ballot.state !== 'open')
      throw new DomainError('BALLOT_CLOSED', 'This ballot has closed; its count is final.');
    if (ballot.papers_issued === 0)
      throw new DomainError('CONFLICT', 'No paper ballots were issued for this ballot.');
    const count = checkPaperCount(
      ballot.options,
      { counts: props.counts, spoilt: props.spoilt },
      ballot.papers_issued,
    );
    await setPaperCount(trx, ballot.id, count);
    await auditAction(
      trx,
      props.actor,
      'ballot.paper-count-entered',
      ['ballot', ballot],
      isoNow(ctx),
      {
        issued: ballot.papers_issued,
        returned: papersReturned(count),
        counts: count.counts,
        spoilt: count.spoilt,
      },
    );
    return turnoutOf(trx, { ...ballot, paper_count: JSON.stringify(count) });
  });
}
