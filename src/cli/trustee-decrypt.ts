/**
 * `seconded trustee decrypt BOARD DECRYPTION_OUT --trustee K --key KEYFILE [--threads N]`
 *
 * A key holder's decryption of a ranked ballot's shuffled ballots on their own machine
 * (docs/mixnet-protocol.md section 4), for an election too large for their page: checks every
 * shuffle on the board with the verifier's check, opens the key holder's share from the key file
 * their page saved (the shares sealed to them on the board, as the page opens them), checks it
 * against their verification key on the board, and proves their factor of every ciphertext of
 * the last shuffle (Chaum–Pedersen, mix-count.ts). It writes `{"payload": …}`, the body of
 * `POST /api/v1/ballots/:id/verifiable/decryption`. The key is read here and never written.
 */
import { readFile } from 'node:fs/promises';
import type { MixDecryptionPayload } from '../domain/e2e/mix-count.ts';
import { partialDecryptMixAt } from '../domain/e2e/mix-count.ts';
import {
  readMix,
  type MixBoard,
  type MixEvent,
  type ShufflePayload,
} from '../domain/e2e/mixnet.ts';
import { refuse, systemRandom } from '../domain/e2e/group.ts';
import { openShares, type TrusteePolynomialPayload } from '../domain/e2e/trustees.ts';
import { writeJsonFile } from './json-stream.ts';
import { progressBar } from './progress.ts';
import { checkEarlierShuffles, PARALLEL_FROM, shufflePool } from './shuffle-threads.ts';

/** The key file the key holder's page saves: `seconded-key-BALLOT-K.json`. */
interface KeyFile {
  readonly ballot?: unknown;
  readonly trustee?: unknown;
  readonly secret?: unknown;
}

/**
 * Reads the key file, refusing one made for another ballot or key holder (the page's test,
 * src/client/e2e-trustee.ts), and returns the secret key.
 */
export async function readKeyFile(path: string, ballot: string, trustee: number): Promise<string> {
  const saved = JSON.parse(await readFile(path, 'utf8')) as KeyFile | null;
  if (typeof saved?.secret !== 'string')
    throw refuse(`${path} is not a key file: it has no secret key`);
  if (saved.ballot !== ballot || saved.trustee !== trustee)
    throw refuse(
      `${path} is the key of trustee ${String(saved.trustee)} of ballot ${String(saved.ballot)}, not of trustee ${trustee} of ballot ${ballot}`,
    );
  return saved.secret;
}

export interface DecryptOptions {
  readonly trustee: number;
  readonly threads: number;
  readonly stderr: NodeJS.WritableStream;
  /** Ballots from which the work goes to worker threads (tests lower it). */
  readonly parallelFrom?: number;
}

/**
 * Trustee `trustee`'s partial decryption of the board's last shuffle. Refuses (PROOF_REFUSED, or
 * the verifier's Refusal for a shuffle whose proof does not hold) before any work on the factors
 * when the board is not ready or the key does not open the trustee's share.
 */
export async function decryptBoard(
  board: MixBoard,
  keyFile: string,
  { trustee, threads, stderr, parallelFrom = PARALLEL_FROM }: DecryptOptions,
): Promise<MixDecryptionPayload> {
  const events = board.events;
  const setup = events.find((e) => e.type === 'setup') as MixEvent | undefined;
  const ballotId = (setup?.payload as { ballot?: string } | undefined)?.ballot ?? '';
  // Decryptions already given by other key holders may follow the shuffles: the shuffles are
  // read and checked on the board up to the last of them.
  const lastShuffle = events.findLastIndex((e) => e.type === 'shuffle');
  if (!setup || lastShuffle < 0) throw refuse('no key holder has shuffled this board yet');
  const { state, earlier } = readMix({ ...board, events: events.slice(0, lastShuffle + 1) });
  if (state.shuffled < state.trustees)
    throw refuse(
      `${state.shuffled} of ${state.trustees} key holders have shuffled: the ballots are decrypted once every one has`,
    );
  if (trustee > state.trustees)
    throw refuse(`the ballot has ${state.trustees} key holders, not ${trustee}`);
  const secret = await readKeyFile(keyFile, ballotId, trustee);
  const share = openedShare(events, setup.hash, trustee, secret);
  const last = events[lastShuffle]!;
  const ballots = (last.payload as ShufflePayload).ballots;
  const parallel = threads > 1 && ballots.length >= parallelFrom;
  const pool = parallel ? shufflePool(threads) : undefined;
  try {
    await checkEarlierShuffles(earlier, pool, threads);
    // On a terminal the bar adds the elapsed time itself; in a log each line says it.
    const tty = (stderr as { isTTY?: boolean }).isTTY === true;
    const bar = progressBar('Decrypting', stderr, { amounts: amountsSaying(!tty) });
    bar.update(0, ballots.length);
    const task = { shuffleHash: last.hash, trustee, share, ballots };
    const payload = pool
      ? await pool.decrypt(task, (done) => bar.update(done, ballots.length))
      : inThisThread(task, (done) => bar.update(done, ballots.length));
    bar.done();
    return payload;
  } finally {
    await pool?.close();
  }
}

/** "n of N ballots, T s": what the progress line says. */
function amountsSaying(elapsed: boolean) {
  const started = Date.now();
  return (done: number, total: number) =>
    `${done} of ${total} ballots` +
    (elapsed ? `, ${((Date.now() - started) / 1000).toFixed(1)} s` : '');
}

/**
 * The share opened with the key (trustees.ts openShares, which refuses a key that does not open
 * a share sealed to this trustee), and checked against the verification key the trustee put on
 * the board: a proof made with any other share would be refused by the server.
 */
function openedShare(events: readonly MixEvent[], setupHash: string, me: number, secret: string) {
  const of = <T>(type: string) => events.filter((e) => e.type === type).map((e) => e.payload as T);
  const opened = openShares(
    setupHash,
    me,
    secret,
    of<TrusteePolynomialPayload>('trustee-polynomial'),
  );
  const published = of<{ trustee: number; verificationKey: string }>('trustee-verification').find(
    (v) => v.trustee === me,
  );
  if (published?.verificationKey !== opened.payload.verificationKey)
    throw refuse(`this key does not give trustee ${me}'s verification key on the board`);
  return opened.share;
}

/** The same slices as the workers', one after another. */
function inThisThread(
  task: { shuffleHash: string; trustee: number; share: string; ballots: ShufflePayload['ballots'] },
  onProgress: (done: number) => void,
): MixDecryptionPayload {
  const factors: MixDecryptionPayload['factors'][number][] = [];
  const proofs: MixDecryptionPayload['proofs'][number][] = [];
  const SLICE = 50;
  for (let from = 0; from < task.ballots.length; from += SLICE) {
    const slice = task.ballots.slice(from, from + SLICE);
    const part = partialDecryptMixAt(
      systemRandom,
      task.shuffleHash,
      task.trustee,
      task.share,
      slice,
      from,
    );
    factors.push(...part.factors);
    proofs.push(...part.proofs);
    onProgress(from + slice.length);
  }
  return { trustee: task.trustee, factors, proofs };
}

/** Writes the body the decryption API takes. */
export async function writeDecryption(path: string, payload: MixDecryptionPayload) {
  // Streamed, the same bytes as JSON.stringify: 400,000 ballots' factors and proofs are more
  // text than one string holds.
  await writeJsonFile(path, { payload });
}
