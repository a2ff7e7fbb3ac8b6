import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db } from './database.ts';

/**
 * PostgreSQL's `COPY … FROM STDIN` (the fastest way in: no statement per row, no parameters),
 * spoken through node-postgres without the pg-copy-streams package. node-postgres accepts any
 * object with a `submit` method as a query and hands it the protocol's messages (as pg-cursor
 * and pg-copy-streams are written); its connection sends CopyData, CopyDone and CopyFail
 * (PostgreSQL protocol, section 55.2.6 "COPY Operations"). The rows reach the transaction's own
 * connection through Kysely: `copyRows` runs a query whose one parameter is a `CopyData`, and
 * each pooled client's `query` (wrapped by `acceptCopy` when the pool opens it) sends that as
 * the copy's data instead of as a bound parameter.
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

/** One COPY FROM STDIN, as node-postgres runs a query object (see its lib/query.js). */
class CopyFromStdin {
  callback?: (error: Error | null, result?: unknown) => void;
  #error: Error | null = null;
  #rowCount = 0;
  #settled = false;

  constructor(
    readonly text: string,
    private readonly data: Buffer,
  ) {}

  submit(connection: CopyConnection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection) {
    for (let at = 0; at < this.data.length; at += MESSAGE_BYTES)
      connection.sendCopyFromChunk(this.data.subarray(at, at + MESSAGE_BYTES));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text: string }) {
    this.#rowCount = Number(/\d+$/.exec(message.text)?.[0] ?? 0);
  }

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

  #settle() {
    if (this.#settled) return;
    this.#settled = true;
    this.callback?.(this.#error, { command: 'COPY', rowCount: this.#rowCount, rows: [] });
  }
}

/**
 * Lets a pooled client run `copyRows`'s queries: its `query` sends a `CopyData` parameter as a
 * COPY's data, and passes every other query through unchanged.
 */
export function acceptCopy(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const data = Array.isArray(values) && values.length === 1 ? values[0] : undefined;
    if (typeof text !== 'string' || !(data instanceof CopyData))
      return query(text, values, callback);
    const copy = new CopyFromStdin(text, Buffer.from(data.text));
    return new Promise((resolve, reject) => {
      copy.callback = (error, result) => (error ? reject(error) : resolve(result));
      query(copy);
    });
  }) as typeof client.query;
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
  await db.executeQuery(
    CompiledQuery.raw(`copy ${table} (${columns.join(', ')}) from stdin`, [new CopyData(rows)]),
  );
}
