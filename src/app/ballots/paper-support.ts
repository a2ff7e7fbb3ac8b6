import { hybridTurnout, type HybridTurnout } from '../../domain/ballots/paper.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Action, Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { countVoted, lockBallot, type BallotRow } from '../../db/queries/ballots.ts';
import { findQuestionOfBallot } from '../../db/queries/meetings.ts';
import { countPaperElectors, paperCountOf } from '../../db/queries/paper-ballots.ts';
import { authorise } from '../common/actor.ts';
import { endToEndOnly } from './board.ts';

/**
 * What the paper steps of a hybrid ballot share (mark-paper-voters.ts, issue-paper-ballots.ts,
 * enter-paper-count.ts): the ballot locked (so no online vote is cast while its paper side
 * changes: casting share-locks the same row), the actor checked, and its turnout as it stands.
 * Only a ballot of those present at a meeting has a paper side: a ballot of the whole body is
 * voted online by people who are not in one room.
 */
export async function lockPaperBallot(
  trx: Db,
  actor: Actor | null,
  ballotId: string,
  may: Action,
): Promise<{ ballot: BallotRow; turnout: HybridTurnout }> {
  const ballot = await lockBallot(trx, ballotId);
  if (!ballot) throw notFound('That ballot');
  await authorise(trx, actor, may, ballot.body_id, 'That ballot');
  if (ballot.end_to_end === 1) throw endToEndOnly();
  if (!(await findQuestionOfBallot(trx, ballotId)))
    throw new DomainError(
      'CONFLICT',
      'Only a secret ballot of those present at a meeting is voted on paper too.',
    );
  return { ballot, turnout: await turnoutOf(trx, ballot) };
}

/** The hybrid turnout of a ballot: online votes on the roll, papers issued and returned. */
export async function turnoutOf(db: Db, ballot: BallotRow): Promise<HybridTurnout> {
  const [onlineVoted, paperElectors] = await Promise.all([
    countVoted(db, ballot.id),
    countPaperElectors(db, ballot.id),
  ]);
  return hybridTurnout({
    electorate: ballot.electorate,
    paperElectors,
    onlineVoted,
    issued: ballot.papers_issued,
    count: paperCountOf(ballot),
  });
}

/** What the paper rules ask of the ballot (domain/ballots/paper.ts). */
export const paperSide = (ballot: BallotRow, turnout: HybridTurnout) => ({
  open: ballot.state === 'open',
  weighted: ballot.weighted === 1,
  counted: turnout.paper.returned !== null,
  issued: ballot.papers_issued,
  paperElectors: turnout.paper.electors,
});
