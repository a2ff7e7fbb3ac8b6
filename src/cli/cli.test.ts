import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { northfield, examplePath } from '../../test/story.ts';
import { listMembers } from '../app/organisations/list-members.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { openDatabase, type OpenDatabase } from '../db/database.ts';
import { client } from '../../test/http-client.ts';

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

describe('backup and restore [sqlite]', () => {
  it('backs up the live database with progress, restores it into a fresh file, and the restored copy serves and verifies', async () => {
    const open = await freshDatabase('sqlite', { onDisk: true });
    try {
      const ctx = testContext(open);
      const { password } = await seedDemo(ctx);
      const dir = mkdtempSync(join(tmpdir(), 'seconded-backup-'));
      const backup = join(dir, 'nightly.sqlite');

      // The source stays open in this process (as under a running server) during the copy.
      const made = await seconded(open.env, 'backup', backup);
      expect([made.code, made.stderr]).toEqual([0, expect.stringMatching(/Backing up to .*100%/)]);
      expect(made.stdout).toMatch(/^Backed up \d+ pages to /);
      const again = await seconded(open.env, 'backup', backup);
      expect([again.code, again.stderr]).toEqual([65, expect.stringContaining('already exists')]);

      const restoredFile = join(dir, 'restored', 'seconded.sqlite');
      const restoredEnv = { SQLITE_FILE: restoredFile, DATABASE_URL: '' };
      const restored = await seconded(restoredEnv, 'restore', backup);
      expect([restored.code, restored.stdout]).toEqual([0, expect.stringContaining('Restored')]);
      const over = await seconded(restoredEnv, 'restore', backup);
      expect([over.code, over.stderr]).toEqual([65, expect.stringContaining('already exists')]);
      writeFileSync(join(dir, 'notes.txt'), 'not a database at all, just some words');
      const junk = await seconded(
        { SQLITE_FILE: join(dir, 'other.sqlite'), DATABASE_URL: '' },
        'restore',
        join(dir, 'notes.txt'),
      );
      expect([junk.code, junk.stderr]).toEqual([
        65,
        expect.stringContaining('not a SQLite database'),
      ]);

      const verify = await seconded(restoredEnv, 'verify');
      expect([verify.code, verify.stdout.match(/^ok/gm)?.length]).toEqual([0, 2]);

      // The server reads the restored copy: the published election is there, with its seal.
      const copy = openDatabase({ kind: 'sqlite', file: restoredFile });
      try {
        const reader = client(testContext(copy));
        await reader.form('/sign-in', { email: 'camden.chair@example.org', password });
        const ballot = await copy.db.selectFrom('ballots').selectAll().executeTakeFirstOrThrow();
        const html = await (await reader.request(`/ballots/${ballot.id}`)).text();
        expect(html).toContain('Delegate to the annual conference');
        expect(html).toContain(`<code>${ballot.result_hash}</code>`);
      } finally {
        await copy.close();
      }
    } finally {
      await open.close();
    }
  }, 60_000);

  it('points to pg_dump when the database is PostgreSQL', async () => {
    const advice = await seconded(
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      'backup',
      '/tmp/x',
    );
    expect([advice.code, advice.stderr]).toEqual([
      64,
      expect.stringContaining('pg_dump --format=custom'),
    ]);
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('backup and restore [postgres]', () => {
  it('restores a pg_dump into a fresh database, and verify passes there', async () => {
    const open = await freshDatabase('postgres');
    const url = inject('postgresUrl')!;
    const target = `restore_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await seedDemo(testContext(open));
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
        open.db,
      );
      const schema = rows[0]!.schema;
      const dump = join(mkdtempSync(join(tmpdir(), 'seconded-pgdump-')), 'seconded.dump');
      // The README's commands, limited to this test's schema.
      await run('pg_dump', ['--format=custom', `--schema=${schema}`, '--file', dump, url]);
      await admin.query(`create database ${target}`);
      const targetUrl = url.replace(/\/[^/?]+(\?|$)/, `/${target}$1`);
      await run('pg_restore', ['--no-owner', '--dbname', targetUrl, dump]);
      const verify = await seconded(
        { DATABASE_URL: `${targetUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}` },
        'verify',
      );
      expect([verify.code, verify.stdout.match(/^ok/gm)?.length]).toEqual([0, 2]);
    } finally {
      await open.close();
      await admin.query(`drop database if exists ${target}`);
      await admin.end();
    }
  }, 60_000);
});

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
      const file = examplePath('members/camden-branch-register.csv');

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

      // The valid rows go in; the exit code tells a script that some were rejected.
      const first = await seconded(open.env, 'import-members', file, '--body', camdenId);
      expect(first.code).toBe(65);
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
        examplePath('members/islington-semicolon-bom.csv'),
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
        examplePath('members/hackney-crm-export.csv'),
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

    it('verify names a published resolution whose text was edited in the database', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      await seedDemo(testContext(open));
      const resolution = await open.db
        .selectFrom('resolutions')
        .selectAll()
        .executeTakeFirstOrThrow();
      const seal = await open.db
        .selectFrom('audit_events')
        .select('seq')
        .where('subject', '=', `resolution:${resolution.id}`)
        .where('action', '=', 'resolution.published')
        .executeTakeFirstOrThrow();
      await open.db
        .updateTable('resolutions')
        .set({ text: resolution.text.replace('calls on', 'urges') + ' ' })
        .where('id', '=', resolution.id)
        .execute();
      const verify = await seconded(open.env, 'verify');
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain(
        `the resolution ${resolution.id} sealed by entry ${seal.seq} (resolution.published) was changed after it was published`,
      );
    }, 60_000);

    it('verify names the first published result that was edited in the database', async () => {
      open = await freshDatabase(dialect, { onDisk: true });
      await seedDemo(testContext(open));
      const { db } = open;
      const ballot = await db
        .selectFrom('ballots')
        .selectAll()
        .where('state', '=', 'closed')
        .executeTakeFirstOrThrow();
      const carried = await db
        .selectFrom('questions')
        .selectAll()
        .where('declared', 'like', '%carried%')
        .executeTakeFirstOrThrow();
      const sealOf = async (hash: string | null) =>
        db
          .selectFrom('audit_events')
          .select(['seq', 'action'])
          .where('hash', '=', hash ?? '')
          .executeTakeFirstOrThrow();
      const ballotSeal = await sealOf(ballot.result_hash);
      const voteSeal = await sealOf(carried.result_hash);
      expect([ballotSeal.action, voteSeal.action]).toEqual(['ballot.closed', 'question.declared']);
      expect((await seconded(open.env, 'verify')).code).toBe(0);

      // Someone with the database turns the carried motion's 23 votes for into 3.
      await db
        .updateTable('questions')
        .set({ counts: carried.counts!.replace('"for":23', '"for":3') })
        .where('id', '=', carried.id)
        .execute();
      const afterVote = await seconded(open.env, 'verify');
      expect(afterVote.code).toBe(1);
      expect(afterVote.stdout).toContain(
        `BROKEN  organisation ${ballot.organisation_id}: the question ${carried.id} sealed by entry ${voteSeal.seq} (question.declared) was changed after it was published`,
      );

      // And the election's winner: the earlier of the two broken links is the one named.
      const result = JSON.parse(ballot.result!) as { votes: number };
      await db
        .updateTable('ballots')
        .set({ result: JSON.stringify({ ...result, votes: result.votes + 1 }) })
        .where('id', '=', ballot.id)
        .execute();
      const first = [
        { seq: ballotSeal.seq, text: `the ballot ${ballot.id} sealed by entry ${ballotSeal.seq}` },
        { seq: voteSeal.seq, text: `the question ${carried.id} sealed by entry ${voteSeal.seq}` },
      ].sort((a, b) => a.seq - b.seq)[0]!;
      const afterBoth = await seconded(open.env, 'verify');
      expect(afterBoth.code).toBe(1);
      expect(afterBoth.stdout).toContain(first.text);

      // Putting the published hash back on another entry is caught too.
      await db
        .updateTable('questions')
        .set({ counts: carried.counts, result_hash: ballot.result_hash })
        .where('id', '=', carried.id)
        .execute();
      await db
        .updateTable('ballots')
        .set({ result: ballot.result })
        .where('id', '=', ballot.id)
        .execute();
      const moved = await seconded(open.env, 'verify');
      expect(moved.stdout).toContain(
        `the question ${carried.id} sealed by entry ${voteSeal.seq} (question.declared) shows a chain hash that is not its entry's`,
      );
    }, 60_000);
  });
}
