/**
 * Counting benchmark: generated elections of 100,000 and 1,000,000 ranked ballots (15
 * candidates, 5 seats), written as BLT to a temporary directory, then read, parsed and counted
 * by IRV, Scottish STV and Meek STV. The baseline, measured in the same run, is the time merely
 * to read the file and split it into lines; every figure is reported with its ratio to it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readBlt } from '../src/domain/tally/blt.ts';
import { countIrv } from '../src/domain/tally/irv.ts';
import { countMeekStv } from '../src/domain/tally/meek-stv.ts';
import { countScottishStv } from '../src/domain/tally/scottish-stv.ts';
import { seededRandom } from '../src/domain/tally/ties.ts';
import type { BallotProfile, TallyResult } from '../src/domain/tally/types.ts';
import type { Figure } from './figure.ts';

const CANDIDATES = 15;
const SEATS = 5;

/**
 * A deterministic, skewed electorate: three parties of five candidates with uneven support;
 * voters rank a few candidates (most 2 to 6, some all 15), mostly within their party first,
 * with a popular candidate in each party drawing most first preferences.
 */
export function generateBlt(ballots: number, seed: string): string {
  const random = seededRandom(seed);
  const party = (c: number) => Math.floor(c / 5);
  const partyShare = [0.45, 0.35, 0.2];
  const appeal = Array.from({ length: CANDIDATES }, (_, c) => 1 / (1 + (c % 5)) ** 1.3);
  const lines: string[] = [`${CANDIDATES} ${SEATS}`];
  const weight = new Float64Array(CANDIDATES);
  for (let b = 0; b < ballots; b++) {
    const r = random();
    const home = r < partyShare[0]! ? 0 : r < partyShare[0]! + partyShare[1]! ? 1 : 2;
    const u = random();
    const length =
      u < 0.08 ? 1 : u < 0.85 ? 2 + Math.floor(random() * 5) : 7 + Math.floor(random() * 9);
    for (let c = 0; c < CANDIDATES; c++) weight[c] = appeal[c]! * (party(c) === home ? 8 : 1);
    let line = '1';
    for (let k = 0; k < length; k++) {
      let total = 0;
      for (let c = 0; c < CANDIDATES; c++) total += weight[c]!;
      let x = random() * total;
      let pick = 0;
      for (; pick < CANDIDATES - 1; pick++) {
        x -= weight[pick]!;
        if (x < 0 && weight[pick]! > 0) break;
      }
      while (weight[pick] === 0) pick = (pick + 1) % CANDIDATES;
      weight[pick] = 0;
      line += ` ${pick + 1}`;
    }
    lines.push(`${line} 0`);
  }
  lines.push('0');
  for (let c = 0; c < CANDIDATES; c++) lines.push(`"Candidate ${String.fromCharCode(65 + c)}"`);
  lines.push(`"Generated election of ${ballots} ballots (seed ${seed})"`);
  return lines.join('\n') + '\n';
}

const seconds = (ms: number) => ms / 1000;

function time<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t };
}

export async function benchTally(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const sizes = opts.quick ? [100_000] : [100_000, 1_000_000];
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-tally-'));
  const figures: Figure[] = [];
  const emit = (f: Figure) => {
    figures.push(f);
    if (opts.json) console.log(JSON.stringify(f));
  };
  try {
    for (const size of sizes) {
      const label = size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1000}k`;
      const file = join(dir, `election-${label}.blt`);
      writeFileSync(file, generateBlt(size, `bench-${size}`));

      // baseline: read the file and split it into lines, nothing more (best of 3)
      let baselineMs = Infinity;
      for (let i = 0; i < 3; i++) {
        const { ms } = await timeAsync(
          async () => (await readFile(file, 'utf8')).split('\n').length,
        );
        baselineMs = Math.min(baselineMs, ms);
      }
      const baseline = seconds(baselineMs);
      emit({
        bench: `tally.baseline.read-split.${label}`,
        value: baseline,
        unit: 's',
        baseline,
        ratio: 1,
      });

      const read = await timeAsync(async () => readBlt(await readFile(file, 'utf8')));
      const profile: BallotProfile = read.value;
      emit({
        bench: `tally.read-parse.${label}`,
        value: seconds(read.ms),
        unit: 's',
        baseline,
        ratio: seconds(read.ms) / baseline,
      });

      const rules: [string, (p: BallotProfile) => TallyResult][] = [
        ['irv', countIrv],
        ['scottish-stv', countScottishStv],
        ['meek-stv', countMeekStv],
      ];
      for (const [name, count] of rules) {
        const run = time(() => count(profile));
        const s = seconds(run.ms);
        emit({
          bench: `tally.count.${name}.${label}`,
          value: s,
          unit: 's',
          baseline,
          ratio: s / baseline,
        });
        const whole = s + seconds(read.ms);
        emit({
          bench: `tally.read-and-count.${name}.${label}`,
          value: whole,
          unit: 's',
          baseline,
          ratio: whole / baseline,
        });
        emit({
          bench: `tally.throughput.${name}.${label}`,
          value: Math.round(size / whole),
          unit: 'ballots/s',
          baseline: Math.round(size / baseline),
          ratio: size / whole / (size / baseline),
        });
        if (!opts.json) {
          console.log(
            `${label.padStart(4)} ${name.padEnd(13)} count ${s.toFixed(3)} s, read+count ${whole.toFixed(3)} s ` +
              `(${Math.round(size / whole).toLocaleString('en-GB')} ballots/s), ${run.value.rounds.length} stages, ` +
              `${profile.ballots.count.toLocaleString('en-GB')} distinct rankings`,
          );
        }
      }
      if (!opts.json) {
        console.log(
          `${label.padStart(4)} read+parse ${seconds(read.ms).toFixed(3)} s; baseline read+split ${baseline.toFixed(3)} s ` +
            `(x${(seconds(read.ms) / baseline).toFixed(1)})`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
