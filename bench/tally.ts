/**
 * Counting benchmark: generated elections of 100,000, 1,000,000 and 5,000,000 ranked ballots
 * (15 candidates, 5 seats), written as BLT to a temporary directory, then read and counted by
 * IRV, Scottish STV, Meek STV and Schulze, each run in a fresh process (bench/tally-child.ts)
 * that reads the file as `seconded tally` does, in chunks, and reports its own time and peak
 * memory. The baseline, measured the same way in the same run, is the floor: reading the file
 * as text and splitting it into lines, nothing more. Times are the best of three runs (one at
 * 5,000,000), wall clock and, beside it, the child's CPU time (user + system), which a machine
 * shared with other work disturbs less; peak memory is the largest resident set of the child.
 */
import { execFile } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seededRandom } from '../src/domain/tally/ties.ts';
import type { Figure } from './figure.ts';

const CANDIDATES = 15;
const SEATS = 5;
const METHODS = ['irv', 'scottish-stv', 'meek-stv', 'schulze'] as const;

/**
 * A deterministic, skewed electorate, written line by line to `write`: a mixture of three
 * Plackett–Luce models, one per party (three parties of five candidates, supported by 45, 35
 * and 20% of voters). A voter draws each next preference among the candidates not yet ranked
 * with chance in proportion to their worth: the candidate's appeal (1, 0.41, 0.24, 0.16 and
 * 0.12 within each party) times 8 for the voter's own party. Rankings are cut short at random
 * (8% rank one candidate, 77% two to six, 15% seven to all fifteen), so popular orders repeat
 * as they do in real elections: about a third of the rankings are distinct at 1,000,000
 * ballots, a quarter at 5,000,000.
 */
export function generateBlt(ballots: number, seed: string, write: (text: string) => void): void {
  const random = seededRandom(seed);
  const party = (c: number) => Math.floor(c / 5);
  const partyShare = [0.45, 0.35, 0.2];
  const appeal = Array.from({ length: CANDIDATES }, (_, c) => 1 / (1 + (c % 5)) ** 1.3);
  let lines: string[] = [`${CANDIDATES} ${SEATS}`];
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
    if (lines.length === 10_000) {
      write(lines.join('\n') + '\n');
      lines = [];
    }
  }
  lines.push('0');
  for (let c = 0; c < CANDIDATES; c++) lines.push(`"Candidate ${String.fromCharCode(65 + c)}"`);
  lines.push(`"Generated election of ${ballots} ballots (seed ${seed})"`);
  write(lines.join('\n') + '\n');
}

interface ChildRun {
  readMs: number;
  countMs: number;
  readCpuMs: number;
  countCpuMs: number;
  ballots: number;
  groups: number;
  stages: number;
  startRss: number;
  peakRss: number;
}

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

async function child(file: string, mode: string): Promise<ChildRun> {
  const { stdout } = await run(
    process.execPath,
    [join(root, 'bin/run-ts.js'), join(root, 'bench/tally-child.ts'), file, mode],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildRun;
}

/** The best time of `times` runs, and the largest peak memory among them. */
async function best(file: string, mode: string, times: number): Promise<ChildRun> {
  let out: ChildRun | undefined;
  for (let i = 0; i < times; i++) {
    const r = await child(file, mode);
    if (!out) out = r;
    else {
      if (r.readMs + r.countMs < out.readMs + out.countMs) {
        out = { ...r, peakRss: Math.max(r.peakRss, out.peakRss) };
      } else out.peakRss = Math.max(r.peakRss, out.peakRss);
    }
  }
  return out!;
}

const label = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}m` : `${size / 1000}k`);
const s = (ms: number) => ms / 1000;
const mb = (bytes: number) => Math.round(bytes / 1e6);

export async function benchTally(opts: { json: boolean; quick?: boolean }): Promise<void> {
  const sizes = opts.quick ? [100_000] : [100_000, 1_000_000, 5_000_000];
  const dir = mkdtempSync(join(tmpdir(), 'seconded-bench-tally-'));
  // with --json one line per figure, else one sentence per run
  const emit = (f: Figure) => opts.json && console.log(JSON.stringify(f));
  const say = (text: string) => !opts.json && console.log(text);
  try {
    for (const size of sizes) {
      const name = label(size);
      const file = join(dir, `election-${name}.blt`);
      const fd = openSync(file, 'w');
      generateBlt(size, `bench-${size}`, (text) => writeSync(fd, text));
      closeSync(fd);
      const times = size > 1_000_000 ? 1 : 3;
      const floor = await best(file, 'read-split', times);
      const baseline = s(floor.readMs);
      const baselineCpu = s(floor.readCpuMs);
      emit({
        bench: `tally.baseline.read-split.${name}`,
        value: baseline,
        unit: 's',
        baseline,
        ratio: 1,
      });
      // the floor's memory: it holds the whole text, where a count holds the distinct rankings
      emit({
        bench: `tally.peak-rss.read-split.${name}`,
        value: mb(floor.peakRss),
        unit: 'MB',
        baseline: mb(floor.startRss),
        ratio: floor.peakRss / floor.startRss,
      });
      say(
        `${name.padStart(4)} floor: read ${(statSync(file).size / 1e6).toFixed(0)} MB as text and split its lines ${baseline.toFixed(3)} s (CPU ${baselineCpu.toFixed(3)} s), peak ${mb(floor.peakRss)} MB`,
      );
      for (const method of METHODS) {
        const r = await best(file, method, times);
        const whole = s(r.readMs + r.countMs);
        const wholeCpu = s(r.readCpuMs + r.countCpuMs);
        const figures: Figure[] = [
          {
            bench: `tally.read.${method}.${name}`,
            value: s(r.readMs),
            unit: 's',
            baseline,
            ratio: s(r.readMs) / baseline,
          },
          {
            bench: `tally.count.${method}.${name}`,
            value: s(r.countMs),
            unit: 's',
            baseline,
            ratio: s(r.countMs) / baseline,
          },
          {
            bench: `tally.read-and-count.${method}.${name}`,
            value: whole,
            unit: 's',
            baseline,
            ratio: whole / baseline,
          },
          {
            bench: `tally.count-cpu.${method}.${name}`,
            value: s(r.countCpuMs),
            unit: 's',
            baseline: baselineCpu,
            ratio: r.countCpuMs / floor.readCpuMs,
          },
          {
            bench: `tally.read-and-count-cpu.${method}.${name}`,
            value: wholeCpu,
            unit: 's',
            baseline: baselineCpu,
            ratio: wholeCpu / baselineCpu,
          },
          {
            bench: `tally.peak-rss.${method}.${name}`,
            value: mb(r.peakRss),
            unit: 'MB',
            baseline: mb(r.startRss),
            ratio: r.peakRss / r.startRss,
          },
        ];
        for (const f of figures) emit(f);
        say(
          `${name.padStart(4)} ${method.padEnd(13)} read ${s(r.readMs).toFixed(3)} s + count ${s(r.countMs).toFixed(3)} s = ${whole.toFixed(3)} s ` +
            `(x${(whole / baseline).toFixed(1)} the floor; CPU ${wholeCpu.toFixed(3)} s, x${(wholeCpu / baselineCpu).toFixed(1)}), peak ${mb(r.peakRss)} MB (${mb(r.startRss)} MB at start), ` +
            `${r.stages} stages, ${r.groups.toLocaleString('en-GB')} distinct rankings`,
        );
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
