import type { BoardEvent } from '../../domain/e2e/index.ts';
import type { Db } from '../../db/database.ts';
import {
  findLastBoardEvent,
  insertBoardEvent,
  insertBoardSlices,
  listBoardPage,
  listBoardSlices,
} from '../../db/queries/ballot-board.ts';
import type { BallotBoardSliceTable, BallotBoardTable } from '../../db/schema-e2e.ts';

/*
 * How the server keeps and serves a big board event (docs/mixnet-protocol.md, "How the server
 * keeps a big event"). A shuffle of 400,000 ballots of 10 is some 680 MB of JSON, more than the
 * largest string V8 makes (about 512 MB): such an event cannot be one JSON text, not when it is
 * stored, nor read back, nor served. So each long list of a shuffle or a partial decryption (its
 * ballots, its proof's commitments, a decryption's factors and proofs) is kept a slice of items
 * per row of ballot_board_slices, and the event's row keeps the rest with a marker in each list's
 * place. Served, the board is the very bytes JSON.stringify would write of it whole; hashed, the
 * event is fed to SHA-256 in pieces (domain/e2e/board.ts `digest`), the same bytes as before.
 */

/** Items of a list a slice holds; a list of no more is kept in the event's row. Tests lower it. */
export const boardSlicing = { items: 1000 };

/** The events whose lists grow with the electorate: the only ones kept in slices. */
const SLICED = new Set<string>(['shuffle', 'partial-decryption']);

/**
 * A list's place in the row's JSON. JSON.stringify writes the NUL as `\u0000`; no payload the
 * server accepts holds one (its strings are checked encodings), so the marker cannot be data.
 */
const markerOf = (field: number) => `\u0000slice:${field}`;
const MARKED = /"\\u0000slice:(\d+)"/;
const MARKED_ALL = new RegExp(MARKED.source, 'g');

/** Slices read in one statement, events read in one statement. */
const SLICE_PAGE = 8;
const EVENT_PAGE = 500;

/** As JSON.stringify writes an item inside a list (what it cannot hold, it writes as null). */
const itemJson = (item: unknown) => JSON.stringify(item) ?? 'null';

/** The payload with each list longer than a slice, two levels down at most, put by a marker. */
function marked(payload: unknown, lists: unknown[][], depth = 2): unknown {
  if (Array.isArray(payload)) {
    if (payload.length <= boardSlicing.items) return payload;
    lists.push(payload);
    return markerOf(lists.length - 1);
  }
  if (depth === 0 || payload === null || typeof payload !== 'object') return payload;
  return Object.fromEntries(
    Object.entries(payload).map(([key, value]) => [key, marked(value, lists, depth - 1)]),
  );
}

/** Writes an event: its row, and a big event's lists in slices beside it. */
export async function storeEvent(trx: Db, ballotId: string, event: BoardEvent) {
  const lists: unknown[][] = [];
  const payload = SLICED.has(event.type) ? marked(event.payload, lists) : event.payload;
  await insertBoardEvent(trx, {
    ballot_id: ballotId,
    seq: event.seq,
    type: event.type,
    payload: JSON.stringify(payload),
    hash: event.hash,
  });
  const size = boardSlicing.items;
  for (const [field, list] of lists.entries()) {
    let rows: BallotBoardSliceTable[] = [];
    for (let at = 0; at < list.length; at += size) {
      const items = list
        .slice(at, at + size)
        .map(itemJson)
        .join(',');
      rows.push({ ballot_id: ballotId, seq: event.seq, field, slice: at / size, items });
      if (rows.length === SLICE_PAGE) {
        await insertBoardSlices(trx, rows);
        rows = [];
      }
    }
    await insertBoardSlices(trx, rows);
  }
}

const isSliced = (row: Pick<BallotBoardTable, 'payload'>) => MARKED.test(row.payload);

/** One list's slices, a page of them at a time, as the JSON of their items. */
async function* slicesOf(db: Db, key: { ballotId: string; seq: number; field: number }) {
  for (let from = 0; ;) {
    const page = await listBoardSlices(db, key, from, SLICE_PAGE);
    for (const slice of page) yield slice.items;
    if (page.length < SLICE_PAGE) return;
    from = page.at(-1)!.slice + 1;
  }
}

/** An event's payload as it was appended, its lists read back from their slices. */
export async function payloadOf(db: Db, row: BallotBoardTable): Promise<unknown> {
  const payload: unknown = JSON.parse(row.payload);
  if (!isSliced(row)) return payload;
  const restore = async (value: unknown, depth: number): Promise<unknown> => {
    const field =
      typeof value === 'string' && value.startsWith(markerOf(0).slice(0, -1))
        ? /(\d+)$/.exec(value)
        : null;
    if (field) {
      const items: unknown[] = [];
      const key = { ballotId: row.ballot_id, seq: row.seq, field: Number(field[1]) };
      for await (const slice of slicesOf(db, key))
        for (const item of JSON.parse(`[${slice}]`) as unknown[]) items.push(item);
      return items;
    }
    if (depth === 0 || value === null || typeof value !== 'object' || Array.isArray(value))
      return value;
    const entries = [];
    for (const [key, inner] of Object.entries(value))
      entries.push([key, await restore(inner, depth - 1)] as const);
    return Object.fromEntries(entries);
  };
  return restore(payload, 2);
}

/** An event's payload as JSON.stringify writes it, in pieces: a big event's a slice at a time. */
async function* payloadJson(db: Db, row: BallotBoardTable): AsyncGenerator<string> {
  // Written again as the board's JSON.stringify writes what JSON.parse reads of the row.
  const text = JSON.stringify(JSON.parse(row.payload));
  if (!isSliced(row)) {
    yield text;
    return;
  }
  const pieces = text.split(MARKED_ALL);
  for (let i = 0; i < pieces.length; i += 1) {
    if (i % 2 === 0) {
      yield pieces[i]!;
      continue;
    }
    yield '[';
    let first = true;
    for await (const slice of slicesOf(db, {
      ballotId: row.ballot_id,
      seq: row.seq,
      field: Number(pieces[i]),
    })) {
      yield first ? slice : `,${slice}`;
      first = false;
    }
    yield ']';
  }
}

/**
 * The whole board as the JSON `{ format, events }` that JSON.stringify writes of readBoard's
 * answer, byte for byte, in pieces: events a page at a time, a big event's lists a few slices at
 * a time, so the memory it takes does not grow with the board. Events appended while it is read
 * are left for the next reading: the board ends at the event that was last when it began.
 */
export async function* boardJson(db: Db, ballotId: string): AsyncGenerator<string> {
  const last = await findLastBoardEvent(db, ballotId);
  yield '{"format":"seconded-board-1","events":[';
  let prev = '0'.repeat(64);
  for (let after = -1; last;) {
    const page = await listBoardPage(db, ballotId, { after, last: last.seq }, EVENT_PAGE);
    for (const row of page) {
      const comma = after === -1 && row === page[0] ? '' : ',';
      yield `${comma}{"seq":${row.seq},"type":${JSON.stringify(row.type)},"payload":`;
      yield* payloadJson(db, row);
      yield `,"prev":${JSON.stringify(prev)},"hash":${JSON.stringify(row.hash)}}`;
      prev = row.hash;
    }
    if (page.length < EVENT_PAGE) break;
    after = page.at(-1)!.seq;
  }
  yield ']}';
}

/** Pieces gathered into runs of some 64 KiB, as UTF-8: what a streamed answer sends. */
export function bytesOf(pieces: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = pieces[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let run = '';
      while (run.length < 1 << 16) {
        const next = await iterator.next();
        if (next.done) {
          if (run) controller.enqueue(encoder.encode(run));
          controller.close();
          return;
        }
        run += next.value;
      }
      controller.enqueue(encoder.encode(run));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
