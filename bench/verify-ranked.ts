/**
 * Verifier benchmark for a ranked election's board (docs/mixnet-protocol.md): N ballots ranking
 * 10 candidates, two key holders who both shuffle and both decrypt (test/e2e-ranked-board.ts,
 * the server's modules), a 3-seat Scottish STV count; then checked whole as `seconded
 * verify-ballot` checks it (src/verifier/ranked.ts): every ballot's range proofs, both shuffle
 * proofs, every decryption factor's proof, the published rankings and the recount. In one thread
 * and over worker threads (the command's pool, shuffle-threads.ts). The baseline, on the same
 * board in the same run, is the floor every verifier pays: parsing the JSON and recomputing the
 * hash chain. Sizes: 300 and 1,000 ballots (`--quick`: 100); VERIFY_RANKED_BALLOTS=N,M for
 * others. Boards are kept in the temporary directory between runs (sealing is the slow part).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { shufflePool } from '../src/cli/shuffle-threads.ts';
import { recountByTally } from '../src/cli/verify-ranked.ts';
import { digest } from '../src/verifier/group.ts';
import { verifyRankedBoard } from '../src/verifier/ranked.ts';
import { checkShuffleWith } from '../src/verifier/shuffle.ts';
import { makeRankedElection } from '../test/e2e-ranked-board.ts';
import { figurePrinter, timed } from './figure.ts';

const CANDIDATES = Array.from({ length: 10 }, (_, c) => `Candidate ${c + 1}`);

/** A varied but seeded ranking: between 1 and 10 preferences, some empty ballots. */
function rankingOf(i: number): number[] {
  const length = (i * 7) % 11;
  const start = (i * 3) % 10;
  return Array.from({ length }, (_, k) => (start + k * (i % 2 ? 1 : 3)) % 10).filter(
    (c, k, all) => all.indexOf(c) === k,
  );
}

function boardText(ballots: number): string {
  const file = join(tmpdir(), `seconded-bench-ranked-board-${ballots}.json`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const started = performance.now();
  const { board } = makeRankedElection({
    seed: `bench ranked ${ballots}`,
    candidates: CANDIDATES,
    seats: 3,
    rule: 'scottish-stv',
    trustees: 2,
    needed: 2,
    rankings: Array.from({ length: ballots }, (_, i) => rankingOf(i)),
  });
  const text = JSON.stringify(board);
  writeFileSync(file, text);
  console.error(
    `built a ranked board of ${ballots} ballots in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return text;
}

export async function benchVerifyRanked(opts: { json: boolean; quick: boolean }) {
  const print = figurePrinter(opts.json);
  const threads = Math.min(2, availableParallelism());
  const sizes = process.env.VERIFY_RANKED_BALLOTS
    ? process.env.VERIFY_RANKED_BALLOTS.split(',').map(Number)
    : opts.quick
      ? [100]
      : [300, 1000];
  for (const ballots of sizes) {
    const text = boardText(ballots);
    const floor = await timed(async () => {
      const board = JSON.parse(text) as {
        events: { seq: number; type: string; payload: unknown; prev: string }[];
      };
      for (const e of board.events)
        digest({ seq: e.seq, type: e.type, payload: e.payload, prev: e.prev });
    });
    for (const workers of [false, true]) {
      const pool = workers ? shufflePool(threads) : undefined;
      let ok = false;
      const t = await timed(async () => {
        const verdict = await verifyRankedBoard(JSON.parse(text), {
          recount: recountByTally,
          ...(pool
            ? {
                checkShuffle: (...args) => checkShuffleWith(pool.check, threads, ...args),
                checkBallots: pool.checkRanked,
              }
            : {}),
        }).finally(() => pool?.close());
        ok = verdict.ok;
        if (!verdict.ok) console.error(verdict.item, verdict.reason);
      });
      if (!ok) throw new Error('the ranked benchmark board did not verify');
      const rate = ballots / t.wall;
      const name = workers ? `${threads} worker threads` : 'one thread';
      print(
        {
          bench: `verify-ballot.ranked.${workers ? 'workers' : 'one-thread'}.${ballots}`,
          value: rate,
          unit: 'ballots/s',
          baseline: ballots / floor.wall,
          ratio: floor.wall / t.wall,
        },
        `verify a ranked board of ${ballots} ballots × 10 (2 shuffles, 2 decryptions, STV recount), ${name}: ` +
          `${t.wall.toFixed(2)} s (CPU ${t.cpu.toFixed(2)} s, ${((1000 * t.cpu) / ballots).toFixed(1)} ms a ballot), ` +
          `${rate.toFixed(2)} ballots/s, ${(ballots / t.cpu).toFixed(2)} ballots per CPU second; ` +
          `the floor (JSON and hash chain) ${floor.wall.toFixed(3)} s`,
      );
    }
  }
}
