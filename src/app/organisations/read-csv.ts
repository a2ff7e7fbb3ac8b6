import { isUtf8 } from 'node:buffer';
import { Parser } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/errors.ts';
import type { SourceRow } from '../../domain/organisations/member-import.ts';

/**
 * The text of an uploaded file. Spreadsheets save UTF-8, or on Windows the ANSI code page
 * (Windows-1252, a superset of Latin-1's printable characters): bytes that are not valid UTF-8
 * are read as Windows-1252, so "Zoë Müller" arrives as written and never as "Zo� M�ller".
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * A file to import: its whole text (a form's upload, the API's JSON), or its bytes read a chunk
 * at a time (the CLI's file, however large), readable more than once.
 */
export type CsvSource =
  string | { readonly size: number; readonly chunks: () => AsyncIterable<Uint8Array> };

export interface CsvTable {
  readonly headers: readonly string[];
  readonly rows: readonly SourceRow[];
  readonly delimiter: string;
}

/**
 * Reads a spreadsheet export: UTF-8 with or without a byte-order mark, separated by commas,
 * semicolons (as spreadsheets save in many locales) or tabs, chosen from the header line.
 * Each row keeps its line number in the file so that rejections can name it.
 */
export function readCsv(text: string): CsvTable {
  // Line endings made one kind: a register saved on Windows and then added to elsewhere mixes
  // them, and the parser keeps only the first kind it meets, running the others' rows together.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const headerLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    headerLine.split(d).length > headerLine.split(best).length ? d : best,
  );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new DomainError(
      'MALFORMED_FILE',
      `The file is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message ?? 'unreadable'}`,
    );
  }
  const [header, ...data] = records;
  if (!header)
    throw new DomainError(
      'MALFORMED_FILE',
      'The file is empty: it needs a header row and one row per member.',
    );
  const headers = header.record.map((h) => h.trim());
  if (headers.some((h) => h === '')) {
    throw new DomainError('MALFORMED_FILE', 'Line 1: every column needs a heading.');
  }
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h))
      throw new DomainError('MALFORMED_FILE', `Line 1: the heading "${h}" appears twice.`);
    seen.add(h);
  }
  const rows = data.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? ''])),
  }));
  return { headers, rows, delimiter };
}

/** A file being read: its header now, its rows as they stream. */
export interface CsvStream {
  readonly headers: readonly string[];
  readonly delimiter: string;
  /**
   * Reads the data rows once, in order, each with its line number, handing each to `visit` (and
   * awaiting it when it returns a promise). The row and its values are reused for the next row:
   * what `visit` keeps it copies (its strings are its own). A million rows thus cost no object,
   * iterator result or promise each.
   */
  each(visit: (row: SourceRow) => void | Promise<void>): Promise<void>;
  /** How far the reading is: bytes (or characters) read, of how many. */
  progress(): { readonly done: number; readonly total: number };
  /** Stops reading (the rows need not have been read to the end). */
  close(): void;
}

/**
 * Whether a file's bytes are UTF-8 from start to end, checked without decoding them (Node's
 * `isUtf8`, in native code): a character split between two chunks is carried to the next.
 */
async function isUtf8Throughout(source: Exclude<CsvSource, string>): Promise<boolean> {
  let carried: Uint8Array = new Uint8Array(0);
  for await (const chunk of source.chunks()) {
    const bytes = carried.length ? Buffer.concat([carried, chunk]) : chunk;
    const end = completeCharacters(bytes);
    if (!isUtf8(bytes.subarray(0, end))) return false;
    carried = bytes.slice(end);
  }
  return carried.length === 0;
}

/**
 * How many bytes from the start hold whole UTF-8 characters: a lead byte in the last three
 * whose character runs past the end is left for the next chunk (RFC 3629, section 3).
 */
function completeCharacters(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

const CR = 0x0d;
const LF = 0x0a;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * A chunk with CR LF and lone CRs made LF. `heldCr`: the last chunk ended in a CR, not yet
 * written (its LF, if any, begins this chunk). Returns the bytes, and whether this chunk ends
 * in a CR held for the next.
 */
function toLineFeeds(chunk: Uint8Array, heldCr: boolean): [Uint8Array, boolean] {
  if (!chunk.length) return [chunk, heldCr];
  if (!heldCr && chunk.indexOf(CR) === -1) return [chunk, false];
  const body = chunk.subarray(heldCr && chunk[0] === LF ? 1 : 0);
  const endsInCr = body.length > 0 && body[body.length - 1] === CR;
  const end = endsInCr ? body.length - 1 : body.length;
  const out = new Uint8Array(end + 1);
  let n = 0;
  if (heldCr) out[n++] = LF;
  for (let i = 0; i < end; i++) {
    const byte = body[i]!;
    if (byte !== CR) out[n++] = byte;
    else {
      out[n++] = LF;
      if (i + 1 < end && body[i + 1] === LF) i++;
    }
  }
  return [out.subarray(0, n), endsInCr];
}

/** Characters handed to the parser at a time when the source is a string. */
const TEXT_CHUNK = 1 << 20;

/**
 * Reads a spreadsheet export as `readCsv` does (same encodings, delimiters, line endings,
 * headings and line numbers), but a chunk at a time: a register of a million members is never
 * held whole, as text or as rows. Bytes are read twice: once to learn whether they are UTF-8
 * (a Windows-1252 byte may come on the last line), then to parse.
 */
export async function openCsv(source: CsvSource): Promise<CsvStream> {
  const total = typeof source === 'string' ? source.length : source.size;
  let done = 0;

  // The file as UTF-8 bytes, which csv-parse reads: a UTF-8 file's own bytes, never decoded
  // here to be encoded again for the parser (it makes each field a string once); a
  // Windows-1252 file decoded and encoded as UTF-8.
  async function* bytes(): AsyncGenerator<Uint8Array> {
    if (typeof source === 'string') {
      for (let i = 0; i < source.length;) {
        let end = Math.min(source.length, i + TEXT_CHUNK);
        // Never between the two halves of a surrogate pair.
        if (end < source.length && isHighSurrogate(source.charCodeAt(end - 1))) end++;
        done = end;
        yield Buffer.from(source.slice(i, end));
        i = end;
      }
      return;
    }
    const utf8 = await isUtf8Throughout(source);
    const decoder = new TextDecoder('windows-1252');
    for await (const chunk of source.chunks()) {
      done += chunk.byteLength;
      yield utf8 ? chunk : Buffer.from(decoder.decode(chunk, { stream: true }));
    }
  }

  // Line endings made one kind, as readCsv does; a CR at the end of a chunk waits for the next,
  // which may begin with its LF. A byte-order mark at the start is dropped.
  async function* normalised(): AsyncGenerator<Buffer> {
    let first = true;
    let held = false;
    for await (const raw of bytes()) {
      let chunk = raw;
      if (first && chunk.length) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      const [text, endsInCr] = toLineFeeds(chunk, held);
      held = endsInCr;
      if (text.length) yield Buffer.from(text.buffer, text.byteOffset, text.length);
    }
    if (held) yield Buffer.from([LF]);
  }

  // The header line, to choose the delimiter before the parser starts.
  const source$ = normalised();
  const starts: Buffer[] = [];
  for (;;) {
    const next = await source$.next();
    if (next.done) break;
    starts.push(next.value);
    if (next.value.includes(LF)) break;
  }
  const start = Buffer.concat(starts);
  const headerEnd = start.indexOf(LF);
  const headerLine = start.subarray(0, headerEnd < 0 ? start.length : headerEnd).toString('utf8');
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    headerLine.split(d).length > headerLine.split(best).length ? d : best,
  );
  // csv-parse's stream is built on a push parser (its `api`), which hands each record over as
  // it ends, with the parser's line count then standing at that record's last line. Driven
  // directly, it costs no stream, promise or `info` object per row: reading is most of an
  // import's time when it is not writing.
  const parser = (
    new Parser({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { api: PushParser }
  ).api;
  let records: string[][] = [];
  let lines: number[] = [];
  let ended = false;
  const push = (record: string[]) => {
    records.push(record);
    lines.push(parser.info.lines);
  };
  const parse = (text: Buffer | undefined) => {
    const error = parser.parse(text, ended, push, () => {});
    if (error) {
      const e = error as { message?: string; lines?: number };
      throw new DomainError(
        'MALFORMED_FILE',
        `The file is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message ?? 'unreadable'}`,
      );
    }
  };
  // Parses the next chunk of the file; false when there is none left.
  const more = async () => {
    if (ended) return false;
    const next = await source$.next();
    if (next.done) ended = true;
    parse(next.done ? undefined : next.value);
    return true;
  };
  const close = () => {
    ended = true;
    void source$.return(undefined);
  };
  try {
    for (const chunk of starts) parse(chunk);
    while (!records.length && (await more()));
    const header = records[0];
    if (!header)
      throw new DomainError(
        'MALFORMED_FILE',
        'The file is empty: it needs a header row and one row per member.',
      );
    const headers = header.map((h) => h.trim());
    if (headers.some((h) => h === '')) {
      throw new DomainError('MALFORMED_FILE', 'Line 1: every column needs a heading.');
    }
    const seen = new Set<string>();
    for (const h of headers) {
      if (seen.has(h))
        throw new DomainError('MALFORMED_FILE', `Line 1: the heading "${h}" appears twice.`);
      seen.add(h);
    }
    // One row object for the whole file, its values overwritten in place (see `each`). No
    // prototype: a heading such as __proto__ is a column like any other.
    const values = Object.create(null) as Record<string, string>;
    const row = { line: 0, values };
    const each = async (visit: (row: SourceRow) => void | Promise<void>) => {
      let at = 1;
      for (;;) {
        for (; at < records.length; at++) {
          const record = records[at]!;
          for (let i = 0; i < headers.length; i++) values[headers[i]!] = record[i] ?? '';
          row.line = lines[at]!;
          const visited = visit(row);
          if (visited) await visited;
        }
        records = [];
        lines = [];
        at = 0;
        if (!(await more())) return;
      }
    };
    return { headers, delimiter, each, progress: () => ({ done, total }), close };
  } catch (error) {
    close();
    throw error;
  }
}

/** The part of csv-parse's parser that its stream drives (csv-parse/lib/api/index.js). */
interface PushParser {
  readonly info: { readonly lines: number };
  parse(
    bytes: Buffer | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
}
