import { checkMarkPaper, checkUnmarkPaper } from '../../domain/ballots/paper.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { listElectorsOfBallot, setPaper } from '../../db/queries/paper-ballots.ts';
import { auditAction } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { lockPaperBallot, paperSide, turnoutOf } from './paper-support.ts';

export interface MarkPaperVotersProps {
  readonly actor: Actor | null;
  readonly ballotId: string;
  /** Members present (electors of the ballot). */
  readonly personIds: readonly string[];
  /** true: they vote on paper (no phone, say); false: back to voting online. */
  readonly paper: boolean;
}

/**
 * The chair marks members present as voting on paper in a secret ballot of those present, or
 * takes the mark back (domain/ballots/paper.ts: never one who has voted online; never below the
 * papers issued). Members without an account are on paper from the start (put-to-secret-ballot.ts).
 * The audit chain records how many were marked, not who: it is no part of the result.
 */
export function markPaperVoters(ctx: AppContext, props: MarkPaperVotersProps) {
  return inTransaction(ctx, async (trx) => {
    const { ballot, turnout } = await lockPaperBallot(
      trx,
      props.actor,
      props.ballotId,
      'body.runBallots',
    );
    const electors = new Map(
      (await listElectorsOfBallot(trx, ballot.id)).map((e) => [e.personId, e]),
    );
    const side = paperSide(ballot, turnout);
    const changing: string[] = [];
    for (const personId of new Set(props.personIds)) {
      const e = electors.get(personId);
      const elector = {
        onElectorate: !!e,
        hasAccount: e?.hasAccount ?? false,
        votedOnline: e?.votedOnline ?? false,
        paper: e?.paper ?? false,
      };
      if (props.paper) {
        checkMarkPaper(side, elector);
        if (!elector.paper) changing.push(personId);
      } else {
        checkUnmarkPaper({ ...side, paperElectors: side.paperElectors - changing.length }, elector);
        if (elector.paper) changing.push(personId);
      }
    }
    await setPaper(trx, ballot.id, changing, props.paper);
    const at = isoNow(ctx);
    if (changing.length)
      await auditAction(
        trx,
        props.actor,
        props.paper ? 'ballot.paper-voters-marked' : 'ballot.paper-voters-unmarked',
        ['ballot', ballot],
        at,
        { members: changing.length },
      );
    return turnoutOf(trx, ballot);
  });
}
