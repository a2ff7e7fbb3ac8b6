import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteLastEntry, recomputeChain } from '../../test/chain-attacks.ts';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import { northfield } from '../../test/story.ts';
import type { OpenDatabase } from '../db/database.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import type { SignedChainHead } from '../domain/chain-head.ts';

const bin = fileURLToPath(new URL('../../bin/seconded.js', import.meta.url));
const run = promisify(execFile);

/** Runs `seconded ARGS` as a user would, against the given database. */
async function seconded(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, BASE_URL: '', LOG_LEVEL: 'error', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** What a member does: `curl https://…/r/northfield-movement/chain > head.json`. */
async function saveHead(open: OpenDatabase, name = 'head.json') {
  const res = await client(testContext(open)).request('/r/northfield-movement/chain');
  expect(res.status).toBe(200);
  const text = await res.text();
  const file = join(mkdtempSync(join(tmpdir(), 'seconded-head-')), name);
  writeFileSync(file, text);
  return { file, head: JSON.parse(text) as SignedChainHead };
}

for (const dialect of DIALECTS) {
  describe(`seconded verify --against [${dialect}]`, () => {
    let open: (OpenDatabase & { env: Record<string, string> }) | undefined;
    afterEach(async () => {
      await open?.close();
    });

    it('passes an untouched chain, and catches its last entry deleted where plain verify cannot', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      await northfield(testContext(open));
      const { file, head } = await saveHead(open);

      const untouched = await seconded(open.env, 'verify', '--against', file);
      expect([untouched.code, untouched.stdout]).toEqual([
        0,
        `ok      organisation northfield-movement (${head.organisationId}): the chain still contains the saved head at entry ${head.seq} and holds together (${head.seq} entries)\n`,
      ]);

      await deleteLastEntry(open.db, head.organisationId);
      expect((await seconded(open.env, 'verify')).code).toBe(0);
      const cut = await seconded(open.env, 'verify', '--against', file);
      expect(cut.code).toBe(1);
      expect(cut.stdout).toBe(
        `BROKEN  organisation northfield-movement (${head.organisationId}), head saved at entry ${head.seq}: the chain ends at ${head.seq - 1} but the saved head is at ${head.seq}\n`,
      );

      // A head whose number was raised after saving no longer matches its signature.
      const forged = join(mkdtempSync(join(tmpdir(), 'seconded-head-')), 'forged.json');
      writeFileSync(forged, JSON.stringify({ ...head, seq: head.seq - 1 }));
      const refused = await seconded(open.env, 'verify', '--against', forged);
      expect([refused.code, refused.stdout]).toEqual([
        1,
        expect.stringContaining('the saved head does not match its signature'),
      ]);
    }, 120_000);

    it('catches the whole chain recomputed after a result was edited, which plain verify passes', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      await seedDemo(testContext(open));
      const { file, head } = await saveHead(open);
      const carried = await open.db
        .selectFrom('questions')
        .selectAll()
        .where('declared', 'like', '%carried%')
        .executeTakeFirstOrThrow();
      await open.db
        .updateTable('questions')
        .set({ counts: carried.counts!.replace('"for":23', '"for":3') })
        .where('id', '=', carried.id)
        .execute();
      await recomputeChain(open.db, head.organisationId);

      const plain = await seconded(open.env, 'verify');
      expect([plain.code, plain.stdout.match(/^ok/gm)?.length]).toEqual([0, 2]);
      const against = await seconded(open.env, 'verify', '--against', file);
      expect(against.code).toBe(1);
      const now = await open.db
        .selectFrom('audit_events')
        .select('hash')
        .where('organisation_id', '=', head.organisationId)
        .where('seq', '=', head.seq)
        .executeTakeFirstOrThrow();
      expect(against.stdout).toContain(
        `entry ${head.seq}'s hash is ${now.hash}, the saved head says ${head.hash}`,
      );
    }, 120_000);

    it('says what is wrong with a file that is not a saved head, or a key that is not one', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      const dir = mkdtempSync(join(tmpdir(), 'seconded-head-'));
      writeFileSync(join(dir, 'page.html'), '<html>not a head</html>');
      const html = await seconded(open.env, 'verify', '--against', join(dir, 'page.html'));
      expect([html.code, html.stderr]).toEqual([
        65,
        expect.stringContaining('page.html is not JSON'),
      ]);
      const missing = await seconded(open.env, 'verify', '--against', join(dir, 'none.json'));
      expect([missing.code, missing.stderr]).toEqual([66, expect.stringContaining('Cannot read')]);
      const key = await seconded(open.env, 'verify', '--against', 'x.json', '--key', 'abc');
      expect([key.code, key.stderr]).toEqual([
        64,
        expect.stringContaining('--key takes a public key of 64 hex digits'),
      ]);
    }, 120_000);
  });
}
