/**
 * One measured run for bench/import.ts, in a process of its own so that its peak memory is its
 * own: `node bin/run-ts.js bench/import-child.ts MODE FILE ROWS`, with SQLITE_FILE or
 * DATABASE_URL saying which database. MODE `import` imports FILE into the Camden branch of the
 * Northfield story, as `seconded import-members` does (streamed from the file, one transaction);
 * MODE `bulk` is the floor: the same rows, made in memory 10,000 at a time, written by the same
 * statements with the same kind of ids (insertImported, newOrderedId) in one transaction:
 * nothing read, parsed, checked or looked up.
 * Prints one line of JSON: {ms, cpuMs, rows, added, startRss, peakRss}: wall-clock and CPU (user
 * + system) milliseconds, resident memory before and at its peak, in bytes.
 */
import { createReadStream, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../src/app/common/context.ts';
import { newOrderedId } from '../src/app/common/secrets.ts';
import { importMembers } from '../src/app/organisations/import-members.ts';
import { loadConfig } from '../src/config.ts';
import {
  insertImported,
  type ImportedMember,
  type ImportedPerson,
} from '../src/db/queries/member-import.ts';
import { openApp } from '../src/open-app.ts';
import { northfield } from '../test/story.ts';
import { registerRow } from './import-rows.ts';

const [mode, file, rowsArg] = process.argv.slice(2);
if ((mode !== 'import' && mode !== 'bulk') || !file || !rowsArg) {
  console.error('usage: import-child.ts import|bulk FILE ROWS');
  process.exit(64);
}
const rows = Number(rowsArg);
const quietLog: Logger = { info() {}, warn() {}, error: (m, e) => console.error(m, e) };
const app = await openApp(loadConfig({ ...process.env, LOG_LEVEL: 'error' }), quietLog);
const { ctx } = app;
const story = await northfield(ctx);
const startRss = process.memoryUsage().rss;
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const c0 = cpu();
let added = 0;
const t0 = performance.now();
if (mode === 'import') {
  const report = await importMembers(ctx, {
    actor: story.admin,
    bodyId: story.camdenId,
    csv: {
      size: statSync(file).size,
      chunks: () => createReadStream(file),
    },
    dryRun: false,
  });
  if (report.rejected.length) throw new Error(`rejected: ${JSON.stringify(report.rejected[0])}`);
  added = report.added;
} else {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (let from = 0; from < rows; from += 10_000) {
      const people: ImportedPerson[] = [];
      const members: ImportedMember[] = [];
      for (let i = from; i < Math.min(rows, from + 10_000); i++) {
        const row = registerRow(i);
        const personId = newOrderedId();
        people.push([personId, row.name, row.email]);
        members.push([newOrderedId(), story.camdenId, personId, row.number, row.joined, null]);
      }
      await insertImported(trx, at, people, members);
      added += people.length;
    }
  });
}
const ms = performance.now() - t0;
const cpuMs = cpu() - c0;
await app.database.close();
console.log(
  JSON.stringify({
    ms,
    cpuMs,
    rows,
    added,
    startRss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    memory: process.memoryUsage(),
  }),
);
