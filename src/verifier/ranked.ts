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

/**
 * A ranked board's events checked one at a time as they are given (`add`), then everything that
 * needs the whole (`finish`): the verdict is the one verifyRankedBoard gives for the same events.
 * Every `batch` cast ballots, their range proofs are checked and then dropped, only their
 * ciphertexts kept, so that a board read as a stream (a 400,000-ballot election's cast ballots
 * are gigabytes of proofs) is held as little more than its ciphertexts. The first failure is
 * still the one in board order: a ballot's proof before the pass's failure, which stops the pass.
 */
export function rankedVerifier(
  options: RankedOptions = {},
  { batch = Infinity, total }: { batch?: number; total?: number } = {},
) {
  const s = emptyRanked();
  let prev = ZERO_HASH;
  let count = 0;
  let failure: { index: number; reason: string } | undefined;
  let ballotFailure: { index: number; reason: string } | null = null;
  let checkedUpTo = 0;
  let ballotsDone = 0;
  let ballotsGiven = 0;
  // What naming an event, and recognising one already checked, need of it.
  const names: string[] = [];
  const hashes: unknown[] = [];
  const known = (index: number) => options.checked?.has(hashes[index] as string) ?? false;

  /** The range proofs of the ballots given since the last batch; then only their ciphertexts. */
  async function checkBatch() {
    const from = checkedUpTo;
    const to = s.rankedBallots.length;
    if (to === from) return;
    if (!ballotFailure) {
      const context: RankedContext = {
        openHash: s.open!.hash,
        electionKey: s.open!.key,
        candidates: s.setup!.choices.length,
        positions: s.ranked!.positions,
      };
      const fresh = s.rankedBallots.slice(from, to).filter((b) => !known(b.index));
      const base = ballotsDone;
      ballotsGiven += fresh.length;
      const progress = (done: number) => {
        ballotsDone = base + done;
        options.onProgress?.('ballots', ballotsDone, ballotsGiven);
      };
      const checked = options.checkBallots
        ? await options.checkBallots(context, fresh, progress)
        : checkRankedBallots(context, fresh, progress);
      ballotFailure = checked.failure;
    }
    if (batch !== Infinity)
      for (let j = from; j < to; j++) {
        const choices = (s.rankedBallots[j]!.ballot as { choices: unknown }).choices;
        s.rankedBallots[j] = { index: s.rankedBallots[j]!.index, ballot: { choices } };
        s.ballots[j] = { ...s.ballots[j]!, ballot: { choices } };
      }
    checkedUpTo = to;
  }

  return {
    /** The next event of the board, as parsed JSON. */
    async add(raw: unknown): Promise<void> {
      const i = count++;
      names.push(name(i, raw));
      if (options.checked) hashes.push((raw as { hash?: unknown } | null)?.hash);
      if (failure) return;
      try {
        const { type, payload, hash } = checkLink(i, raw, prev, ['shuffle']);
        applyRankedEvent(s, i, type, payload, hash);
        prev = hash;
      } catch (e) {
        failure = { index: i, reason: reasonOf(e) };
        return;
      }
      if (i % 1000 === 999) options.onProgress?.('events', i + 1, total ?? i + 1);
      if (s.rankedBallots.length - checkedUpTo >= batch) await checkBatch();
    },
    /** The verdict, once every event is given. */
    async finish(): Promise<RankedVerdict> {
      options.onProgress?.('events', count, count);
      await checkBatch();
      return rest(s, { count, head: prev, failure, ballotFailure, names, known }, options);
    },
  };
}

/** Verifies a ranked ballot's board given as parsed JSON. */
export async function verifyRankedBoard(
  input: unknown,
  options: RankedOptions = {},
): Promise<RankedVerdict> {
  const read = boardEvents(input);
  if ('reason' in read) return { ok: false, item: 'the board', reason: read.reason };
  const verifier = rankedVerifier(options, { total: read.events.length });
  for (const event of read.events) await verifier.add(event);
  return verifier.finish();
}

interface Passed {
  readonly count: number;
  readonly head: string;
  readonly failure: { index: number; reason: string } | undefined;
  readonly ballotFailure: { index: number; reason: string } | null;
  readonly names: readonly string[];
  readonly known: (index: number) => boolean;
}

/** After the pass and the ballots' proofs: the shuffles, decryptions, result and BLT file. */
async function rest(
  s: RankedState,
  { count, head, failure, ballotFailure, names, known }: Passed,
  options: RankedOptions,
): Promise<RankedVerdict> {
  const fail = (index: number, reason: string): RankedVerdict => ({
    ok: false,
    item: names[index]!,
    reason,
  });
  const before = (index: number) => !failure || index < failure.index;
  if (ballotFailure) return fail(ballotFailure.index, ballotFailure.reason);
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
    summary: summarise(s, count, head, counted, options.blt !== undefined),
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
