import { DEFAULT_TIME_ZONE } from '../meetings/schedule-meeting.ts';
import { profileFromRankings } from '../../domain/tally/ballots.ts';
import { countNotes, writeBlt } from '../../domain/tally/blt.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import {
  countVoted,
  findBallot,
  findReceipt,
  readerInBallot,
  listBallotsOfBody,
  listNamedVotes,
  listNominations,
  listReceipts,
  tallyBox,
  type BallotRow,
} from '../../db/queries/ballots.ts';
import { authorise, authoriseOrHide, hideUnless, loadBodyWithTree } from '../common/actor.ts';
import { keptAt, versionFor } from '../common/kept-views.ts';
import { currentLocale } from '../../messages/messages.ts';
import { viewE2eBallotAt } from './view-e2e-ballot.ts';
import { type AppContext, today } from '../common/context.ts';
import { findMotion, findQuestionOfBallot } from '../../db/queries/meetings.ts';
import { presentText } from '../resolutions/view-resolution.ts';
import { receiptFingerprint } from './receipts.ts';
import { heldProxiesAt } from './held-proxies.ts';
import { listBoardEventsOfTypes } from '../../db/queries/ballot-board.ts';
import { rankedProfile, type RankedSetup } from '../../domain/ballots/e2e-ranked.ts';

/** What a ballot looks like to the people of its body; who chose what never leaves here. */
function presentBallot(b: BallotRow) {
  return {
    id: b.id,
    bodyId: b.body_id,
    question: b.question,
    kind: b.kind,
    options: b.options,
    threshold: b.threshold,
    secret: b.secret === 1,
    weighted: b.weighted === 1,
    state: b.state,
    closesAt: b.closes_at,
    /** When a draft opens by itself, if it does. */
    opensAt: b.opens_at,
    /** The time zone its times were given in, for showing them. */
    timeZone: b.time_zone ?? DEFAULT_TIME_ZONE,
    openedAt: b.opened_at,
    closedAt: b.closed_at,
    electorate: b.electorate,
    result: b.result,
    /** The audit entry that sealed the result: check it against `seconded verify`. */
    resultHash: b.result_hash,
    /** End-to-end verifiable (docs/e2e-protocol.md): its state is read from /ballots/:id/verifiable. */
    endToEnd: b.end_to_end === 1,
    /** End-to-end: how many trustees are needed to count. */
    needed: b.needed,
  };
}
export type BallotView = ReturnType<typeof presentBallot>;

async function loadVisible(db: Db, actor: Actor | null, ballotId: string) {
  const ballot = await findBallot(db, ballotId);
  if (!ballot) throw notFound('That ballot');
  const { inTree } = await authoriseOrHide(
    db,
    actor,
    'body.participate',
    ballot.body_id,
    'That ballot',
  );
  return { ballot, inTree };
}

/**
 * What every reader of a ballot is shown alike, kept at `version` (kept-views.ts): the ballot,
 * its body's tree, the turnout, the meeting's question it decides, the named votes once closed
 * and the nominations. The words are in the reader's language, so the language is in the key.
 */
function sharedBallotAt(ctx: AppContext, version: string | null, ballotId: string) {
  return keptAt(ctx, version, `ballot ${ballotId} ${currentLocale()}`, async () => {
    const ballot = await findBallot(ctx.db, ballotId);
    if (!ballot) throw notFound('That ballot');
    const loaded = await loadBodyWithTree(ctx.db, ballot.body_id).catch(() => {
      throw notFound('That ballot');
    });
    const [voted, question, namedVotes, nominations] = await Promise.all([
      countVoted(ctx.db, ballot.id),
      findQuestionOfBallot(ctx.db, ballot.id),
      ballot.secret === 0 && ballot.state === 'closed'
        ? listNamedVotes(ctx.db, ballot.id)
        : Promise.resolve(null),
      ballot.kind === 'ranked' ? listNominations(ctx.db, ballot.id) : Promise.resolve([]),
    ]);
    // A ballot of a meeting's question on a motion: the motion as it stands, amendments agreed.
    const motion = question?.motion_id ? await findMotion(ctx.db, question.motion_id) : undefined;
    return {
      ballot,
      loaded,
      nominations,
      view: {
        ...presentBallot(ballot),
        voted,
        /** A secret ballot of those present at a meeting: the question, and its result as declared
         * there under the standing orders (a tie may go to the chair's casting vote). */
        meeting: question
          ? {
              meetingId: question.meeting_id,
              questionId: question.id,
              declared: question.declared,
              /** JSON QuestionResult: pages word the result in the reader's language. */
              result: question.result,
              /** What is voted on: the question as put, and the motion's text when it is one. */
              wording: question.wording,
              motionText: motion ? presentText(motion.substantive ?? motion.text) : null,
            }
          : null,
        namedVotes,
      },
    };
  });
}

/** A ballot, its turnout, and the actor's own part in it (eligible, voted). */
export async function viewBallot(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
) {
  return (await viewBallotAt(ctx, await versionFor(ctx), props)).view;
}

/**
 * The ballot's page: the ballot as viewBallot gives it and, for an end-to-end ballot, its board
 * as viewE2eBallot gives it, both read at one data version.
 */
export async function viewBallotPage(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
) {
  const version = await versionFor(ctx);
  const { view, reader } = await viewBallotAt(ctx, version, props);
  return {
    ballot: view,
    e2e: view.endToEnd ? await viewE2eBallotAt(ctx, version, props, reader) : null,
  };
}

/**
 * viewBallot at a data version: the shared part kept for every reader, and the reader's own
 * part (their rights, whether they are an elector and have voted, the proxies they hold) read
 * for each request.
 */
async function viewBallotAt(
  ctx: AppContext,
  version: string | null,
  props: { actor: Actor | null; ballotId: string },
) {
  const shared = await sharedBallotAt(ctx, version, props.ballotId);
  const { ballot } = shared;
  const { inTree } = hideUnless(props.actor, 'body.participate', shared.loaded, 'That ballot');
  const personId = props.actor?.personId;
  const [reader, proxies] = await Promise.all([
    personId
      ? readerInBallot(ctx.db, {
          ballotId: ballot.id,
          bodyId: ballot.body_id,
          personId,
          today: today(ctx),
        })
      : null,
    personId && ballot.end_to_end === 0
      ? heldProxiesAt(ctx, version, ballot.id, personId)
      : Promise.resolve([]),
  ]);
  const elector = reader?.elector;
  const view = {
    ...shared.view,
    me: {
      member: reader?.member ?? false,
      eligible: !!elector,
      weight: elector?.weight ?? null,
      voted: reader?.voted ?? false,
      /** The proxies I hold here: I vote once for each giver, as well as for myself. */
      proxies: elector ? proxies : [],
    },
    canRun: can(props.actor, 'body.runBallots', inTree),
    nominations: shared.nominations.map((n) => ({
      id: n.id,
      candidate: n.candidate_name,
      proposer: n.proposer_name,
      seconder: n.seconder_name,
      /** Whether the viewer is the candidate or proposer, who may not second it. */
      involved: n.proposer_person_id === personId || n.candidate_person_id === personId,
    })),
  };
  return { view, reader };
}

/** The ballots of a body, newest first. */
export async function listBallots(ctx: AppContext, props: { actor: Actor | null; bodyId: string }) {
  const { inTree } = await authorise(ctx.db, props.actor, 'body.participate', props.bodyId);
  const rows = await listBallotsOfBody(ctx.db, props.bodyId);
  return { ballots: rows.map(presentBallot), canRun: can(props.actor, 'body.runBallots', inTree) };
}

/** Whether a receipt's vote is in the box (and, once closed, was counted). */
export async function checkReceipt(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string; receipt: string },
) {
  const { ballot } = await loadVisible(ctx.db, props.actor, props.ballotId);
  const found = await findReceipt(ctx.db, ballot.id, receiptFingerprint(ballot.id, props.receipt));
  return { found: !!found, counted: !!found && ballot.state === 'closed' };
}

/**
 * The anonymised box, published after the close for anyone to recount: every choice with how
 * many papers made it (identical papers are indistinguishable anyway), the receipts'
 * fingerprints in sorted order, and for elections the ballots as a BLT file.
 */
export async function publishedBox(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
) {
  const { ballot } = await loadVisible(ctx.db, props.actor, props.ballotId);
  if (ballot.state !== 'closed')
    throw new DomainError('BALLOT_NOT_OPEN', 'The box is published once the ballot has closed.');
  const { options } = ballot;
  const [box, receipts] = await Promise.all([
    tallyBox(ctx.db, ballot.id),
    listReceipts(ctx.db, ballot.id),
  ]);
  // The file carries the rule and the seed of the lot the published count used, so that
  // `seconded tally` on it repeats that count stage by stage, ties included.
  const count = ballot.result?.kind === 'ranked' ? ballot.result.count : null;
  // An end-to-end election's papers are the rankings decrypted on its board (mixnet-protocol.md).
  const e2ePapers =
    options.kind === 'ranked' && ballot.end_to_end === 1
      ? await rankedPapers(ctx.db, ballot.id)
      : null;
  const blt =
    options.kind === 'ranked'
      ? writeBlt({
          ...(e2ePapers ??
            profileFromRankings({
              title: ballot.question,
              candidates: options.candidates,
              seats: options.seats,
              ballots: box.map((b) => ({
                weight: b.weight,
                ranking: b.choice.split(' ').map(Number),
              })),
            })),
          notes: countNotes({ method: count?.method ?? options.method, seed: count?.seed }),
        })
      : null;
  return {
    ballotId: ballot.id,
    question: ballot.question,
    choices: box,
    receipts: receipts.map((r) => r.fingerprint),
    blt,
  };
}

/** The published papers of a counted end-to-end election, read from its board's result. */
async function rankedPapers(db: Db, ballotId: string) {
  const rows = await listBoardEventsOfTypes(db, ballotId, ['setup', 'result']);
  const setup = rows.find((r) => r.type === 'setup');
  const result = rows.find((r) => r.type === 'result');
  if (!setup || !result) return null;
  const { rankings } = JSON.parse(result.payload) as { rankings: number[][] };
  return rankedProfile(JSON.parse(setup.payload) as RankedSetup, rankings);
}

/** A ballot as one person sees it: with turnout, their own part, and nominations. */
export type BallotForViewer = Awaited<ReturnType<typeof viewBallot>>;
