/**
 * An independent verifier of an end-to-end ballot's bulletin board, written from
 * docs/e2e-protocol.md alone. It trusts nothing on the board: it recomputes the hash chain, checks
 * the order of events, every encoding and every proof, recomputes the weighted total from the
 * ballots and the electorate's weights, checks every partial decryption against its trustee's
 * verification key, combines them and finds the counts, and checks the outcome. It names the
 * first item that fails, in board order.
 *
 * It imports nothing but @noble/curves, @noble/hashes and its own files (eslint.config.js fences
 * it), and nothing from Node, so the same code runs in the CLI (`seconded verify-ballot`) and in a
 * page.
 */
import {
  checkBallotsYielding,
  decodeSum,
  type BallotContext,
  type BallotItem,
  type BallotsChecked,
} from './ballots.ts';
import {
  applyEvent,
  boardEvents,
  checkLink,
  describe,
  emptyState,
  reasonOf,
  ZERO_HASH,
  type BoardState,
} from './board.ts';
import { decryptCounts } from './count.ts';
import { Refusal } from './group.ts';
import { outcomeOf } from './outcome.ts';
import { integer, list } from './shape.ts';

export type { BallotContext, BallotItem, BallotsChecked } from './ballots.ts';
export { checkBallots, checkBallotsYielding } from './ballots.ts';

export interface Summary {
  readonly ballot: string;
  readonly question: string;
  readonly choices: readonly string[];
  readonly rule: string;
  readonly trustees: readonly { readonly index: number; readonly name: string }[];
  readonly needed: number;
  /** How far the board goes: a board read while voting is open ends before the result. */
  readonly stage: 'setup' | 'keys' | 'open' | 'closed' | 'decrypting' | 'counted';
  readonly electors: number;
  /** Ballots on the board, and the sum of their weights. */
  readonly ballots: number;
  readonly weight: number;
  /** Present when the result is on the board: its counts, outcome and decrypting trustees. */
  readonly counts?: readonly number[];
  readonly outcome?: string;
  readonly decryptedBy?: readonly number[];
  /** Every ballot's tracker, in board order, so a voter can find theirs. */
  readonly trackers: readonly string[];
  readonly events: number;
  /** The hash of the last event: the whole board's fingerprint. */
  readonly head: string;
}

export type Verdict =
  | { readonly ok: true; readonly summary: Summary }
  | { readonly ok: false; readonly item: string; readonly reason: string };

/** Checks a list of ballots (in this thread, or split between workers by the caller). */
export type BallotChecker = (
  context: BallotContext,
  items: readonly BallotItem[],
  onProgress: (done: number) => void,
) => Promise<BallotsChecked>;

export interface VerifyOptions {
  /** Called as the work goes: reading the events, then checking the ballots' proofs. */
  readonly onProgress?: (stage: 'events' | 'ballots', done: number, total: number) => void;
  readonly checkBallots?: BallotChecker;
}

const inThread: BallotChecker = (context, items, onProgress) =>
  checkBallotsYielding(context, items, onProgress);

/** Verifies a board given as parsed JSON. */
export async function verifyBoard(input: unknown, options: VerifyOptions = {}): Promise<Verdict> {
  const read = boardEvents(input);
  if ('reason' in read) return { ok: false, item: 'the board', reason: read.reason };
  const { events } = read;
  const state = emptyState();
  let failure: { index: number; reason: string } | undefined;
  let prev = ZERO_HASH;
  let totalAt = -1;
  for (let i = 0; i < events.length; i++) {
    try {
      const { type, payload, hash } = checkLink(i, events[i], prev);
      applyEvent(state, i, type, payload, hash);
      if (type === 'total') totalAt = i;
      prev = hash;
    } catch (e) {
      failure = { index: i, reason: reasonOf(e) };
      break;
    }
    if (i % 1000 === 999) options.onProgress?.('events', i + 1, events.length);
  }
  options.onProgress?.('events', failure?.index ?? events.length, events.length);
  const fail = (index: number, reason: string): Verdict => ({
    ok: false,
    item: describe(index, events[index]),
    reason,
  });

  if (state.ballots.length > 0) {
    const context: BallotContext = {
      openHash: state.open!.hash,
      electionKey: state.open!.key,
      choices: state.setup!.choices.length,
      min: state.setup!.min,
      max: state.setup!.max,
    };
    const checker = options.checkBallots ?? inThread;
    const total = state.ballots.length;
    const checked = await checker(context, state.ballots, (done) =>
      options.onProgress?.('ballots', done, total),
    );
    if (checked.failure) return fail(checked.failure.index, checked.failure.reason);
    if (totalAt >= 0) {
      const mismatch = state.total!.findIndex((c, k) => {
        const sum = checked.totals[k]!;
        return !decodeSum(sum.alpha).equals(c.alpha.p) || !decodeSum(sum.beta).equals(c.beta.p);
      });
      if (mismatch >= 0)
        return fail(
          totalAt,
          `total ${mismatch} is not the sum of the ballots' choice ${mismatch} times their weights`,
        );
    }
  }
  if (failure) return fail(failure.index, failure.reason);
  if (state.result) {
    try {
      checkResult(state);
    } catch (e) {
      return fail(state.result.index, reasonOf(e));
    }
  }
  return { ok: true, summary: summarise(state, events.length, prev) };
}

/** Section 5.10: the counts decrypted, the trustees combined, the turnout and the outcome. */
function checkResult(s: BoardState) {
  const setup = s.setup!;
  const p = s.result!.payload;
  const k = setup.choices.length;
  const counts = list(p.counts, 'the counts', k).map((c, i) => integer(c, `count ${i}`));
  const trustees = list(p.trustees, 'the trustees').map((t, i) => integer(t, `trustee ${i}`));
  const voted = integer(p.voted, 'voted');
  const weight = integer(p.weight, 'the weight');
  if (voted !== s.ballots.length)
    throw new Refusal(`voted is ${voted} where the board has ${s.ballots.length} ballots`);
  const cast = s.ballots.reduce((sum, b) => sum + b.weight, 0);
  if (weight !== cast)
    throw new Refusal(`the weight is ${weight} where the ballots' weights add up to ${cast}`);
  const combined = s.partials.slice(0, s.ballots.length ? setup.needed : 0);
  const expected = combined.map((d) => d.trustee);
  if (trustees.join(',') !== expected.join(','))
    throw new Refusal(
      `the trustees combined are [${trustees.join(', ')}] where the first ${expected.length} to decrypt are [${expected.join(', ')}]`,
    );
  const decrypted =
    s.ballots.length === 0
      ? counts.map(() => 0)
      : decryptCounts(
          s.total!.map((c) => c.beta.p),
          combined,
          cast,
        );
  decrypted.forEach((n, i) => {
    if (counts[i] !== n)
      throw new Refusal(`count ${i} is ${counts[i]} where the decryption gives ${n}`);
  });
  const outcome = outcomeOf(setup.rule, counts, s.open!.electors);
  if (p.outcome !== outcome)
    throw new Refusal(
      `the outcome is ${JSON.stringify(p.outcome)} where the counts give "${outcome}" by ${setup.rule}`,
    );
}

function summarise(s: BoardState, events: number, head: string): Summary {
  const setup = s.setup!;
  const result = s.result?.payload;
  const stage: Summary['stage'] = result
    ? 'counted'
    : s.total || s.closed
      ? s.partials.length || s.total
        ? 'decrypting'
        : 'closed'
      : s.open
        ? 'open'
        : s.keys.size
          ? 'keys'
          : 'setup';
  return {
    ballot: setup.ballot,
    question: setup.question,
    choices: setup.choices,
    rule: setup.rule,
    trustees: setup.trustees,
    needed: setup.needed,
    stage,
    electors: s.open?.electors ?? 0,
    ballots: s.ballots.length,
    weight: s.ballots.reduce((sum, b) => sum + b.weight, 0),
    ...(result
      ? {
          counts: result.counts as number[],
          outcome: result.outcome as string,
          decryptedBy: result.trustees as number[],
        }
      : {}),
    trackers: s.trackers.map((t) => t.tracker),
    events,
    head,
  };
}
