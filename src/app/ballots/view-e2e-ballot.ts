import { isRankedSetup, type RankedSetup } from '../../domain/ballots/e2e-ranked.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Board } from '../../domain/e2e/index.ts';
import type { Db } from '../../db/database.ts';
import { findBallot, readerInBallot } from '../../db/queries/ballots.ts';
import { findPseudonymOf, listTrustees } from '../../db/queries/ballot-board.ts';
import { heldProxiesAt } from './held-proxies.ts';
import { authoriseOrHide, hideUnless, loadBodyWithTree } from '../common/actor.ts';
import { keptAt, versionFor } from '../common/kept-views.ts';
import { type AppContext, today } from '../common/context.ts';
import { type E2eState, notEndToEnd, readBoard, readState, shapeOf } from './board.ts';
import { boardJson } from './board-slices.ts';

/** The last shuffle's output once every trustee has shuffled: what the trustees decrypt. */
function lastShuffle(state: E2eState) {
  const last = state.shuffles.at(-1);
  if (!last || state.shuffles.length < state.setup.payload.trustees.length) return null;
  return { hash: last.hash, ballots: last.payload.ballots };
}

/** An end-to-end ballot, for whoever may see its ballots (as view-ballot.ts decides). */
async function loadVisibleE2e(db: Db, actor: Actor | null, ballotId: string) {
  const ballot = await findBallot(db, ballotId);
  if (!ballot) throw notFound('That ballot');
  await authoriseOrHide(db, actor, 'body.participate', ballot.body_id, 'That ballot');
  if (ballot.end_to_end !== 1) throw notEndToEnd();
  return ballot;
}

/**
 * The ballot's bulletin board (docs/e2e-protocol.md section 5), whole: what `seconded
 * verify-ballot` and the verifying page check, and where each voter finds their tracker.
 */
export async function viewBoard(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
): Promise<Board> {
  const ballot = await loadVisibleE2e(ctx.db, props.actor, props.ballotId);
  return readBoard(ctx.db, ballot.id);
}

/**
 * viewBoard as the JSON it is served as, in pieces (board-slices.ts `boardJson`): the same bytes
 * as JSON.stringify of viewBoard's answer, without ever holding the board as one string.
 */
export async function viewBoardJson(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
): Promise<AsyncIterable<string>> {
  const ballot = await loadVisibleE2e(ctx.db, props.actor, props.ballotId);
  return boardJson(ctx.db, ballot.id);
}

/** The count as the board's `result` event holds it (docs/e2e-protocol.md, section 5). */
export interface BoardResult {
  readonly counts: readonly number[];
  readonly trustees: readonly number[];
  readonly voted: number;
  readonly weight: number;
  /** The winning choice's index, `tie`, or a yes/no question's outcome. */
  readonly outcome: string;
}

/**
 * What a trustee's or a voter's device needs, without the ballots: the setup hash, every key and
 * polynomial (a trustee makes their polynomial from the keys and opens their shares from the
 * polynomials), the opening's hash and election key (a voter encrypts under it), the encrypted
 * totals (the trustees decrypt them), the stage, and the viewer's own part: their trustee number
 * and their pseudonym, which only they are shown, and the pseudonym of each member whose proxy
 * they hold, under which their device seals that member's ballot (docs/e2e-protocol.md,
 * "Proxies").
 */
export async function viewE2eBallot(
  ctx: AppContext,
  props: { actor: Actor | null; ballotId: string },
) {
  return viewE2eBallotAt(ctx, await versionFor(ctx), props);
}

/**
 * viewE2eBallot at a data version: the board's state and the trustees kept for every reader
 * (kept-views.ts), the reader's own part (pseudonym, vote, proxies) read for each request.
 */
export async function viewE2eBallotAt(
  ctx: AppContext,
  version: string | null,
  props: { actor: Actor | null; ballotId: string },
  /** The reader's part, when the ballot page has read it already (readerInBallot). */
  known?: Awaited<ReturnType<typeof readerInBallot>> | null,
) {
  const shared = await keptAt(ctx, version, `e2e ballot ${props.ballotId}`, async () => {
    const ballot = await findBallot(ctx.db, props.ballotId);
    if (!ballot) throw notFound('That ballot');
    const loaded = await loadBodyWithTree(ctx.db, ballot.body_id).catch(() => {
      throw notFound('That ballot');
    });
    if (ballot.end_to_end !== 1) return { ballot, loaded, board: null };
    const [state, trustees] = await Promise.all([
      readState(ctx.db, ballot.id),
      listTrustees(ctx.db, ballot.id),
    ]);
    return { ballot, loaded, board: { state, trustees } };
  });
  const { ballot } = shared;
  hideUnless(props.actor, 'body.participate', shared.loaded, 'That ballot');
  if (!shared.board) throw notEndToEnd();
  const { state, trustees } = shared.board;
  const personId = props.actor?.personId;
  const [reader, proxies] = await Promise.all([
    !personId
      ? null
      : (known ??
        readerInBallot(ctx.db, {
          ballotId: ballot.id,
          bodyId: ballot.body_id,
          personId,
          today: today(ctx),
        })),
    personId ? heldProxies(ctx, version, ballot.id, personId) : [],
  ]);
  const mine = reader?.pseudonym;
  const voted = reader?.voted ?? false;
  const did = (list: readonly { trustee: number }[], index: number) =>
    list.some((x) => x.trustee === index);
  const setup = state.setup.payload;
  return {
    ballotId: ballot.id,
    state: ballot.state,
    stage: state.progress.stage,
    question: setup.question,
    choices: setup.choices,
    shape: shapeOf(setup),
    ranked: isRankedSetup(setup)
      ? {
          positions: (setup as unknown as RankedSetup).positions,
          seats: (setup as unknown as RankedSetup).seats,
        }
      : null,
    shuffled: lastShuffle(state),
    /** How many key holders have shuffled an election's ballots, and decrypted, so far. */
    shuffles: state.progress.done.shuffles,
    decryptions: state.progress.done.partials,
    rule: setup.rule,
    needed: setup.needed,
    weighted: ballot.weighted === 1,
    setupHash: state.setup.hash,
    openHash: state.open?.hash ?? null,
    electionKey: state.open?.payload.electionKey ?? null,
    electors: state.open?.payload.electorate.length ?? null,
    trustees: trustees.map((t) => ({
      index: t.trustee,
      name: t.name,
      key: did(state.keys, t.trustee),
      polynomial: did(state.polynomials, t.trustee),
      verified: did(state.verifications, t.trustee),
      decrypted: did(state.partials, t.trustee),
    })),
    keys: state.keys,
    polynomials: state.polynomials,
    totals: state.total?.payload.ciphertexts ?? null,
    result: (state.result?.payload ?? null) as BoardResult | null,
    me: {
      trustee: trustees.find((t) => t.person_id === personId)?.trustee ?? null,
      pseudonym: mine?.pseudonym ?? null,
      weight: mine?.weight ?? null,
      voted,
      proxies: mine ? proxies : [],
    },
  };
}

/**
 * The proxies the viewer holds in the ballot, each with its giver's pseudonym once the ballot is
 * open (a giver not on the electorate has none, and no vote to give), and whether it was used.
 */
async function heldProxies(
  ctx: AppContext,
  version: string | null,
  ballotId: string,
  holderId: string,
) {
  const held = await heldProxiesAt(ctx, version, ballotId, holderId);
  const withPseudonyms = await Promise.all(
    held.map(async (p) => ({ ...p, on: await findPseudonymOf(ctx.db, ballotId, p.giverId) })),
  );
  return withPseudonyms.flatMap(({ on, ...p }) =>
    on ? [{ ...p, pseudonym: on.pseudonym, weight: on.weight }] : [],
  );
}
