/**
 * A big election's shuffle on the board (docs/mixnet-protocol.md, "How the server keeps a big
 * event"): a shuffle event of N ballots of 10 (400,000 by default, DESIGN.md's party election)
 * appended to a board and then served, each in a process of its own so that each one's peak
 * memory is its own:
 *
 *   node bin/run-ts.js bench/board-slices.ts store FILE [N]   # appendToBoard, on SQLite FILE
 *   node bin/run-ts.js bench/board-slices.ts serve FILE       # the board streamed, hashed
 *
 * The ciphertexts and the proof's lists are fabricated (random hex of a point's length, nothing
 * checks them): what is measured is storing (the hash fed in pieces, the slices written) and
 * serving (boardJson read a page at a time through bytesOf), not the proof's check. Serving's
 * peak RSS should not grow with N; storing holds the payload's objects, as the upload does.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { appendToBoard } from '../src/app/ballots/board.ts';
import { boardJson, bytesOf } from '../src/app/ballots/board-slices.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
let counter = 0;
/** Distinct 64-digit hex, as fast as they come: fabricated, not points. */
const hex = () => (counter++).toString(16).padStart(64, 'f');
const peakRss = () => mb(process.resourceUsage().maxRSS * 1024);

function fakeShuffle(n: number, w: number) {
  const list = () => Array.from({ length: n }, hex);
  return {
    trustee: 1,
    ballots: Array.from({ length: n }, () =>
      Array.from({ length: w }, () => ({ alpha: hex(), beta: hex() })),
    ),
    proof: {
      commitments: list(),
      chain: list(),
      challenge: hex(),
      s1: hex(),
      s2: hex(),
      s3: hex(),
      s4: Array.from({ length: w }, hex),
      sHat: list(),
      sPrime: list(),
    },
  };
}

const [phase, file, count] = process.argv.slice(2);
if (!file || (phase !== 'store' && phase !== 'serve')) {
  console.error('usage: bench/board-slices.ts store|serve FILE [N]');
  process.exit(2);
}
const open = openDatabase({ kind: 'sqlite', file });
const t = performance.now();
if (phase === 'store') {
  const n = Number(count ?? 400_000);
  await migrateToLatest(open);
  // The board's ballot row is not needed to time the board.
  await sql`pragma foreign_keys = off`.execute(open.db);
  const payload = fakeShuffle(n, 10);
  const made = (performance.now() - t) / 1000;
  const heap = mb(process.memoryUsage().heapUsed);
  const s = performance.now();
  const event = await open.db
    .transaction()
    .execute((trx) => appendToBoard(trx, 'b1', 'shuffle', payload));
  console.log(
    `store ${n.toLocaleString('en')} ballots of 10: fabricated in ${made.toFixed(1)} s (heap ${heap} MB), hashed and stored in ${((performance.now() - s) / 1000).toFixed(1)} s, hash ${event.hash.slice(0, 16)}…; peak RSS ${peakRss()} MB`,
  );
} else {
  const hash = createHash('sha256');
  let bytes = 0;
  const reader = bytesOf(boardJson(open.db, 'b1')).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    hash.update(r.value);
    bytes += r.value.length;
  }
  const digest = hash.digest('hex').slice(0, 16);
  console.log(
    `serve: ${mb(bytes)} MB of board JSON streamed in ${((performance.now() - t) / 1000).toFixed(1)} s (sha256 ${digest}…); peak RSS ${peakRss()} MB`,
  );
}
await open.close();
