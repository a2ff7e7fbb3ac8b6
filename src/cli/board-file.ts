/**
 * A ranked ballot's board file as the key holder's commands read and write it
 * (`seconded trustee shuffle|decrypt`), streamed (json-stream.ts): a board of 400,000 ballots of
 * 10 is several gigabytes of JSON, its cast ballots alone some 19 KB each with their range proofs.
 * The commands need of a ballot only its ciphertexts (the shuffle's input: the board was checked
 * with verify-ballot first, and every shuffle on it is checked again here), and of another key
 * holder's decryption only whose it is, so the rest is dropped as each event is read; the board
 * written out is read a second time from the file, event by event, into a file beside the output
 * that is renamed to it once whole.
 */
import { rename, rm } from 'node:fs/promises';
import type { MixBoard, MixEvent } from '../domain/e2e/mixnet.ts';
import { fileChunks, FileWriter, jsonPieces, parseJsonStream } from './json-stream.ts';

/** What the key holder's commands keep of an event. */
export function keptOf(event: unknown): unknown {
  const e = event as { type?: unknown; payload?: unknown } | null;
  if (e?.type === 'ballot') {
    const ballot = (e.payload as { ballot?: { choices?: unknown } } | null)?.ballot;
    return { ...e, payload: { ballot: { choices: ballot?.choices } } };
  }
  if (e?.type === 'partial-decryption')
    return { ...e, payload: { trustee: (e.payload as { trustee?: unknown } | null)?.trustee } };
  return event;
}

export interface BoardRead {
  /** Objects and lists up to this many bytes of text are parsed whole (tests lower it). */
  readonly wholeUpTo?: number;
}

/** The board file, with only what the key holder's commands use of each event. */
export async function readKept(path: string, read: BoardRead = {}): Promise<MixBoard> {
  const { value } = await parseJsonStream(fileChunks(path), { ...read, eachEvent: keptOf });
  return value as MixBoard;
}

/**
 * Writes the board of file `input` with `event` appended: the bytes of
 * `${JSON.stringify({ format, events: [...board.events, event] })}\n` for the board the file
 * holds, each event read from the file again and written out before the next is read.
 */
export async function writeWithEvent(
  input: string,
  output: string,
  format: string,
  event: MixEvent,
  read: BoardRead = {},
): Promise<void> {
  // Written beside, then renamed: the input is read while the output is written, and may be
  // the same file.
  const partial = `${output}.${process.pid}.part`;
  const out = new FileWriter(partial);
  try {
    await out.write([`{"format":${JSON.stringify(format)},"events":[`]);
    let written = 0;
    await parseJsonStream(fileChunks(input), {
      ...read,
      eachEvent: async (e) => {
        await out.write([written++ ? ',' : '']);
        await out.write(jsonPieces(e));
        return null;
      },
    });
    await out.write([written ? ',' : '']);
    await out.write(jsonPieces(event));
    await out.write([']}\n']);
    await out.end();
    await rename(partial, output);
  } catch (e) {
    await out.end().catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  }
}
