/**
 * One measured run for bench/tally.ts, in a process of its own so that its peak memory is its
 * own: `node bin/run-ts.js bench/tally-child.ts FILE MODE`, MODE a counting method or
 * `read-split` (the floor: read the file as text and split its lines, nothing more). Prints one
 * line of JSON: {readMs, countMs, readCpuMs, countCpuMs, ballots, groups, stages, startRss,
 * peakRss}: wall-clock and CPU (user + system) milliseconds, memory in bytes.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { readBltFile } from '../src/cli/tally.ts';
import { countElection } from '../src/domain/tally/count.ts';

const [file, mode] = process.argv.slice(2);
if (!file || !mode) {
  console.error('usage: tally-child.ts FILE METHOD|read-split');
  process.exit(64);
}
const startRss = process.memoryUsage().rss;
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const c0 = cpu();
const t0 = performance.now();
let countMs = 0;
let ballots: number;
let groups = 0;
let stages = 0;
let readMs: number;
let readCpuMs: number;
let countCpuMs = 0;
if (mode === 'read-split') {
  ballots = (await readFile(file, 'utf8')).split('\n').length;
  readMs = performance.now() - t0;
  readCpuMs = cpu() - c0;
} else {
  const profile = await readBltFile(file);
  readMs = performance.now() - t0;
  readCpuMs = cpu() - c0;
  const c1 = cpu();
  const t1 = performance.now();
  const result = countElection(profile, mode);
  countMs = performance.now() - t1;
  countCpuMs = cpu() - c1;
  ballots = result.ballots;
  groups = profile.ballots.count;
  stages = result.rounds.length;
}
const peakRss = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    readMs,
    countMs,
    readCpuMs,
    countCpuMs,
    ballots,
    groups,
    stages,
    startRss,
    peakRss,
  }),
);
