/**
 * `seconded verify-ballot FILE_OR_URL [--tracker T] [--threads N] [--blt FILE_OR_URL]`
 *
 * Reads an end-to-end ballot's bulletin board from a file or a URL and checks it with the
 * independent verifier in src/verifier (which shares no code with the server beyond the noble
 * primitives). The ballots' proofs, nearly all the work, are split between worker threads.
 * Exit codes: 0 the board holds, 1 it does not ("FAILED at <item>: <reason>"), 64 usage,
 * 66 the file or URL cannot be read.
 */
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { decodeSum } from '../verifier/ballots.ts';
import { boardEvents } from '../verifier/board.ts';
import {
  checkBallots,
  verifyBoard,
  type BallotChecker,
  type BallotsChecked,
  type Summary,
} from '../verifier/index.ts';
import { hasShuffles, verifyShuffledBoard } from '../verifier/mixnet.ts';
import { rankedVerifier, type RankedOptions, type RankedVerdict } from '../verifier/ranked.ts';
import { isRankedBoard } from '../verifier/ranked-board.ts';
import { checkShuffleWith } from '../verifier/shuffle.ts';
import { PARALLEL_FROM, shufflePool } from './shuffle-threads.ts';
import { EXIT, UsageError, type Command, type Parsed } from './command.ts';
import { fileChunks, parseJsonStream } from './json-stream.ts';
import { progressBar } from './progress.ts';
import { describeRanked, recountByTally } from './verify-ranked.ts';

export interface VerifyIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly isTTY: boolean;
}

export const VERIFY_BALLOT: Command = {
  name: 'verify-ballot',
  summary: "Check an end-to-end ballot's public board: every proof, the total and the result",
  synopsis: 'FILE_OR_URL [--tracker T] [--threads N] [--blt FILE_OR_URL]',
  help: `Reads the bulletin board of an end-to-end ballot (a file, or the address of its board,
e.g. https://example.org/ballots/ID/board) and checks, trusting nothing on it: the hash chain
and the order of events, every encoding, the trustees' keys and proofs, every ballot's proofs
and that each pseudonym of the electorate voted at most once, the weighted total recomputed
from the ballots, each trustee's partial decryption, the counts and the outcome. The checks
follow docs/e2e-protocol.md and share no code with the server.

A ranked election's board (docs/mixnet-protocol.md) is checked from the cast ballots to the
count: every ballot's range proofs, every trustee's shuffle proof in turn, every trustee's
decryption proof of each shuffled ballot, the published rankings against the decryption, and a
recount of the papers by the board's rule (the rules of \`seconded tally\`) with the lot seeded
by the last shuffle, which must elect the declared candidates in order; the recount is printed
stage by stage.

Prints the question, the counts, the outcome, the ballots and the trustees and exits 0 when
everything holds; prints "FAILED at <item>: <reason>" naming the first item that does not
hold and exits 1. Exit 64 for bad usage, 66 when the file or address cannot be read.

  --tracker T   also say whether the ballot with this tracker (your receipt) is on the board;
                exit 1 if it is not
  --threads N   worker threads for the ballots' proofs (default: one per core)
  --blt F       a ranked election's published ballot file (its box.blt): also check that it
                holds exactly the decrypted papers, with the board's rule and seed`,
  options: { tracker: { type: 'string' }, threads: { type: 'string' }, blt: { type: 'string' } },
  positionals: ['FILE_OR_URL'],
};

/**
 * Runs the ballots' checks in `threads` worker threads, each a contiguous slice, in order; with
 * fewer than `parallelFrom` ballots, in this thread.
 */
export function workerChecker(threads: number, parallelFrom = PARALLEL_FROM): BallotChecker {
  return async (context, items, onProgress) => {
    if (threads <= 1 || items.length < parallelFrom)
      return checkBallots(context, items, onProgress);
    const size = Math.ceil(items.length / threads);
    const slices = Array.from({ length: threads }, (_, i) => items.slice(i * size, (i + 1) * size));
    const done = slices.map(() => 0);
    const results = await Promise.all(
      slices.map(
        (slice, i) =>
          new Promise<BallotsChecked>((resolve, reject) => {
            const worker = new Worker(new URL('./verify-ballot-worker.js', import.meta.url), {
              workerData: { context, items: slice },
            });
            worker.on('message', (m: { done?: number; result?: BallotsChecked }) => {
              if (m.done !== undefined) {
                done[i] = m.done;
                onProgress(done.reduce((a, b) => a + b, 0));
              }
              if (m.result) {
                resolve(m.result);
                void worker.terminate();
              }
            });
            worker.on('error', reject);
          }),
      ),
    );
    const failure = results.find((r) => r.failure)?.failure ?? null;
    const totals = results[0]!.totals.map((_, k) => {
      let alpha = decodeSum(results[0]!.totals[k]!.alpha);
      let beta = decodeSum(results[0]!.totals[k]!.beta);
      for (const r of results.slice(1)) {
        alpha = alpha.add(decodeSum(r.totals[k]!.alpha));
        beta = beta.add(decodeSum(r.totals[k]!.beta));
      }
      return { alpha: alpha.toHex(), beta: beta.toHex() };
    });
    return { failure, totals };
  };
}

async function readBoard(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { headers: { accept: 'application/json' } });
    if (!response.ok)
      throw new Error(`the server answered ${response.status} ${response.statusText}`);
    return response.text();
  }
  return readFile(source, 'utf8');
}

/** The summary of a board that holds, for people. */
export function describeSummary(s: Summary): string {
  const out = [`Ballot ${s.ballot}: the board holds (${s.events} events, last hash ${s.head}).`];
  out.push(`Question: ${s.question}`);
  const width = Math.max(...s.choices.map((c) => c.length));
  if (s.counts) {
    out.push('Counts (weight cast):');
    s.choices.forEach((c, k) => out.push(`  ${c.padEnd(width)}  ${s.counts![k]}`));
    const outcome =
      s.rule === 'most-votes' && /^\d+$/.test(s.outcome!)
        ? `${s.choices[Number(s.outcome)]} has the most votes`
        : s.outcome;
    out.push(`Outcome: ${outcome} (${s.rule})`);
  } else {
    const where = {
      setup: 'set up',
      keys: 'making keys',
      open: 'open for voting',
      closed: 'closed',
      decrypting: 'being decrypted',
      counted: 'counted',
    }[s.stage];
    out.push(`No result yet: the board ends while the ballot is ${where}; everything on it holds.`);
  }
  out.push(`Ballots: ${s.ballots} of ${s.electors} electors, weight ${s.weight}.`);
  const names = s.trustees.map((t) => `${t.index} ${t.name}`).join(', ');
  const by = s.decryptedBy?.length ? `; decrypted by ${s.decryptedBy.join(', ')}` : '';
  out.push(`Trustees: ${names} (any ${s.needed} can count)${by}.`);
  return `${out.join('\n')}\n`;
}

function threadsOption(values: Parsed['values']): number {
  const given = values.threads as string | undefined;
  if (given === undefined) return availableParallelism();
  if (!/^\d+$/.test(given) || Number(given) < 1 || Number(given) > 64)
    throw new UsageError(`--threads needs a whole number from 1 to 64, got "${given}"`);
  return Number(given);
}

/** Cast ballots whose range proofs are checked together, then dropped, as the board streams in. */
const RANKED_BATCH = 4096;

/**
 * A ranked ballot's board (docs/mixnet-protocol.md section 6), with its BLT file if given,
 * checked as it is read: `eachEvent` hands each event to the verifier (rankedVerifier, which
 * keeps of a cast ballot only its ciphertexts once its proofs are checked) and keeps nothing of
 * it; `report` gives the verdict once the whole file is read. A board whose first event is not a
 * ranked setup is left whole, for the plain check.
 */
function rankedOnTheFly(
  values: Parsed['values'],
  io: VerifyIo,
  { large, threads }: { large: boolean; threads: number },
) {
  const bltSource = values.blt as string | undefined;
  // Read now, its failure told where the one-string reading told it (after the board's JSON).
  const blt =
    bltSource === undefined
      ? Promise.resolve(undefined)
      : readBoard(bltSource).then(
          (text) => ({ text }),
          (e: Error) => ({ error: e.message }),
        );
  const bars = {
    events: progressBar('Reading the events', io.stderr, { tty: io.isTTY }),
    ballots: progressBar("Checking the ballots' proofs", io.stderr, { tty: io.isTTY }),
  };
  let ranked = false;
  let bltError: string | undefined;
  let verifier: ReturnType<typeof rankedVerifier> | undefined;
  let pool: ReturnType<typeof shufflePool> | undefined;

  async function start() {
    const read = await blt;
    if (read && 'error' in read) {
      bltError = read.error;
      return;
    }
    // The ballots' range proofs and each shuffle's proof over worker threads when the board is
    // large (shuffle-threads.ts).
    pool = threads > 1 && large ? shufflePool(threads) : undefined;
    const shared = pool;
    const options: RankedOptions = {
      recount: recountByTally,
      ...(shared
        ? {
            checkShuffle: (...args) => checkShuffleWith(shared.check, threads, ...args),
            checkBallots: shared.checkRanked,
          }
        : {}),
      ...(read ? { blt: read.text } : {}),
      ...(large
        ? {
            onProgress: (stage: 'events' | 'ballots', done: number, total: number) =>
              bars[stage].update(done, total),
          }
        : {}),
    };
    verifier = rankedVerifier(options, { batch: RANKED_BATCH });
  }

  return {
    isRanked: () => ranked,
    eachEvent: async (event: unknown, index: number): Promise<unknown> => {
      if (index === 0) {
        ranked = isRankedBoard({ events: [event] });
        if (ranked) await start();
      }
      if (!ranked) return event;
      await verifier?.add(event);
      return null;
    },
    close: async () => pool?.close(),
    async report(board: unknown): Promise<number> {
      try {
        if (bltError !== undefined) {
          io.stderr.write(`seconded verify-ballot: cannot read ${bltSource}: ${bltError}\n`);
          return EXIT.noInput;
        }
        // The board's own shape first, as verifyRankedBoard checks it (its events were given).
        const read = boardEvents(board);
        const verdict: RankedVerdict =
          'reason' in read
            ? { ok: false, item: 'the board', reason: read.reason }
            : await verifier!.finish();
        if (large) {
          bars.events.done();
          bars.ballots.done();
        }
        if (!verdict.ok) {
          io.stdout.write(`FAILED at ${verdict.item}: ${verdict.reason}\n`);
          return EXIT.broken;
        }
        io.stdout.write(describeRanked(verdict.summary));
        return trackerFound(values, verdict.summary, io);
      } finally {
        await pool?.close();
      }
    },
  };
}

/** With --tracker: whether that ballot is on the board (exit 1 if not). */
function trackerFound(
  values: Parsed['values'],
  summary: { readonly trackers: readonly string[]; readonly ballots: number },
  io: VerifyIo,
): number {
  const tracker = values.tracker as string | undefined;
  if (tracker === undefined) return EXIT.ok;
  const at = summary.trackers.indexOf(tracker);
  if (at < 0) {
    io.stdout.write(`Tracker ${tracker} is NOT on the board.\n`);
    return EXIT.broken;
  }
  io.stdout.write(`Tracker ${tracker} is on the board: ballot ${at + 1} of ${summary.ballots}.\n`);
  return EXIT.ok;
}

/**
 * The board's bytes, from a file or the board's address, in chunks: a large board is never
 * held as one string (json-stream.ts). With its size when known.
 */
async function boardChunks(
  source: string,
): Promise<{ chunks: AsyncIterable<Uint8Array>; size: number | undefined }> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { headers: { accept: 'application/json' } });
    if (!response.ok || !response.body)
      throw new Error(`the server answered ${response.status} ${response.statusText}`);
    const length = response.headers.get('content-length');
    return { chunks: response.body, size: length === null ? undefined : Number(length) };
  }
  // Its size first: a file that cannot be read is said so before a stream is opened on it.
  const { size } = await stat(source);
  return { chunks: fileChunks(source), size };
}

/** Reads, verifies and reports the board the command line names; returns the exit code. */
export async function verifyBallot(
  { values, positionals }: Parsed,
  io: VerifyIo,
  { wholeUpTo }: { wholeUpTo?: number } = {},
): Promise<number> {
  const source = positionals[0]!;
  const threads = threadsOption(values);
  let input: Awaited<ReturnType<typeof boardChunks>>;
  try {
    input = await boardChunks(source);
  } catch (e) {
    io.stderr.write(`seconded verify-ballot: cannot read ${source}: ${(e as Error).message}\n`);
    return EXIT.noInput;
  }
  // About a hundred ballots: from there the proofs take seconds, worth showing.
  const large = input.size === undefined || input.size > 200_000;
  const ranked = rankedOnTheFly(values, io, { large, threads });
  let board: unknown;
  try {
    ({ value: board } = await parseJsonStream(input.chunks, {
      ...(wholeUpTo === undefined ? {} : { wholeUpTo }),
      eachEvent: ranked.eachEvent,
    }));
  } catch (e) {
    await ranked.close();
    if (!(e instanceof SyntaxError)) {
      io.stderr.write(`seconded verify-ballot: cannot read ${source}: ${(e as Error).message}\n`);
      return EXIT.noInput;
    }
    io.stdout.write(`FAILED at the board: it is not JSON (${e.message})\n`);
    return EXIT.broken;
  }
  if (ranked.isRanked()) return ranked.report(board);
  const bars = {
    events: progressBar('Reading the events', io.stderr, { tty: io.isTTY }),
    ballots: progressBar("Checking the ballots' proofs", io.stderr, { tty: io.isTTY }),
  };
  const options = {
    checkBallots: workerChecker(threads),
    onProgress: large
      ? (stage: 'events' | 'ballots', done: number, total: number) =>
          bars[stage].update(done, total)
      : undefined,
  };
  // A plain board with shuffles appended (docs/mixnet-protocol.md section 3 on its own), each
  // checked over worker threads (shuffle-threads.ts) when it is large.
  const pool = threads > 1 && large ? shufflePool(threads) : undefined;
  const verdict = hasShuffles(board)
    ? await verifyShuffledBoard(board, {
        ...options,
        checkShuffle: pool && ((...args) => checkShuffleWith(pool.check, threads, ...args)),
      }).finally(() => pool?.close())
    : await verifyBoard(board, options);
  if (large) {
    bars.events.done();
    bars.ballots.done();
  }
  if (!verdict.ok) {
    io.stdout.write(`FAILED at ${verdict.item}: ${verdict.reason}\n`);
    return EXIT.broken;
  }
  io.stdout.write(describeSummary(verdict.summary));
  const shuffledBy = (verdict as { shuffledBy?: readonly number[] }).shuffledBy;
  if (shuffledBy) {
    io.stdout.write(
      `Shuffled by trustees ${shuffledBy.join(', ')}: every shuffle's proof holds.\n`,
    );
  }
  return trackerFound(values, verdict.summary, io);
}
