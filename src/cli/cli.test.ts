import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { northfield, sharedDataPath } from '../../test/story.ts';
import { listMembers } from '../app/list-members.ts';
import type { OpenDatabase } from '../db/database.ts';

const bin = fileURLToPath(new URL('../../bin/seconded.js', import.meta.url));
const run = promisify(execFile);

/** Runs `seconded ARGS` as a user would, against the given database. */
async function seconded(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      // Vite sets BASE_URL=/ in the test process; the CLI must not inherit it.
      env: { ...process.env, BASE_URL: '', LOG_LEVEL: 'error', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

for (const dialect of DIALECTS) {
  describe(`the seconded command [${dialect}]`, () => {
    let open: (OpenDatabase & { env: Record<string, string> }) | undefined;
    afterEach(async () => {
      await open?.close();
    });

    it('imports the Camden register: 38 added, 2 rejected with line and reason; again adds 0', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      const ctx = testContext(open);
      const { admin, camdenId } = await northfield(ctx);
      const file = sharedDataPath('members/camden-branch-register.csv');

      const dry = await seconded(
        open.env,
        'import-members',
        file,
        '--body',
        'northfield-movement/camden-town-group',
        '--dry-run',
      );
      expect(dry.stdout).toContain('Dry run (nothing saved): 40 rows: 38 would be added');
      expect(await listMembers(ctx, { actor: admin, bodyId: camdenId })).toHaveLength(0);

      const first = await seconded(open.env, 'import-members', file, '--body', camdenId);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('40 rows: 38 added, 0 updated, 0 unchanged, 2 rejected.');
      expect(first.stdout).toContain('line 19: no email address');
      expect(first.stdout).toContain('line 33: joined date "2023-02-30" is not a real date');
      expect(first.stderr).toMatch(/Importing into Camden Town Group.*100%/);
      expect(await listMembers(ctx, { actor: admin, bodyId: camdenId })).toHaveLength(38);

      const again = await seconded(open.env, 'import-members', file, '--body', camdenId);
      expect(again.stdout).toContain('40 rows: 0 added, 0 updated, 38 unchanged, 2 rejected.');
    }, 60_000);

    it('takes a column mapping by hand', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      const ctx = testContext(open);
      const { admin, camdenId } = await northfield(ctx);
      const result = await seconded(
        open.env,
        'import-members',
        sharedDataPath('members/islington-semicolon-bom.csv'),
        '--body',
        camdenId,
        '--map',
        'firstName=Prénom',
        '--map',
        'lastName=Nom',
        '--map',
        'email=Courriel',
        '--map',
        'joined=Adhésion',
      );
      expect(result.stdout).toContain('12 added');
      expect(await listMembers(ctx, { actor: admin, bodyId: camdenId })).toHaveLength(12);
    }, 60_000);

    it('says clearly what is wrong with bad input, and exits non-zero', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      await northfield(testContext(open));
      const missing = await seconded(open.env, 'import-members', '/no/such.csv', '--body', 'x');
      expect([missing.code, missing.stderr]).toEqual([
        66,
        expect.stringContaining('Cannot read /no/such.csv'),
      ]);
      const body = await seconded(
        open.env,
        'import-members',
        sharedDataPath('members/hackney-crm-export.csv'),
        '--body',
        'nowhere',
      );
      expect([body.code, body.stderr]).toEqual([
        65,
        expect.stringContaining('There is no body "nowhere"'),
      ]);
      const unknown = await seconded(open.env, 'frobnicate');
      expect([unknown.code, unknown.stderr]).toEqual([
        64,
        expect.stringContaining('Unknown command'),
      ]);
      const config = await seconded({ ...open.env, PORT: 'eighty' }, 'migrate');
      expect([config.code, config.stderr]).toEqual([78, expect.stringContaining('PORT')]);
    }, 60_000);

    it('loads the demo, and the audit chains it wrote verify', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      const demo = await seconded(open.env, 'demo');
      expect(demo.code).toBe(0);
      expect(demo.stdout).toContain('camden.secretary@example.org');
      const verify = await seconded(open.env, 'verify');
      expect(verify.code).toBe(0);
      expect(verify.stdout.match(/^ok/gm)).toHaveLength(2);
      const again = await seconded(open.env, 'demo');
      expect([again.code, again.stderr]).toEqual([65, expect.stringContaining('already loaded')]);
    }, 60_000);

    it('verify names the audit entry that was edited in the database', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      await northfield(testContext(open));
      await open.db
        .updateTable('audit_events')
        .set({ data: '{"name":"Camden Town Group (edited)"}' })
        .where('seq', '=', 2)
        .execute();
      const verify = await seconded(open.env, 'verify');
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain('entry 2 (body.created');
    }, 60_000);
  });
}
