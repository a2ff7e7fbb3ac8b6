import { countBox, type BallotResult } from '../../domain/ballots/ballot.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { decideRoomVote, secretBallot } from '../../domain/meetings/votes.ts';
import { awaitsCastingVote } from '../../domain/meetings/thresholds.ts';
import { lockBallot, tallyBox, updateBallot } from '../../db/queries/ballots.ts';
import {
  eraseCastTraces,
  rewriteBallotRows,
  transactionIdOf,
} from '../../db/queries/ballot-storage.ts';
import { findQuestion, findQuestionOfBallot } from '../../db/queries/meetings.ts';
import { rewriteProxyVotes } from '../../db/queries/proxies.ts';
import { loadMeeting, type MeetingScope, publishMeeting } from '../meetings/meeting-support.ts';
import { declareIn } from '../meetings/record-vote.ts';
import { authorise } from '../common/actor.ts';
import { auditAction, sealOf } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailQueued } from '../common/enqueue-mail.ts';
import { endToEndOnly } from './board.ts';
import { declareMotionOfBallot } from './motion-ballot.ts';
import { turnoutOf } from './paper-support.ts';
import { queueElectorMail } from './ballot-opened-mail.ts';
import { checkClose, paperBox, papersReturned } from '../../domain/ballots/paper.ts';
import { paperCountOf } from '../../db/queries/paper-ballots.ts';
import type { Db } from '../../db/database.ts';
import type { QuestionRow } from '../../db/queries/meetings.ts';

/**
 * Closes a ballot and counts it, in one transaction: no vote can arrive after the count (the
 * ballot row is locked against casting), the result is stored and appended to the audit chain,
 * and the roll, box and receipts are rewritten so that neither their stored order nor (on
 * PostgreSQL) the transaction ids they carry say anything of the cast (DESIGN.md section 5).
 * Everyone following the ballot is then sent the result. `byTimetable`: closed by the ballot's
 * own timetable (ballot-timetable.ts) at its closing time, which counts and declares alike. Once the close has committed, what the
 * database still kept of the pre-close rows is removed (ballot-storage.ts `eraseCastTraces`:
 * VACUUM on PostgreSQL, a truncating WAL checkpoint on SQLite) before the close returns.
 *
 * A ballot of those present at a meeting (put-to-secret-ballot.ts) also declares the question
 * it was put on, in the same transaction, exactly as a vote in the room is declared
 * (record-vote.ts `declareIn`): on the question, the motion, the minutes and the audit chain.
 * When the votes are equal and the standing orders give the chair a casting vote, the question
 * waits for the chair to give it, or decline, openly (recordVote with `secret-ballot`). A ballot
 * of the members on the body's own motion (a communication put to a ballot) declares that
 * motion in the same transaction, and its outcome goes back to the sender (motion-ballot.ts).
 */
export async function closeBallot(
  ctx: AppContext,
  props: {
    actor: Actor | null;
    ballotId: string;
    /**
     * The chair was told how many have not voted and closes anyway. Without it a ballot with
     * anyone yet to vote stays open (CLOSE_NOT_CONFIRMED, with the figures) until its set time.
     */
    confirmed?: boolean | undefined;
    /** Closed by its set time (ballot-timetable.ts), not by an officer. */
    byTimetable?: boolean;
  },
) {
  const linked = await findQuestionOfBallot(ctx.db, props.ballotId);
  const meeting: { declared: string | null } = { declared: null };
  let closedBy: string | null = null;
  let motionDeclared: string | null = null;
  let resultMailed = false;
  const result = await inTransaction(ctx, async (trx) => {
    // A meeting's ballot: the meeting is locked first, as every step at a meeting does.
    const scope = linked
      ? await loadMeeting(trx, ctx, props.actor, linked.meeting_id, 'body.runMeetings')
      : null;
    const ballot = await lockBallot(trx, props.ballotId);
    if (!ballot) throw notFound('That ballot');
    if (!props.byTimetable)
      await authorise(trx, props.actor, 'body.runBallots', ballot.body_id, 'That ballot');
    if (ballot.end_to_end === 1) throw endToEndOnly();
    if (ballot.state !== 'open') {
      throw new DomainError(
        'CONFLICT',
        ballot.state === 'draft'
          ? 'This ballot has not been opened.'
          : 'This ballot is already closed.',
      );
    }
    const at = isoNow(ctx);
    const turnout = await turnoutOf(trx, ballot);
    const timeUp = ballot.closes_at !== null && at >= ballot.closes_at;
    checkClose(turnout, props.confirmed === true || timeUp);
    // The tellers' count of a hybrid ballot joins the online box as totals (paper.ts).
    const paper = paperCountOf(ballot);
    const box = [
      ...(await tallyBox(trx, ballot.id)),
      ...(paper ? paperBox(ballot.options, paper) : []),
    ];
    // Ties settled by lot are drawn from the ballot's own id: fixed before the vote, recorded.
    const counted = countBox(ballot.options, ballot.threshold, box, ballot.electorate, ballot.id);
    const result: BallotResult = paper
      ? {
          ...counted,
          paper: {
            issued: ballot.papers_issued,
            returned: papersReturned(paper),
            spoilt: paper.spoilt,
          },
        }
      : counted;
    const stored = JSON.stringify(result);
    await updateBallot(trx, ballot.id, { state: 'closed', closed_at: at, result: stored });
    await rewriteBallotRows(trx, ballot.id);
    await rewriteProxyVotes(trx, ballot.id);
    closedBy = await transactionIdOf(trx);
    const sealed = await auditAction(trx, props.actor, 'ballot.closed', ['ballot', ballot], at, {
      votes: result.votes,
      electorate: result.electorate,
      ...(result.paper ? { paper: result.paper } : {}),
      summary: summarise(result),
      seal: sealOf('ballot', ballot.id, stored),
      ...(props.byTimetable ? { byTimetable: true } : {}),
    });
    const question = linked && (await findQuestion(trx, linked.id));
    if (scope && question)
      meeting.declared = await declareOnQuestion(
        trx,
        ctx,
        { ...scope, at },
        question,
        result,
        props.actor,
      );
    // A ballot of the members on the body's own motion declares it, and the outcome goes back
    // to the sender of the communication it answers (motion-ballot.ts).
    if (ballot.motion_id)
      motionDeclared = await declareMotionOfBallot(trx, ctx, {
        ballot,
        result,
        actorPersonId: props.actor?.personId ?? null,
        at,
      });
    await updateBallot(trx, ballot.id, { result_hash: sealed.hash });
    // Every elector is told the result, as they were told it opened (not at a meeting, where it
    // is declared to those present). Queued at once, whatever their number (ballot-opened-mail.ts).
    if (!linked) resultMailed = (await queueElectorMail(trx, ctx, ballot, { result })) > 0;
    return result;
  });
  if (resultMailed) mailQueued(ctx);
  ctx.events.publish(`ballot:${props.ballotId}`, { type: 'closed', data: { result } });
  // A carried motion may have queued its deliveries, and each sender its mail.
  if (motionDeclared !== null) mailQueued(ctx);
  if (linked) {
    // A carried motion may have queued its deliveries (record-vote.ts declareIn).
    mailQueued(ctx);
    publishMeeting(ctx, linked.meeting_id, 'declared', {
      questionId: linked.id,
      declared: meeting.declared,
    });
  }
  await eraseTraces(ctx, props.ballotId, closedBy);
  return result;
}

/**
 * Declares the question a ballot of those present was put on, from the ballot's result, exactly
 * as a vote in the room is declared (record-vote.ts `declareIn`); unless the votes are equal and
 * the chair may give a casting vote, when the question waits for it. Returns the declaration.
 */
export async function declareOnQuestion(
  trx: Db,
  ctx: AppContext,
  scope: MeetingScope,
  question: QuestionRow,
  result: BallotResult,
  actor: Actor | null,
): Promise<string | null> {
  if (question.status !== 'put' || result.kind !== 'yes-no') return null;
  const vote = secretBallot(
    { for: result.for, against: result.against, abstain: result.abstain },
    question.present ?? result.electorate,
  );
  const members = question.members ?? scope.members.length;
  const undecided = decideRoomVote(vote, { rules: scope.rules, members });
  if (awaitsCastingVote(undecided)) return null;
  const done = await declareIn(trx, ctx, scope, question, {
    vote,
    members,
    castingVote: null,
    actor,
  });
  return done.declared;
}

/**
 * The result stands whatever happens here: a failure or a delay is logged for the operator, and
 * the next close (or the operator's VACUUM, or SQLite's next checkpoint) finishes the job.
 */
async function eraseTraces(ctx: AppContext, ballotId: string, closedBy: string | null) {
  try {
    const { deferred } = await eraseCastTraces(ctx.db, closedBy);
    if (deferred)
      ctx.log.warn(
        'a closed ballot’s pre-close rows outlive it until the next VACUUM: an older transaction was running',
        {
          ballotId,
        },
      );
  } catch (error) {
    ctx.log.error('a closed ballot’s pre-close rows could not be removed', error, { ballotId });
  }
}

/** The part of a result that goes into the audit chain: numbers and the outcome. */
export function summarise(result: BallotResult) {
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
