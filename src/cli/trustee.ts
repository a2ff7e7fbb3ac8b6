/**
 * `seconded trustee shuffle BOARD_IN BOARD_OUT [--trustee N]`
 *
 * Run by a key holder on their own machine, after the close of a ranked ballot
 * (docs/mixnet-protocol.md section 4): reads the board, checks every shuffle already on it,
 * shuffles the last list of sealed ballots with a fresh permutation and fresh randomness, proves
 * it (Terelius–Wikström, as CHVote writes it) and writes the board with the new `shuffle` event.
 * Check the board with `seconded verify-ballot` first: this command checks only the shuffles.
 * Exit codes: 0 written, 64 usage, 65 a board that cannot be shuffled, 66 unreadable.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { appendShuffle, type MixBoard } from '../domain/e2e/mixnet.ts';
import { DomainError } from '../domain/errors.ts';
import { EXIT, UsageError, type Command, type Parsed } from './command.ts';

export const TRUSTEE: Command = {
  name: 'trustee',
  summary: "A key holder's step on a ranked ballot's board: shuffle",
  synopsis: 'shuffle BOARD_IN BOARD_OUT [--trustee N]',
  help: `shuffle: reads the board of a closed ranked ballot (a file), checks the shuffles already
on it, shuffles the sealed ballots again (one permutation for all of a ballot's ciphertexts,
fresh randomness for each), proves it, and writes the board with this shuffle appended to
BOARD_OUT. Key holders shuffle in turn, 1 first; the permutation and randomness are never
written anywhere. See docs/mixnet-protocol.md. Check the board with verify-ballot first.

  --trustee N   your index; refused unless it is your turn (default: whoever is next)`,
  options: { trustee: { type: 'string' } },
  positionals: ['ACTION', 'BOARD_IN', 'BOARD_OUT'],
};

export interface TrusteeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export async function trustee({ values, positionals }: Parsed, io: TrusteeIo): Promise<number> {
  const [action, input, output] = positionals as [string, string, string];
  if (action !== 'shuffle') throw new UsageError(`unknown step "${action}": the step is shuffle`);
  const given = values.trustee as string | undefined;
  if (given !== undefined && !/^[1-9]\d{0,3}$/.test(given))
    throw new UsageError(`--trustee needs a whole number from 1, got "${given}"`);
  let board: MixBoard;
  try {
    board = JSON.parse(await readFile(input, 'utf8')) as MixBoard;
  } catch (e) {
    io.stderr.write(`seconded trustee: cannot read ${input}: ${(e as Error).message}\n`);
    return EXIT.noInput;
  }
  let shuffled: MixBoard;
  try {
    if (board?.format !== 'seconded-board-1' || !Array.isArray(board.events))
      throw new DomainError('PROOF_REFUSED', 'the file is not a seconded-board-1 board');
    shuffled = appendShuffle(board, given === undefined ? undefined : Number(given));
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    io.stderr.write(`seconded trustee shuffle: ${e.message}\n`);
    return EXIT.dataError;
  }
  await writeFile(output, `${JSON.stringify(shuffled)}\n`);
  const event = shuffled.events.at(-1)!;
  const payload = event.payload as { trustee: number; ballots: unknown[] };
  io.stdout.write(
    `Trustee ${payload.trustee} shuffled ${payload.ballots.length} ballots (event ${event.seq}, hash ${event.hash}); written to ${output}.\n`,
  );
  return EXIT.ok;
}
