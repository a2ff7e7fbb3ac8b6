/**
 * The whole check of a ranked ballot's board (docs/mixnet-protocol.md section 6), trusting
 * nothing on it: the hash chain and the order of events; the setup, the trustees' keys and the
 * electorate as for any board (e2e-protocol.md section 5); every cast ballot's range proofs; every
 * shuffle's proof, in trustee order, from the cast ballots to the last shuffle; every trustee's
 * proof for its factor of each shuffled ciphertext; the result's rankings recombined from the
 * first t decryptions; the published BLT file paper for paper, with its rule and seed; and a
 * recount of the papers by the board's rule, with the lot seeded by digest(the last shuffle's
 * hash), which must elect the declared candidates in the declared order.
 *
 * The recount is the one thing passed in (`recount`): the counting rules are the project's
 * published, pure ones (src/domain/tally, as `seconded tally` runs them), which the CLI hands in,
 * so that this folder keeps importing nothing but @noble and its own files and still runs in a
 * page. Every cryptographic check is this folder's own.
 */
import { boardEvents, checkLink, describe, emptyState, reasonOf, ZERO_HASH } from './board.ts';
import { digest, Refusal } from './group.ts';
import {
  checkRankedBallots,
  type RankedChecked,
  type RankedContext,
  type RankedItem,
} from './ranked-ballots.ts';
import { applyRankedEvent, type RankedState } from './ranked-board.ts';
import {
  checkBlt,
  checkMixPartial,
  checkRankings,
  decodeShuffled,
  paperOf,
} from './ranked-count.ts';
import { integer, list } from './shape.ts';
import type { ShuffleChecker } from './mixnet.ts';
import { checkShuffle, type CiphertextHex } from './shuffle.ts';

/** The published papers a recount reads, and the rule and seed it uses. */
export interface RecountInput {
  readonly title: string;
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly rule: string;
  readonly seed: string;
  /** Each non-empty paper: candidates from 0, best first. */
  readonly papers: readonly (readonly number[])[];
}

/** What a recount gives: the elected in order of election, and each stage in words. */
export interface Recounted {
  readonly winners: readonly number[];
  readonly stages: readonly string[];
}

export type Recount = (input: RecountInput) => Recounted;

export interface RankedOptions {
  /** Counts the papers by the rule (the CLI passes src/domain/tally's count). */
  readonly recount?: Recount;
  /** The published BLT file's text (/ballots/:id/box.blt), to compare with the board. */
  readonly blt?: string;
  /**
   * Hashes of events whose proofs this verifier already found to hold on an earlier read of the
   * same board (a watcher re-reading a board as it grows): their proofs are not checked again,
   * everything else is. Sound because an event's hash covers every event before it.
   */
  readonly checked?: ReadonlySet<string>;
  readonly onProgress?: (stage: 'events' | 'ballots', done: number, total: number) => void;
  /** Checks a shuffle's proof (in this thread, or split between workers: checkShuffleWith). */
  readonly checkShuffle?: ShuffleChecker;
  /** Checks the ballots' range proofs (in this thread, or split between workers). */
  readonly checkBallots?: (
    context: RankedContext,
    items: readonly RankedItem[],
    onProgress: (done: number) => void,
  ) => Promise<RankedChecked>;
}

export interface RankedSummary {
  readonly ballot: string;
  readonly question: string;
  readonly candidates: readonly string[];
  readonly seats: number;
  readonly rule: string;
  readonly trustees: readonly { readonly index: number; readonly name: string }[];
  readonly needed: number;
  readonly electors: number;
  readonly ballots: number;
  readonly stage: 'setup' | 'keys' | 'open' | 'closed' | 'shuffling' | 'decrypting' | 'counted';
  readonly shuffledBy: readonly number[];
  readonly decryptedBy: readonly number[];
  /** Present when counted: the papers (non-empty rankings), the seed, the elected, the stages. */
  readonly papers?: number;
  readonly seed?: string;
  readonly elected?: readonly number[];
  readonly stages?: readonly string[];
  /** Whether a BLT file was given and matched. */
  readonly bltChecked: boolean;
  readonly trackers: readonly string[];
  readonly events: number;
  readonly head: string;
}

export type RankedVerdict =
  | { readonly ok: true; readonly summary: RankedSummary }
  | { readonly ok: false; readonly item: string; readonly reason: string };

const name = (index: number, event: unknown): string => {
  const type = (event as { type?: unknown } | null)?.type;
  return type === 'shuffle' ? `event ${index} (shuffle)` : describe(index, event);
};

const emptyRanked = (): RankedState => ({
  ...emptyState(),
  rankedBallots: [],
  shuffles: [],
  mixPartials: [],
});

/** The ordered pass: the chain and every event's shape and order; the first failure, if any. */
function readEvents(events: readonly unknown[], s: RankedState, options: RankedOptions) {
  let prev = ZERO_HASH;
  for (let i = 0; i < events.length; i++) {
    try {
      const { type, payload, hash } = checkLink(i, events[i], prev, ['shuffle']);
      applyRankedEvent(s, i, type, payload, hash);
      prev = hash;
    } catch (e) {
      return { failure: { index: i, reason: reasonOf(e) }, head: prev };
    }
    if (i % 1000 === 999) options.onProgress?.('events', i + 1, events.length);
  }
  options.onProgress?.('events', events.length, events.length);
  return { failure: undefined, head: prev };
}

/** Verifies a ranked ballot's board given as parsed JSON. */
export async function verifyRankedBoard(
  input: unknown,
  options: RankedOptions = {},
): Promise<RankedVerdict> {
  const read = boardEvents(input);
  if ('reason' in read) return { ok: false, item: 'the board', reason: read.reason };
  const { events } = read;
  const s = emptyRanked();
  const { failure, head } = readEvents(events, s, options);
  const fail = (index: number, reason: string): RankedVerdict => ({
    ok: false,
    item: name(index, events[index]),
    reason,
  });
  const before = (index: number) => !failure || index < failure.index;
  const known = (index: number) =>
    options.checked?.has((events[index] as { hash: string }).hash) ?? false;

  // The expensive checks, in board order, on the events before any failure of the pass.
  if (s.rankedBallots.length > 0) {
    const context: RankedContext = {
      openHash: s.open!.hash,
      electionKey: s.open!.key,
      candidates: s.setup!.choices.length,
      positions: s.ranked!.positions,
    };
    const fresh = s.rankedBallots.filter((b) => !known(b.index));
    const progress = (done: number) => options.onProgress?.('ballots', done, fresh.length);
    const checked = options.checkBallots
      ? await options.checkBallots(context, fresh, progress)
      : checkRankedBallots(context, fresh, progress);
    if (checked.failure) return fail(checked.failure.index, checked.failure.reason);
  }
  let list_: CiphertextHex[][] = s.rankedBallots.map(
    (b) => (b.ballot as { choices: CiphertextHex[] }).choices,
  );
  for (const shuffle of s.shuffles.filter((x) => before(x.index))) {
    try {
      const { payload: p, trustee } = shuffle;
      list_ = known(shuffle.index)
        ? (p.ballots as CiphertextHex[][])
        : options.checkShuffle
          ? await options.checkShuffle(
              `${s.open!.hash}|${trustee}`,
              s.open!.key,
              list_,
              p.ballots,
              p.proof,
            )
          : checkShuffle(`${s.open!.hash}|${trustee}`, s.open!.key, list_, p.ballots, p.proof);
    } catch (e) {
      return fail(shuffle.index, reasonOf(e));
    }
  }
  const last = s.shuffles.at(-1);
  const decoded =
    last && s.shuffles.length === s.setup?.trustees.length ? decodeShuffled(list_) : [];
  const partials: { trustee: number; factors: ReturnType<typeof checkMixPartial> }[] = [];
  for (const d of s.mixPartials.filter((x) => before(x.index))) {
    try {
      const h = s.verificationKeys.get(d.trustee)!;
      partials.push({
        trustee: d.trustee,
        factors: checkMixPartial(last!.hash, d.trustee, h, decoded, d.payload, !known(d.index)),
      });
    } catch (e) {
      return fail(d.index, reasonOf(e));
    }
  }
  if (failure) return fail(failure.index, failure.reason);
  let counted: Pick<RankedSummary, 'papers' | 'seed' | 'elected' | 'stages'> = {};
  if (s.rankedResult) {
    try {
      counted = checkRankedResult(s, decoded, partials, options);
    } catch (e) {
      return fail(s.rankedResult.index, reasonOf(e));
    }
    if (options.blt !== undefined) {
      try {
        checkBlt(options.blt, {
          candidates: s.setup!.choices,
          seats: s.ranked!.seats,
          papers: papersOf(s),
          rule: s.ranked!.rule,
          seed: counted.seed!,
        });
      } catch (e) {
        return { ok: false, item: 'the BLT file', reason: reasonOf(e) };
      }
    }
  } else if (options.blt !== undefined) {
    return {
      ok: false,
      item: 'the BLT file',
      reason: 'the board has no result to compare it with',
    };
  }
  return {
    ok: true,
    summary: summarise(s, events.length, head, counted, options.blt !== undefined),
  };
}

const papersOf = (s: RankedState): number[][] =>
  (s.rankedResult!.payload.rankings as number[][]).map(paperOf).filter((p) => p.length > 0);

/** Section 4, `result`: its trustees, its rankings against the decryption, and the recount. */
function checkRankedResult(
  s: RankedState,
  decoded: ReturnType<typeof decodeShuffled>,
  partials: { trustee: number; factors: ReturnType<typeof checkMixPartial> }[],
  options: RankedOptions,
): Pick<RankedSummary, 'papers' | 'seed' | 'elected' | 'stages'> {
  const p = s.rankedResult!.payload;
  const setup = s.setup!;
  const combined = partials.slice(0, s.rankedBallots.length ? setup.needed : 0);
  const trustees = list(p.trustees, 'the trustees').map((t, i) => integer(t, `trustee ${i}`));
  const expected = combined.map((d) => d.trustee);
  if (trustees.join(',') !== expected.join(','))
    throw new Refusal(
      `the trustees combined are [${trustees.join(', ')}] where the first ${expected.length} to decrypt are [${expected.join(', ')}]`,
    );
  checkRankings(decoded, combined, setup.choices.length, p.rankings);
  const seed = digest(s.shuffles.at(-1)?.hash ?? s.closeHash!);
  const outcome = list(p.outcome, 'the outcome').map((c, i) =>
    integer(c, `elected ${i + 1}`, 0, setup.choices.length - 1),
  );
  const papers = papersOf(s);
  if (!options.recount) return { papers: papers.length, seed, elected: outcome };
  const recount = options.recount({
    title: setup.question,
    candidates: setup.choices,
    seats: s.ranked!.seats,
    rule: s.ranked!.rule,
    seed,
    papers,
  });
  if (recount.winners.join(',') !== outcome.join(','))
    throw new Refusal(
      `the outcome elects [${outcome.join(', ')}] where the recount by ${s.ranked!.rule} with the seed ${seed} elects [${recount.winners.join(', ')}], in that order`,
    );
  return { papers: papers.length, seed, elected: outcome, stages: recount.stages };
}

function summarise(
  s: RankedState,
  events: number,
  head: string,
  counted: Pick<RankedSummary, 'papers' | 'seed' | 'elected' | 'stages'>,
  bltChecked: boolean,
): RankedSummary {
  const setup = s.setup!;
  const stage: RankedSummary['stage'] = s.rankedResult
    ? 'counted'
    : s.mixPartials.length
      ? 'decrypting'
      : s.shuffles.length
        ? 'shuffling'
        : s.closed
          ? 'closed'
          : s.open
            ? 'open'
            : s.keys.size
              ? 'keys'
              : 'setup';
  return {
    ballot: setup.ballot,
    question: setup.question,
    candidates: setup.choices,
    seats: s.ranked!.seats,
    rule: s.ranked!.rule,
    trustees: setup.trustees,
    needed: setup.needed,
    electors: s.open?.electors ?? 0,
    ballots: s.rankedBallots.length,
    stage,
    shuffledBy: s.shuffles.map((x) => x.trustee),
    decryptedBy: s.mixPartials.map((x) => x.trustee),
    ...counted,
    bltChecked,
    trackers: s.trackers.map((t) => t.tracker),
    events,
    head,
  };
}
