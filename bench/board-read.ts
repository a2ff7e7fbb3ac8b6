/**
 * Reading a board file too large for one string (README, "Ranked ballots: the verifiable
 * shuffle and the recount"): a synthetic board of BOARD_READ_BALLOTS ballots (400,000 by default,
 * 40,000 with --quick) of 10 sealed preferences, a setup event and one shuffle event with its
 * proof's lists, about 680 MB for 400,000. The ciphertexts are FABRICATED (random 64-digit hex,
 * not points): this measures reading, not checking. Each reading runs in its own process (peak
 * memory is the process's maxRSS): the command line's streamed reader with the hash of the shuffle
 * event in pieces, against the baseline of reading the same file in chunks and cutting it into
 * events without parsing, and the former reading (one string and JSON.parse), which fails above
 * about 512 MB.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeJsonFile } from '../src/cli/json-stream.ts';
import { figurePrinter } from './figure.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const W = 10;

/** Random hex of 64 digits, `n` of them, from one draw of random bytes. */
function hexes(n: number): string[] {
  const bytes = randomBytes(32 * n).toString('hex');
  return Array.from({ length: n }, (_, i) => bytes.slice(64 * i, 64 * i + 64));
}

/** The synthetic board, written as the command line writes boards (in pieces). */
async function makeBoard(file: string, n: number) {
  const ballots = Array.from({ length: n }, () => {
    const h = hexes(2 * W);
    return Array.from({ length: W }, (_, k) => ({ alpha: h[2 * k]!, beta: h[2 * k + 1]! }));
  });
  const payload = {
    trustee: 1,
    ballots,
    proof: {
      commitments: hexes(n),
      chain: hexes(n),
      challenge: hexes(1)[0],
      s1: hexes(1)[0],
      s2: hexes(1)[0],
      s3: hexes(1)[0],
      s4: hexes(W),
      sHat: hexes(n),
      sPrime: hexes(n),
    },
  };
  const setup = {
    seq: 0,
    type: 'setup',
    payload: { ballot: 'bench' },
    prev: '0'.repeat(64),
    hash: hexes(1)[0],
  };
  const shuffle = { seq: 1, type: 'shuffle', payload, prev: setup.hash, hash: hexes(1)[0] };
  await writeJsonFile(file, { format: 'seconded-board-1', events: [setup, shuffle] });
}

async function reading(mode: string, file: string) {
  const { stdout } = await run(
    process.execPath,
    [
      '--max-old-space-size=16384',
      join(root, 'bin/run-ts.js'),
      join(root, 'bench/board-read-child.ts'),
      mode,
      file,
    ],
    { maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number | string>;
}

export async function benchBoardRead({ json, quick }: { json: boolean; quick: boolean }) {
  const print = figurePrinter(json);
  const n = Number(process.env['BOARD_READ_BALLOTS'] ?? (quick ? 40_000 : 400_000));
  const file = join(tmpdir(), `seconded-bench-board-read-${n}.json`);
  if (!existsSync(file)) {
    const t = performance.now();
    await makeBoard(file, n);
    console.error(`board-read: wrote ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const mb = statSync(file).size / 2 ** 20;
  const split = await reading('split', file);
  const stream = await reading('stream', file);
  const whole = await reading('whole', file);
  const rate = (s: unknown) => mb / Number(s);
  print(
    {
      bench: `board-read/${n}`,
      value: rate(stream['wallSeconds']),
      unit: 'MB/s',
      baseline: rate(split['wallSeconds']),
      ratio: Number(split['wallSeconds']) / Number(stream['wallSeconds']),
    },
    `board-read ${n} ballots of ${W} (${mb.toFixed(0)} MB, fabricated ciphertexts): streamed ` +
      `${Number(stream['readSeconds']).toFixed(1)} s to read + ${Number(stream['digestSeconds']).toFixed(1)} s ` +
      `to hash the shuffle event (${Number(stream['cpuSeconds']).toFixed(1)} s CPU), peak RSS ${stream['peakRssMB']} MB, ` +
      `heap ${stream['heapAfterReadMB']} MB after reading${stream['error'] ? ` ERROR ${stream['error']}` : ''}; ` +
      `baseline read and split ${Number(split['wallSeconds']).toFixed(1)} s, peak RSS ${split['peakRssMB']} MB; ` +
      `one string and JSON.parse: ${whole['error'] ? `fails (${whole['error']})` : `${Number(whole['wallSeconds']).toFixed(1)} s, peak RSS ${whole['peakRssMB']} MB`}`,
  );
}
