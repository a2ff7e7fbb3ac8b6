import { CompiledQuery } from 'kysely';
import type { Db } from './database.ts';

/**
 * PostgreSQL's `COPY … FROM STDIN` (the fastest way in: no statement per row, no parameters),
 * spoken through node-postgres without the pg-copy-streams package. node-postgres accepts any
 * object with a `submit` method as a query and hands it the protocol's messages (as pg-cursor
 * and pg-copy-streams are written); its connection sends CopyData, CopyDone and CopyFail
 * (PostgreSQL protocol, section 55.2.6 "COPY Operations").
 *
 * The rows reach the transaction's own connection through Kysely's one hook for such objects:
 * the Postgres dialect's `cursor` option, which Kysely hands a streamed query's text and
 * parameters and passes to the connection's `query` as it is. Seconded streams no query
 * through Kysely, so that option serves `copyRows` alone (`CopyCursor`): every other query
 * reaches node-postgres untouched.
 */

/** The rows of a COPY in its text format: one line per row, columns separated by tabs. */
export class CopyData {
  constructor(readonly text: string) {}
}

/** Writes a value in COPY's text format: `\N` for null, backslash escapes for the rest. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c]!) : value;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** The protocol messages a COPY FROM STDIN needs of node-postgres's connection. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Bytes sent per CopyData message: the server takes any size; this keeps each write small. */
const MESSAGE_BYTES = 1 << 16;

/**
 * One COPY FROM STDIN, as node-postgres runs a query object (see its lib/query.js), and as
 * Kysely reads a cursor (`read` until it gives no rows, then `close`).
 */
export class CopyCursor<T = never> {
  callback?: (error: Error | null, result?: unknown) => void;
  readonly #data: Buffer;
  #error: Error | null = null;
  #settled = false;
  readonly #done: Promise<void>;
  #finish!: () => void;

  constructor(
    readonly text: string,
    parameters: unknown[],
  ) {
    const [data] = parameters;
    // Only copyRows streams through Kysely; any other streamed query is a mistake to report.
    if (parameters.length !== 1 || !(data instanceof CopyData))
      throw new Error('Only copyRows streams queries on PostgreSQL (db/copy.ts).');
    this.#data = Buffer.from(data.text);
    this.#done = new Promise<void>((resolve) => (this.#finish = resolve));
  }

  submit(connection: CopyConnection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection) {
    for (let at = 0; at < this.#data.length; at += MESSAGE_BYTES)
      connection.sendCopyFromChunk(this.#data.subarray(at, at + MESSAGE_BYTES));
    connection.endCopyFrom();
  }

  handleCommandComplete() {}

  // An error from the server (a broken constraint, bad data) is followed by ReadyForQuery; a
  // broken connection is not, so the first of the two settles the query.
  handleError(error: Error) {
    this.#error = error;
    this.#settle();
  }

  handleReadyForQuery() {
    this.#settle();
  }

  // Messages a COPY FROM does not receive, answered as node-postgres's own query does.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}

  /** Kysely's cursor read: no rows, once the copy is done (or its error). */
  async read(): Promise<T[]> {
    await this.#done;
    if (this.#error) throw this.#error;
    return [];
  }

  async close(): Promise<void> {}

  #settle() {
    if (this.#settled) return;
    this.#settled = true;
    // node-postgres moves to its next query when this is called.
    this.callback?.(this.#error, { command: 'COPY', rows: [] });
    this.#finish();
  }
}

/**
 * Copies rows into a table on PostgreSQL, on the connection of `db` (a transaction's, if it is
 * one). `rows` are already in COPY's text format (`copyValue`), each ended by a newline.
 */
export async function copyRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: string,
): Promise<void> {
  if (!rows) return;
  const query = CompiledQuery.raw(`copy ${table} (${columns.join(', ')}) from stdin`, [
    new CopyData(rows),
  ]);
  for await (const _ of db.getExecutor().stream(query, 1)) void _;
}
