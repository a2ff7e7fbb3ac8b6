/**
 * Verifier benchmark: an end-to-end for/against/abstain card vote of N ballots (three trustees,
 * two needed) built by the server's e2e module (test/e2e-board.ts), then checked by
 * src/verifier as `seconded verify-ballot` does: in one thread, and with the ballots' proofs
 * split between worker threads. The target (issue 14) is a 100,000-ballot board in under five
 * minutes on two cores. Sizes: 1,000, 10,000 and 30,000 ballots (`--quick`: 100 and 1,000).
 * Sealing a ballot costs its voter's device about twice what checking it costs the verifier, so
 * a 100,000-ballot board would take hours to build here: the figure for 100,000 is extrapolated
 * from the largest size measured, and the last line says how the cost per ballot grew with the
 * board's size (each ballot is checked on its own and the total is one addition per ballot, so
 * it should stay flat; JSON.parse of the board and the hash chain grow linearly too). The
 * baseline, measured on the same board, is the floor every verifier pays: parsing the JSON and
 * recomputing the hash chain. Boards are kept in the temporary directory between runs (they take
 * a while to build).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { workerChecker } from '../src/cli/verify-ballot.ts';
import { digest } from '../src/verifier/group.ts';
import { verifyBoard } from '../src/verifier/index.ts';
import { makeBoard } from '../test/e2e-board.ts';
import { figurePrinter, timed, type Figure } from './figure.ts';
import { benchVerifyRanked } from './verify-ranked.ts';

const VOTES = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

function boardText(ballots: number): string {
  const file = join(tmpdir(), `seconded-bench-board-${ballots}.json`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const text = JSON.stringify(
    makeBoard({
      seed: `bench ${ballots}`,
      choices: ['for', 'against', 'abstain'],
      min: 1,
      max: 1,
      rule: 'simple-majority-of-votes-cast',
      trustees: 3,
      needed: 2,
      electors: Array.from({ length: ballots }, (_, i) => ({
        weight: 1 + (i % 4 === 0 ? 2 : 0),
        vote: VOTES[i % 3]!,
      })),
    }),
  );
  writeFileSync(file, text);
  return text;
}

export async function benchVerifyBallot(opts: { json: boolean; quick: boolean }) {
  const print = figurePrinter(opts.json);
  const threads = Math.min(2, availableParallelism());
  const perBallot: { ballots: number; cpuMs: number }[] = [];
  for (const ballots of opts.quick ? [100, 1000] : [1000, 10_000, 30_000]) {
    const text = boardText(ballots);
    const floor = await timed(async () => {
      const board = JSON.parse(text) as {
        events: { seq: number; type: string; payload: unknown; prev: string }[];
      };
      for (const e of board.events)
        digest({ seq: e.seq, type: e.type, payload: e.payload, prev: e.prev });
    });
    for (const [name, checker] of [
      ['one thread', undefined],
      [`${threads} worker threads`, workerChecker(threads, 1)],
    ] as const) {
      let ok = false;
      const t = await timed(async () => {
        const verdict = await verifyBoard(
          JSON.parse(text),
          checker ? { checkBallots: checker } : {},
        );
        ok = verdict.ok;
      });
      if (!ok) throw new Error('the benchmark board did not verify');
      const rate = ballots / t.wall;
      const figure: Figure = {
        bench: `verify-ballot.${threads > 1 && checker ? 'workers' : 'one-thread'}.${ballots}`,
        value: rate,
        unit: 'ballots/s',
        baseline: ballots / floor.wall,
        ratio: floor.wall / t.wall,
      };
      // On a shared machine wall time drifts with the load; CPU seconds per ballot spread over
      // two cores is the figure a quiet two-core machine would give.
      const quiet = ((t.cpu / ballots) * 100_000) / threads / 60;
      if (checker) perBallot.push({ ballots, cpuMs: (1000 * t.cpu) / ballots });
      print(
        figure,
        `verify ${ballots} ballots, ${name}: ${t.wall.toFixed(2)} s (CPU ${t.cpu.toFixed(2)} s, ${((1000 * t.cpu) / ballots).toFixed(1)} ms a ballot), ${rate.toFixed(1)} ballots/s; ` +
          `100,000 ballots: ${(100_000 / rate / 60).toFixed(1)} min at this rate, ${quiet.toFixed(1)} min from the CPU time on ${threads} quiet cores (the target is 5); ` +
          `the floor (JSON and hash chain) ${floor.wall.toFixed(3)} s`,
      );
    }
  }
  const [first, last] = [perBallot[0]!, perBallot.at(-1)!];
  print(
    {
      bench: 'verify-ballot.cpu-per-ballot-growth',
      value: last.cpuMs / first.cpuMs,
      unit: 'ratio',
      baseline: first.cpuMs,
      ratio: last.cpuMs / first.cpuMs,
    },
    `CPU a ballot with worker threads: ${perBallot.map((p) => `${p.cpuMs.toFixed(1)} ms at ${p.ballots.toLocaleString('en')}`).join(', ')} ` +
      `(x${(last.cpuMs / first.cpuMs).toFixed(2)} from the smallest board to the largest: 1.00 is linear growth)`,
  );
  // And a ranked election's board, with its shuffles and decryptions (also `--only verify-ranked`).
  await benchVerifyRanked(opts);
}
