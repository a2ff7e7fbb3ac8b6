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
import { FileWriter, jsonPieces } from '../src/cli/json-stream.ts';
import { figurePrinter } from './figure.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const W = 10;

/** Random hex of 64 digits, `n` of them, from one draw of random bytes. */
function hexes(n: number): string[] {
  const bytes = randomBytes(32 * n).toString('hex');
  return Array.from({ length: n }, (_, i) => bytes.slice(64 * i, 64 * i + 64));
}

/** A fabricated cast ballot of a ranked election: its shape and size (about 19 KB), not its proofs. */
function castBallot(seq: number, prev: string) {
  const h = hexes(2 * W + 2 * W * 11 + 1);
  const choices = Array.from({ length: W }, (_, k) => ({ alpha: h[2 * k]!, beta: h[2 * k + 1]! }));
  const proofs = Array.from({ length: W }, (_, k) =>
    Array.from({ length: 11 }, (_, b) => ({
      challenge: h[2 * W + 22 * k + 2 * b]!,
      response: h[2 * W + 22 * k + 2 * b + 1]!,
    })),
  );
  const ballot = { pseudonym: h.at(-1)!.slice(0, 22), choices, proofs };
  return {
    seq,
    type: 'ballot',
    payload: { ballot, tracker: h.at(-1)!.slice(22, 65) },
    prev,
    hash: hexes(1)[0]!,
  };
}

/**
 * The synthetic board, written as the command line writes boards (in pieces): a setup, `cast`
 * cast ballots, and a shuffle of n ballots with its proof's lists.
 */
async function makeBoard(file: string, n: number, cast: number) {
  const out = new FileWriter(file);
  let prev = {
    seq: 0,
    type: 'setup',
    payload: { ballot: 'bench' },
    prev: '0'.repeat(64),
    hash: hexes(1)[0]!,
  };
  await out.write([`{"format":"seconded-board-1","events":[`, JSON.stringify(prev)]);
  for (let i = 0; i < cast; i++) {
    prev = castBallot(prev.seq + 1, prev.hash) as unknown as typeof prev;
    await out.write([',', JSON.stringify(prev)]);
  }
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
  const shuffle = {
    seq: prev.seq + 1,
    type: 'shuffle',
    payload,
    prev: prev.hash,
    hash: hexes(1)[0],
  };
  await out.write([',']);
  await out.write(jsonPieces(shuffle));
  await out.write([']}\n']);
  await out.end();
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
  const cast = Number(process.env['BOARD_READ_CAST'] ?? 0);
  const file = join(tmpdir(), `seconded-bench-board-read-${n}-${cast}.json`);
  if (!existsSync(file)) {
    const t = performance.now();
    await makeBoard(file, n, cast);
    console.error(`board-read: wrote ${file} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const mb = statSync(file).size / 2 ** 20;
  const split = await reading('split', file);
  const stream = await reading('stream', file);
  const whole = await reading('whole', file);
  if (cast) {
    const kept = await reading('kept', file);
    console.log(
      `board-read with ${cast} fabricated cast ballots: the key holder's reading (their ciphertexts kept) ` +
        `${Number(kept['wallSeconds']).toFixed(1)} s, peak RSS ${kept['peakRssMB']} MB, heap ${kept['heapAfterReadMB']} MB after reading${kept['error'] ? ` ERROR ${kept['error']}` : ''}`,
    );
  }
  const rate = (s: unknown) => mb / Number(s);
  print(
    {
      bench: `board-read/${n}`,
      value: rate(stream['wallSeconds']),
      unit: 'MB/s',
      baseline: rate(split['wallSeconds']),
      ratio: Number(split['wallSeconds']) / Number(stream['wallSeconds']),
    },
    `board-read ${n} ballots of ${W}${cast ? ` and ${cast} cast ballots` : ''} (${mb.toFixed(0)} MB, fabricated ciphertexts): streamed ` +
      `${Number(stream['readSeconds']).toFixed(1)} s to read + ${Number(stream['digestSeconds']).toFixed(1)} s ` +
      `to hash the shuffle event (${Number(stream['cpuSeconds']).toFixed(1)} s CPU), peak RSS ${stream['peakRssMB']} MB, ` +
      `heap ${stream['heapAfterReadMB']} MB after reading${stream['error'] ? ` ERROR ${stream['error']}` : ''}; ` +
      `baseline read and split ${Number(split['wallSeconds']).toFixed(1)} s, peak RSS ${split['peakRssMB']} MB; ` +
      `one string and JSON.parse: ${whole['error'] ? `fails (${whole['error']})` : `${Number(whole['wallSeconds']).toFixed(1)} s, peak RSS ${whole['peakRssMB']} MB`}`,
  );
}
