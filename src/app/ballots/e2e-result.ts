import { boardOutcome, resultOfCounts } from '../../domain/ballots/e2e-outcome.ts';
import {
  countRanked,
  lotSeed,
  rankedOutcome,
  rankedProfile,
  type RankedSetup,
} from '../../domain/ballots/e2e-ranked.ts';
import type { BallotResult } from '../../domain/ballots/ballot.ts';
import {
  type Ciphertext,
  type EncryptedBallot,
  totalOf,
  weightedTotal,
} from '../../domain/e2e/index.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { updateBallot, type BallotRow } from '../../db/queries/ballots.ts';
import { findRunningTotal, listBoardEventsOfTypes } from '../../db/queries/ballot-board.ts';
import { findQuestion, findQuestionOfBallot } from '../../db/queries/meetings.ts';
import type { MeetingScope } from '../meetings/meeting-support.ts';
import { auditAction, sealOf } from '../common/audit-log.ts';
import type { AppContext } from '../common/context.ts';
import { appendToBoard, type E2eState, shapeOf } from './board.ts';
import { queueElectorMail } from './ballot-opened-mail.ts';
import { declareOnQuestion, summarise } from './close-ballot.ts';
import { declareMotionOfBallot } from './motion-ballot.ts';

/**
 * What the count needs of the `cast` ballots on the board: how many, their weight and their
 * weighted total (protocol section 5 step 8; null with no ballot), from the running total each
 * cast keeps (cast-e2e-ballot.ts), so that neither the close nor the last decryption reads the
 * ballots. A ballot cast before the running total was kept (migration 0031) leaves it short of
 * the board: the ballots are then read and multiplied again. The verifier recomputes the total
 * from the board alone (src/verifier), so a wrong one would be caught.
 */
export async function tallyOf(
  trx: Db,
  ballotId: string,
  state: E2eState,
  cast: number,
): Promise<{ voted: number; weight: number; totals: () => Ciphertext[] | null }> {
  const running = await findRunningTotal(trx, ballotId);
  if (cast === 0) return { voted: 0, weight: 0, totals: () => null };
  if (running?.ballots === cast)
    return { voted: cast, weight: running.weight, totals: () => totalOf(running.total) };
  const ballots = await castBallots(trx, ballotId, state);
  return {
    voted: ballots.length,
    weight: ballots.reduce((n, b) => n + b.weight, 0),
    totals: () => weightedTotal(shapeOf(state.setup.payload), ballots),
  };
}

/** The ballots on the board, each with the weight published beside its pseudonym at the opening. */
export async function castBallots(trx: Db, ballotId: string, state: E2eState) {
  const weights = new Map(state.open?.payload.electorate.map((e) => [e.pseudonym, e.weight]));
  const rows = await listBoardEventsOfTypes(trx, ballotId, ['ballot']);
  return rows.map((r) => {
    const { ballot } = JSON.parse(r.payload) as { ballot: EncryptedBallot };
    return { ballot, weight: weights.get(ballot.pseudonym) ?? 0 };
  });
}

/**
 * Writes the count of an end-to-end ballot (protocol section 5, event 10; section 7 for the
 * outcome) and stores it as every ballot's result is stored (close-ballot.ts): sealed in the
 * audit chain, declared on the meeting's question when the ballot was put there, or on the
 * body's own motion when a communication was put to it; each elector is emailed the result.
 */
export async function writeResult(
  trx: Db,
  ctx: AppContext,
  props: {
    ballot: BallotRow;
    state: E2eState;
    counts: readonly number[];
    trustees: readonly number[];
    voted: number;
    weight: number;
    actor: Actor | null;
    scope: MeetingScope | null;
    at: string;
  },
) {
  const { ballot, state, counts } = props;
  const setup = state.setup.payload;
  const electors = state.open?.payload.electorate.length ?? ballot.electorate;
  const event = await appendToBoard(trx, ballot.id, 'result', {
    counts: [...counts],
    trustees: [...props.trustees],
    voted: props.voted,
    weight: props.weight,
    outcome: boardOutcome(setup.rule, counts, electors),
  });
  const result = resultOfCounts(ballot.options, ballot.threshold, counts, ballot.electorate);
  return storeResult(trx, ctx, { ...props, result, board: event.hash });
}

/**
 * Writes the count of a ranked end-to-end ballot (docs/mixnet-protocol.md section 4, `result`):
 * the decrypted rankings in the order of the last shuffle, counted by the setup's rule with the
 * lot seeded by digest(the last shuffle's hash), and stored as any election's count is.
 * With no ballot cast there is no shuffle: the count is of no papers, seeded by the close.
 */
export async function writeRankedResult(
  trx: Db,
  ctx: AppContext,
  props: {
    ballot: BallotRow;
    state: E2eState;
    rankings: readonly (readonly number[])[];
    trustees: readonly number[];
    seedFrom: string;
    actor: Actor | null;
    scope: MeetingScope | null;
    at: string;
  },
) {
  const setup = props.state.setup.payload as unknown as RankedSetup;
  const profile = rankedProfile(setup, props.rankings);
  const count = countRanked(setup, profile, lotSeed(props.seedFrom));
  const event = await appendToBoard(trx, props.ballot.id, 'result', {
    rankings: props.rankings.map((r) => [...r]),
    trustees: [...props.trustees],
    outcome: rankedOutcome(count),
  });
  const result: BallotResult = {
    kind: 'ranked',
    votes: profile.ballots.total,
    electorate: props.ballot.electorate,
    count,
  };
  return storeResult(trx, ctx, { ...props, result, board: event.hash });
}

/** Stores a counted result as every ballot's is: sealed in the audit chain, declared at a meeting. */
async function storeResult(
  trx: Db,
  ctx: AppContext,
  props: {
    ballot: BallotRow;
    result: BallotResult;
    board: string;
    actor: Actor | null;
    scope: MeetingScope | null;
    at: string;
  },
) {
  const { ballot, result, at } = props;
  const stored = JSON.stringify(result);
  await updateBallot(trx, ballot.id, { result: stored });
  const sealed = await auditAction(trx, props.actor, 'ballot.counted', ['ballot', ballot], at, {
    votes: result.votes,
    electorate: result.electorate,
    summary: summarise(result),
    board: props.board,
    seal: sealOf('ballot', ballot.id, stored),
  });
  const linked = await findQuestionOfBallot(trx, ballot.id);
  const question = linked && (await findQuestion(trx, linked.id));
  const declared =
    props.scope && question
      ? await declareOnQuestion(trx, ctx, { ...props.scope, at }, question, result, props.actor)
      : null;
  // A ballot of the members on the body's own motion declares it, as a plain ballot's close
  // does, and the outcome with its figures and rule goes back to the sender (motion-ballot.ts).
  const motionDeclared = ballot.motion_id
    ? await declareMotionOfBallot(trx, ctx, {
        ballot,
        result,
        actorPersonId: props.actor?.personId ?? null,
        at,
      })
    : null;
  await updateBallot(trx, ballot.id, { result_hash: sealed.hash });
  // Every elector is told the result, as they were told it opened (not at a meeting, where it
  // is declared to those present). The caller tells the outbox after the commit.
  if (!linked) await queueElectorMail(trx, ctx, ballot, { result });
  return { result, declared: declared ?? motionDeclared, questionId: linked?.id ?? null };
}
