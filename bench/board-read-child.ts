/**
 * One reading of the synthetic board file of bench/board-read.ts, in its own process so that its
 * peak memory is its own: `stream` (the command line's reader, json-stream.ts, then the verifier's
 * digest of the shuffle event in pieces), `kept` (what the key holder's commands keep: a cast
 * ballot's ciphertexts), `split` (the baseline: the file read in chunks and cut
 * into events by a scan of its bytes, nothing parsed), or `whole` (the former reading: one string,
 * JSON.parse). Prints one line of JSON.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readKept } from '../src/cli/board-file.ts';
import { fileChunks, parseJsonStream } from '../src/cli/json-stream.ts';
import { digest } from '../src/verifier/group.ts';

const [mode, file] = process.argv.slice(2) as [string, string];

/** Events found by following strings and nesting in the bytes (depth 2 closes an event). */
async function split(): Promise<number> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let events = 0;
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if ((c === 0x7d || c === 0x5d) && --depth === 1) events++;
    }
  }
  return events;
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const out: Record<string, unknown> = { mode };
try {
  if (mode === 'split') out['events'] = await split();
  else if (mode === 'whole') {
    const board = JSON.parse(await readFile(file, 'utf8')) as { events: unknown[] };
    out['events'] = board.events.length;
  } else if (mode === 'kept') {
    const board = await readKept(file);
    out['heapAfterReadMB'] = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
    out['events'] = board.events.length;
  } else {
    const { value } = await parseJsonStream(fileChunks(file));
    const board = value as {
      events: { seq: number; type: string; payload: unknown; prev: string }[];
    };
    out['readSeconds'] = (performance.now() - t0) / 1000;
    out['heapAfterReadMB'] = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
    const t1 = performance.now();
    const e = board.events.at(-1)!;
    out['hash'] = digest({ seq: e.seq, type: e.type, payload: e.payload, prev: e.prev });
    out['digestSeconds'] = (performance.now() - t1) / 1000;
    out['events'] = board.events.length;
  }
} catch (e) {
  out['error'] = (e as Error).message;
}
const cpu = process.cpuUsage(cpu0);
out['wallSeconds'] = (performance.now() - t0) / 1000;
out['cpuSeconds'] = (cpu.user + cpu.system) / 1e6;
out['peakRssMB'] = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(out));
