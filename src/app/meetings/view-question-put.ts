import type { Db } from '../../db/database.ts';
import { countVoted, findBallot, findElector, hasVoted } from '../../db/queries/ballots.ts';
import type { QuestionRow } from '../../db/queries/meetings.ts';
import { listElectorsOfBallot } from '../../db/queries/paper-ballots.ts';
import { turnoutOf } from '../ballots/paper-support.ts';
import { countsOfBallot } from './record-vote.ts';

/**
 * The question put to the meeting now, for the meeting's view (view-meeting.ts): if it went to a
 * secret ballot of those present, that ballot's turnout and state, and `me`'s own part in it.
 */
export async function presentQuestionPut(
  db: Db,
  questionPut: QuestionRow,
  canRun: boolean,
  me: string,
  /** May enter the tellers' count of the papers (secretary, scrutineer: not the chair alone). */
  canCount: boolean,
) {
  const ballot = questionPut.ballot_id ? await findBallot(db, questionPut.ballot_id) : null;
  const [voted, myElector, iVoted] = ballot
    ? await Promise.all([
        countVoted(db, ballot.id),
        findElector(db, ballot.id, me),
        hasVoted(db, ballot.id, me),
      ])
    : [0, undefined, false];
  const counted = ballot?.result ? countsOfBallot(ballot.result) : null;
  // Who votes online and who on paper, for those who run the meeting (the papers are theirs to
  // hand out); members following the meeting see the turnout only.
  const paper =
    ballot && canRun && ballot.end_to_end === 0
      ? {
          turnout: await turnoutOf(db, ballot),
          electors: await listElectorsOfBallot(db, ballot.id),
          canCount,
        }
      : null;
  return {
    id: questionPut.id,
    wording: questionPut.wording,
    mode: questionPut.mode,
    /** Put to a secret ballot of those present: its turnout, never who chose what. */
    ballot: ballot
      ? {
          id: ballot.id,
          state: ballot.state,
          weighted: ballot.weighted === 1,
          electorate: ballot.electorate,
          voted,
          /** Once closed with the votes equal: the counts, for the chair's casting vote. */
          counts: counted,
          mine: myElector ? { voted: iVoted } : null,
          /** Online and on paper (src/domain/ballots/paper.ts), for those who run it. */
          paper,
        }
      : null,
  };
}
