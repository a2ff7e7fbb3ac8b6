import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { signedIn } from '../../test/http-client.ts';
import { tallyCommand, toJson } from '../cli/tally.ts';
import type { TallyResult } from '../domain/tally/types.ts';
import { seedDemo } from './seed-demo.ts';

// Each test seeds the whole demo, which takes well over the default 30 s on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

/** `seconded tally ARGS` as a person at a terminal runs it, its standard output kept. */
async function tally(...argv: string[]) {
  let stdout = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      stdout += chunk.toString();
      done();
    },
  });
  const err = new Writable({ write: (_c, _e, done) => done() });
  const code = await tallyCommand(argv, { stdout: out, stderr: err, isTTY: false });
  return { code, stdout };
}

/** A count as the CLI prints it in JSON, without the title (the published count has none). */
const stages = (count: unknown) =>
  Object.fromEntries(Object.entries(count as object).filter(([key]) => key !== 'title'));

describeEachDatabase('a recount of the demo election', (database) => {
  it('downloaded as BLT and counted with seconded tally, gives the published count stage by stage, its draw by lot included', async () => {
    const ctx = testContext(database());
    const { password } = await seedDemo(ctx);
    const ballot = await ctx.db
      .selectFrom('ballots')
      .select(['id', 'result'])
      .where('question', '=', 'Delegate to the annual conference')
      .executeTakeFirstOrThrow();
    const published = (JSON.parse(ballot.result!) as { count: TallyResult }).count;
    // The demo's count has a tie settled by lot: the case a recount got wrong without the seed.
    expect(published.ties.some((t) => t.method === 'lot')).toBe(true);

    const member = await signedIn(ctx, 'camden.chair@example.org', password);
    const res = await member.request(`/ballots/${ballot.id}/box.blt`);
    expect(res.status).toBe(200);
    const blt = await res.text();
    expect(blt).toContain(`"method: scottish-stv"\n"seed: ${published.seed}"\n`);
    const file = join(mkdtempSync(join(tmpdir(), 'seconded-recount-')), 'demo.blt');
    writeFileSync(file, blt);

    const recount = await tally(file, '--format', 'json');
    expect(recount.code).toBe(0);
    expect(stages(JSON.parse(recount.stdout))).toEqual(stages(toJson(published)));

    // The count sheet names the seed at the tie, as the count page does.
    const sheet = await tally(file);
    expect(sheet.stdout).toContain(`seed "${published.seed}"`);
    const page = await (await member.request(`/ballots/${ballot.id}`)).text();
    expect(page).toContain(`drawn from the seed ${published.seed}`);
  });
});
