/**
 * `seconded trustee shuffle BOARD_IN BOARD_OUT [--trustee N]`, and
 * `seconded trustee decrypt BOARD DECRYPTION_OUT --trustee N --key KEYFILE` (trustee-decrypt.ts)
 *
 * Run by a key holder on their own machine, after the close of a ranked ballot
 * (docs/mixnet-protocol.md section 4): reads the board, checks every shuffle already on it,
 * shuffles the last list of sealed ballots with a fresh permutation and fresh randomness, proves
 * it (Terelius–Wikström, as CHVote writes it) and writes the board with the new `shuffle` event.
 * Check the board with `seconded verify-ballot` first: this command checks only the shuffles.
 * Exit codes: 0 written, 64 usage, 65 a board that cannot be shuffled or decrypted (or a key that
 * does not fit it; nothing is written), 66 unreadable.
 */
import { availableParallelism } from 'node:os';
import { dueTrustee, type MixBoard, readMix, withShuffle } from '../domain/e2e/mixnet.ts';
import { runShuffleSteps, shuffleSteps } from '../domain/e2e/shuffle.ts';
import { runShuffleJob } from '../domain/e2e/shuffle-slices.ts';
import { systemRandom } from '../domain/e2e/group.ts';
import { DomainError } from '../domain/errors.ts';
import { Refusal } from '../verifier/group.ts';
import type { MixDecryptionPayload } from '../domain/e2e/mix-count.ts';
import { decryptBoard, writeDecryption } from './trustee-decrypt.ts';
import { EXIT, UsageError, type Command, type Parsed } from './command.ts';
import { readKept, writeWithEvent } from './board-file.ts';
import { handIn, type Submit, submitTo } from './trustee-hand-in.ts';
import { checkEarlierShuffles, PARALLEL_FROM, shufflePool } from './shuffle-threads.ts';

export const TRUSTEE: Command = {
  name: 'trustee',
  summary: "A key holder's step on a ranked ballot's board: shuffle, then decrypt",
  synopsis:
    'shuffle BOARD_IN BOARD_OUT [--trustee N] [--threads N] [--submit URL] | decrypt BOARD DECRYPTION_OUT --trustee N --key KEYFILE [--threads N] [--submit URL]',
  help: `shuffle: reads the board of a closed ranked ballot (a file), checks the shuffles already
on it, shuffles the sealed ballots again (one permutation for all of a ballot's ciphertexts,
fresh randomness for each), proves it, and writes the board with this shuffle appended to
BOARD_OUT. Key holders shuffle in turn, 1 first; the permutation and randomness are never
written anywhere. See docs/mixnet-protocol.md. Check the board with verify-ballot first.

decrypt: once every key holder has shuffled, reads the board, checks its shuffles, opens your
share with your key file (the one your page saved), proves your factor of every shuffled
ciphertext and writes {"payload": …} to DECRYPTION_OUT: choose it on the ballot's page, or post
it to /api/v1/ballots/ID/verifiable/decryption. The key is never written anywhere.

  --trustee N   your index; shuffle: refused unless it is your turn (default: whoever is next)
  --key FILE    decrypt: your key file, seconded-key-BALLOT-N.json
  --threads N   worker threads for the proofs (default: one per core)
  --submit URL  also hand the shuffle or decryption in to the server at URL (https://HOST), in
                parts of at most 50,000 sealed preferences, with progress on stderr; signed in
                with your personal API token (manage scope): --token TOKEN or SECONDED_TOKEN
  --token T     the API token for --submit (better: the SECONDED_TOKEN environment variable)`,
  options: {
    trustee: { type: 'string' },
    threads: { type: 'string' },
    key: { type: 'string' },
    submit: { type: 'string' },
    token: { type: 'string' },
  },
  positionals: ['ACTION', 'BOARD_IN', 'BOARD_OUT'],
};

export interface TrusteeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export async function trustee(
  { values, positionals }: Parsed,
  io: TrusteeIo,
  read: { wholeUpTo?: number } = {},
): Promise<number> {
  const [action, input, output] = positionals as [string, string, string];
  if (action !== 'shuffle' && action !== 'decrypt')
    throw new UsageError(`unknown step "${action}": the steps are shuffle and decrypt`);
  const given = values.trustee as string | undefined;
  if (given !== undefined && !/^[1-9]\d{0,3}$/.test(given))
    throw new UsageError(`--trustee needs a whole number from 1, got "${given}"`);
  const threadsGiven = values.threads as string | undefined;
  if (threadsGiven !== undefined && !/^([1-9]|[1-5]\d|6[0-4])$/.test(threadsGiven))
    throw new UsageError(`--threads needs a whole number from 1 to 64, got "${threadsGiven}"`);
  const threads = threadsGiven === undefined ? availableParallelism() : Number(threadsGiven);
  const submit = submitTo(values);
  let board: MixBoard;
  try {
    // Streamed (json-stream.ts): a board with a shuffle of 400,000 ballots is larger than one
    // string can be.
    board = await readKept(input, read);
  } catch (e) {
    io.stderr.write(`seconded trustee: cannot read ${input}: ${(e as Error).message}\n`);
    return EXIT.noInput;
  }
  if (action === 'decrypt') return decrypt(board, values, output, threads, io, submit);
  let shuffled: MixBoard;
  try {
    if (board?.format !== 'seconded-board-1' || !Array.isArray(board.events))
      throw new DomainError('PROOF_REFUSED', 'the file is not a seconded-board-1 board');
    shuffled = await shuffleOn(board, given === undefined ? undefined : Number(given), threads);
  } catch (e) {
    if (!(e instanceof DomainError) && !(e instanceof Refusal)) throw e;
    io.stderr.write(`seconded trustee shuffle: ${e.message}\n`);
    return EXIT.dataError;
  }
  const event = shuffled.events.at(-1)!;
  await writeWithEvent(input, output, shuffled.format, event, read);
  const payload = event.payload as { trustee: number; ballots: unknown[] };
  io.stdout.write(
    `Trustee ${payload.trustee} shuffled ${payload.ballots.length} ballots (event ${event.seq}, hash ${event.hash}); written to ${output}.\n`,
  );
  return submit ? handIn(submit, board, 'shuffle', payload, io) : EXIT.ok;
}

async function decrypt(
  board: MixBoard,
  values: Parsed['values'],
  output: string,
  threads: number,
  io: TrusteeIo,
  submit: Submit | null,
): Promise<number> {
  const given = values.trustee as string | undefined;
  const key = values.key as string | undefined;
  if (given === undefined || key === undefined)
    throw new UsageError('decrypt needs --trustee N and --key KEYFILE');
  let payload: MixDecryptionPayload;
  try {
    if (board?.format !== 'seconded-board-1' || !Array.isArray(board.events))
      throw new DomainError('PROOF_REFUSED', 'the file is not a seconded-board-1 board');
    payload = await decryptBoard(board, key, {
      trustee: Number(given),
      threads,
      stderr: io.stderr,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) {
      io.stderr.write(`seconded trustee decrypt: cannot read ${key}: ${(e as Error).message}\n`);
      return EXIT.noInput;
    }
    if (!(e instanceof DomainError) && !(e instanceof Refusal)) throw e;
    io.stderr.write(`seconded trustee decrypt: ${e.message}\n`);
    return EXIT.dataError;
  }
  await writeDecryption(output, payload);
  io.stdout.write(
    `Trustee ${payload.trustee} decrypted ${payload.factors.length} ballots with proofs; written to ${output}.${submit ? '' : " Choose it on the ballot's page, or run this again with --submit https://HOST."}\n`,
  );
  return submit ? handIn(submit, board, 'decryption', { ...payload }, io) : EXIT.ok;
}

/**
 * Checks the shuffles already on the board (with the verifier's check, which shares no code
 * with the prover), then shuffles and proves, the slices spread over `threads` worker threads.
 */
async function shuffleOn(board: MixBoard, trustee: number | undefined, threads: number) {
  const { state, earlier } = readMix(board);
  const due = dueTrustee(state, trustee);
  const parallel = threads > 1 && state.input.length >= PARALLEL_FROM;
  const pool = parallel ? shufflePool(threads) : undefined;
  try {
    await checkEarlierShuffles(earlier, pool, threads);
    const steps = shuffleSteps(
      systemRandom,
      `${state.openHash}|${due}`,
      state.electionKey,
      state.input,
      pool ? threads : 1,
    );
    const shuffled = await runShuffleSteps(
      steps,
      pool?.prove ?? (async (jobs) => jobs.map(runShuffleJob)),
    );
    return withShuffle(board, due, shuffled);
  } finally {
    await pool?.close();
  }
}
