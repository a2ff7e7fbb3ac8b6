/**
 * A key holder's shuffle handed in in parts (docs/mixnet-protocol.md section 6): what the
 * server does with the parts of a shuffle of N ballots of 10 (UPLOAD_BALLOTS, 40,000 by
 * default, above the 37,000 one 64 MB body could hold) before the proof's check: each part's
 * check of shape and encodings (every point decoded), its storing, then at the completion the
 * parts read back and put together, and the event's JSON as the board would store it. The
 * proof's check itself (CheckShuffleProof over the whole list, in the completion's transaction)
 * is timed by `--only shuffle`; it is the same whatever way the shuffle came in.
 *
 * The ciphertexts are distinct valid points made by additions and the proof's lists random
 * canonical points and scalars: the part's check reads only their encodings. On SQLite (a file
 * in the temporary directory) and, with UPLOAD_POSTGRES_URL, on PostgreSQL.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { G, randomScalar, scalarToHex, systemRandom } from '../src/domain/e2e/group.ts';
import {
  assemble,
  checkPart,
  partBallotsFor,
  partRange,
  splitPayload,
} from '../src/domain/e2e/parts.ts';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../src/db/database.ts';
import { listUploadParts, putUploadPart, replaceUpload } from '../src/db/queries/ballot-uploads.ts';
import { figurePrinter } from './figure.ts';

const seconds = (start: number) => (performance.now() - start) / 1000;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function fakeShuffle(n: number, w: number) {
  let p = G.multiply(7n);
  const point = () => (p = p.add(G)).toHex();
  const scalar = () => scalarToHex(randomScalar(systemRandom));
  return {
    trustee: 1,
    ballots: Array.from({ length: n }, () =>
      Array.from({ length: w }, () => ({ alpha: point(), beta: point() })),
    ),
    proof: {
      commitments: Array.from({ length: n }, point),
      chain: Array.from({ length: n }, point),
      challenge: scalar(),
      s1: scalar(),
      s2: scalar(),
      s3: scalar(),
      s4: Array.from({ length: w }, scalar),
      sHat: Array.from({ length: n }, scalar),
      sPrime: Array.from({ length: n }, scalar),
    },
  };
}

async function onDatabase(
  open: OpenDatabase,
  name: string,
  n: number,
  w: number,
  print: ReturnType<typeof figurePrinter>,
) {
  await migrateToLatest(open);
  const db = open.db;
  // The upload's ballot row is not needed to time the parts.
  if (name === 'sqlite') await sql`pragma foreign_keys = off`.execute(db);
  else await sql`set session_replication_role = replica`.execute(db);
  const payload = fakeShuffle(n, w);
  const partBallots = partBallotsFor(w);
  const { head, parts } = splitPayload('shuffle', payload, partBallots);
  const sent = parts.map((p) => JSON.stringify({ part: 0, payload: p }));
  const partBytes = Math.max(...sent.map((s) => s.length));
  await replaceUpload(db, {
    id: 'u1',
    ballot_id: 'b1',
    trustee: 1,
    step: 'shuffle',
    ballots: n,
    positions: w,
    part_ballots: partBallots,
    created_at: new Date().toISOString(),
    touched_at: null,
  });
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  let t = performance.now();
  for (const [i, text] of sent.entries()) {
    const body = JSON.parse(text) as { payload: unknown };
    const checked = checkPart('shuffle', body.payload, w, partRange(n, partBallots, i));
    await putUploadPart(db, 'u1', i, JSON.stringify(checked), new Date().toISOString());
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const partsTime = seconds(t);
  t = performance.now();
  const bodies = await listUploadParts(db, 'u1');
  const whole = assemble(
    'shuffle',
    head,
    bodies.map((b) => JSON.parse(b.body) as Record<string, unknown[]>),
  );
  const event = JSON.stringify(whole);
  peak = Math.max(peak, process.memoryUsage().rss);
  const completeTime = seconds(t);
  await open.close();
  print(
    {
      bench: `upload-parts-${name}-${n}x${w}`,
      value: partsTime + completeTime,
      unit: 's',
      baseline: null,
      ratio: null,
    },
    `${name}, ${n.toLocaleString('en')} ballots of ${w}: ${parts.length} parts of ${partBallots} ballots (largest ${mb(partBytes)} MB), checked and stored in ${partsTime.toFixed(1)} s (${(partsTime / parts.length).toFixed(2)} s a part); read back and put together in ${completeTime.toFixed(1)} s; the event's JSON ${mb(event.length)} MB (${(event.length / (n * w)).toFixed(0)} bytes a sealed preference); RSS ${mb(rss0)} MB before, ${mb(peak)} MB at most`,
  );
  return event.length / (n * w);
}

export async function benchUploadParts(opts: { json: boolean; quick: boolean }): Promise<void> {
  const print = figurePrinter(opts.json);
  const n = Number(process.env['UPLOAD_BALLOTS'] ?? (opts.quick ? 4_000 : 40_000));
  const w = 10;
  const file = join(mkdtempSync(join(tmpdir(), 'seconded-upload-')), 'bench.sqlite');
  const perPreference = await onDatabase(
    openDatabase({ kind: 'sqlite', file }),
    'sqlite',
    n,
    w,
    print,
  );
  const url = process.env['UPLOAD_POSTGRES_URL'];
  if (url) {
    const schema = `bench_upload_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      await onDatabase(
        openDatabase({ kind: 'postgres', url }, { schema }),
        'postgres',
        n,
        w,
        print,
      );
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
  const big = 400_000 * w * perPreference;
  console.log(
    `A shuffle of 400,000 ballots of 10 as one event's JSON: about ${mb(big)} MB, against V8's largest string of about 512 MB.`,
  );
}
