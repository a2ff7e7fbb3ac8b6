/**
 * JSON read from a stream of bytes and written as a stream of text, for board files larger than
 * one string: a shuffle of 400,000 ballots of 10 is about 680 MB of JSON, above V8's largest
 * string (about 512 MB), so neither `JSON.parse` of the file nor `JSON.stringify` of the board
 * can hold it.
 *
 * Reading: a value whose text is at most `wholeUpTo` bytes (a ballot, a key, a whole small board)
 * is found by a scan of its bytes (strings and nesting followed) and handed to `JSON.parse`; a
 * larger one (an event with a shuffle, its payload, its list of ballots) is read piece by piece,
 * key by key and item by item, each piece again whole when it is small. The value built is the one
 * `JSON.parse` gives for the whole text (test: json-stream.test.ts), so the verifier and the
 * key holder's commands see the same board either way; the text itself is never held beyond one
 * small value and one chunk.
 *
 * Writing: the same text as `JSON.stringify(value)` for plain data (no `toJSON`), in pieces.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';

/** Values up to this many bytes of text are parsed whole (about a thousand ballots of 10). */
export const WHOLE_UP_TO = 4 * 1024 * 1024;

export interface ReadStats {
  /** Bytes read. */
  bytes: number;
  /** Objects and lists too large to parse whole, read piece by piece. */
  streamed: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isOpen = (c: number) => c === 0x7b || c === 0x5b;
const isClose = (c: number) => c === 0x7d || c === 0x5d;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** What ends a number, true, false or null. */
const endsScalar = (c: number) => c === 0x2c || isClose(c) || isSpace(c);

/** A scan of one value, resumable when more bytes arrive (offsets from the value's start). */
interface Scan {
  at: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
}

/**
 * Where a value is in a board (`{format, events: [...]}`): each item of the top object's
 * `events` goes through the reader's `eachEvent` as soon as it is read.
 */
type Level = 'board' | 'events' | 'other';

/** What is kept of each event (itself by default); may write it out first (it is awaited). */
export type EachEvent = (event: unknown, index: number) => unknown;

class Reader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  readonly stats: ReadStats = { bytes: 0, streamed: 0 };

  constructor(
    private readonly chunks: AsyncIterator<Uint8Array>,
    private readonly wholeUpTo: number,
    private readonly eachEvent?: EachEvent,
  ) {}

  /** One more chunk after what is left; false at the end of the stream. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    this.stats.bytes += chunk.length;
    this.buf =
      this.pos >= this.buf.length ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
    this.pos = 0;
    return true;
  }

  /** The next byte that is not white space, not consumed; undefined at the end. */
  async peek(): Promise<number | undefined> {
    for (;;) {
      while (this.pos < this.buf.length && isSpace(this.buf[this.pos]!)) this.pos++;
      if (this.pos < this.buf.length) return this.buf[this.pos];
      if (!(await this.more())) return undefined;
    }
  }

  async expect(byte: number, what: string): Promise<void> {
    if ((await this.peek()) !== byte) throw this.error(`expected ${what}`);
    this.pos++;
  }

  error(what: string): SyntaxError {
    const found =
      this.pos < this.buf.length ? `"${String.fromCharCode(this.buf[this.pos]!)}"` : 'the end';
    return new SyntaxError(
      `${what} at byte ${this.stats.bytes - (this.buf.length - this.pos)}, found ${found}`,
    );
  }

  /**
   * The length of the value that starts here, if it ends within `wholeUpTo` bytes (reading
   * more chunks as needed), or -1 for a longer one.
   */
  private async extent(): Promise<number> {
    const s: Scan = { at: 0, depth: 0, inString: false, escaped: false };
    const first = this.buf[this.pos]!;
    const scalar = first !== QUOTE && !isOpen(first);
    // Only an object or a list can be read in pieces: a string or a number is read whole.
    const limit = isOpen(first) ? this.wholeUpTo : Infinity;
    for (;;) {
      const end = scalar ? this.scanScalar(s) : this.scanValue(s, limit);
      if (end >= 0) return end;
      if (s.at > limit) return -1;
      if (!(await this.more())) return scalar ? s.at : -1;
    }
  }

  private scanScalar(s: Scan): number {
    const b = this.buf;
    for (let i = this.pos + s.at; i < b.length; i++) if (endsScalar(b[i]!)) return i - this.pos;
    s.at = b.length - this.pos;
    return -1;
  }

  private scanValue(s: Scan, limit: number): number {
    const b = this.buf;
    const stop = Math.min(b.length, this.pos + limit + 1);
    for (let i = this.pos + s.at; i < stop; i++) {
      const c = b[i]!;
      if (s.inString) {
        if (s.escaped) s.escaped = false;
        else if (c === BACKSLASH) s.escaped = true;
        else if (c === QUOTE) {
          s.inString = false;
          if (s.depth === 0) return i + 1 - this.pos;
        }
      } else if (c === QUOTE) s.inString = true;
      else if (isOpen(c)) s.depth++;
      else if (isClose(c) && --s.depth === 0) return i + 1 - this.pos;
    }
    s.at = stop - this.pos;
    return -1;
  }

  /** The next value: whole when it is small, else piece by piece. */
  async value(level: Level = 'other'): Promise<unknown> {
    const first = await this.peek();
    if (first === undefined) throw this.error('expected a value');
    const length = await this.extent();
    if (length >= 0) {
      const text = this.buf.toString('utf8', this.pos, this.pos + length);
      this.pos += length;
      return this.each(JSON.parse(text), level);
    }
    if (first === 0x7b) return this.object(level);
    if (first === 0x5b) return this.list(level);
    throw this.error('expected a value');
  }

  /** A board or list of events read whole, its events through eachEvent. */
  private async each(value: unknown, level: Level): Promise<unknown> {
    const hook = this.eachEvent;
    if (!hook || level === 'other') return value;
    const events = level === 'events' ? value : (value as { events?: unknown } | null)?.events;
    if (Array.isArray(events))
      for (let i = 0; i < events.length; i++) events[i] = await hook(events[i], i);
    return value;
  }

  private async object(level: Level): Promise<Record<string, unknown>> {
    this.stats.streamed++;
    this.pos++;
    const out: Record<string, unknown> = {};
    if ((await this.peek()) === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      if ((await this.peek()) !== QUOTE) throw this.error('expected a key');
      const key = (await this.value()) as string;
      await this.expect(0x3a, '":"');
      // As JSON.parse: an own property, even "__proto__"; the last of a repeated key wins.
      Object.defineProperty(out, key, {
        value: await this.value(level === 'board' && key === 'events' ? 'events' : 'other'),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      const next = await this.peek();
      this.pos++;
      if (next === 0x7d) return out;
      if (next !== 0x2c) throw this.error('expected "," or "}"');
    }
  }

  private async list(level: Level): Promise<unknown[]> {
    this.stats.streamed++;
    this.pos++;
    const out: unknown[] = [];
    if ((await this.peek()) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      const item = await this.value();
      out.push(
        level === 'events' && this.eachEvent ? await this.eachEvent(item, out.length) : item,
      );
      const next = await this.peek();
      this.pos++;
      if (next === 0x5d) return out;
      if (next !== 0x2c) throw this.error('expected "," or "]"');
    }
  }

  async end(): Promise<void> {
    if ((await this.peek()) !== undefined) throw this.error('expected the end after the value');
  }
}

export interface ReadOptions {
  /** Objects and lists up to this many bytes of text are parsed whole. */
  readonly wholeUpTo?: number;
  /** For a board: what to keep of each event of its `events`, given as soon as it is read. */
  readonly eachEvent?: EachEvent;
}

/**
 * Parses the JSON text the chunks make (UTF-8), as `JSON.parse` would, without holding it as one
 * string. Throws a SyntaxError for text that is not JSON.
 */
export async function parseJsonStream(
  chunks: AsyncIterable<Uint8Array>,
  { wholeUpTo = WHOLE_UP_TO, eachEvent }: ReadOptions = {},
): Promise<{ value: unknown; stats: ReadStats }> {
  const reader = new Reader(chunks[Symbol.asyncIterator](), wholeUpTo, eachEvent);
  const value = await reader.value('board');
  await reader.end();
  return { value, stats: reader.stats };
}

/** A file's or a web response body's bytes, in chunks of about a megabyte. */
export const fileChunks = (path: string): AsyncIterable<Uint8Array> =>
  createReadStream(path, { highWaterMark: 1024 * 1024 });

const isLeaf = (v: unknown) => v === null || typeof v !== 'object';
/** Lists and records of plain values up to this length are written in one piece. */
const PIECE = 10_000;

/**
 * JSON.stringify(value)'s text in pieces (the same text joined), for plain data of any size:
 * keys in their order, values JSON cannot hold left out of records and null in lists.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  const record = value as Record<string, unknown>;
  if (isLeaf(value) || typeof record['toJSON'] === 'function') {
    // A list's undefined item is written null; a record leaves it out before it gets here.
    yield (JSON.stringify(value) as string | undefined) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    if (value.length <= PIECE && value.every(isLeaf)) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonPieces(value[i]);
    }
    yield ']';
    return;
  }
  const keys = Object.keys(record);
  if (keys.length <= PIECE && keys.every((k) => isLeaf(record[k]))) {
    yield JSON.stringify(value);
    return;
  }
  yield '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(v);
  }
  yield '}';
}

/** The pieces gathered into chunks of about a megabyte, to write. */
function* chunked(pieces: Iterable<string>): Generator<string> {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= 1 << 20) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/** Writes `${JSON.stringify(value)}\n` to the file, streamed: the same bytes. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  function* text() {
    yield* jsonPieces(value);
    yield '\n';
  }
  await pipeline(Readable.from(chunked(text())), createWriteStream(path));
}

/** Text written to a file in chunks of about a megabyte, waiting when the disk is behind. */
export class FileWriter {
  private pending = '';
  private readonly out: WriteStream;

  constructor(path: string) {
    this.out = createWriteStream(path);
  }

  async write(pieces: Iterable<string>): Promise<void> {
    for (const piece of pieces) {
      this.pending += piece;
      if (this.pending.length >= 1 << 20) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    if (text && !this.out.write(text)) await once(this.out, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }
}
