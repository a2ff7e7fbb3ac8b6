import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from './commands.ts';
import { run } from './main.ts';

const bin = fileURLToPath(new URL('../../bin/seconded.js', import.meta.url));
const exec = promisify(execFile);

/** Runs `seconded ARGS` in an empty folder, with a database file that does not exist yet. */
async function seconded(args: string[], env: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'seconded-cli-'));
  const environment = {
    ...process.env,
    BASE_URL: '',
    DATABASE_URL: '',
    SQLITE_FILE: join(cwd, 'data', 'seconded.sqlite'),
    ...env,
  };
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], {
      cwd,
      env: environment,
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr, files: readdirSync(cwd) };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, files: readdirSync(cwd) };
  }
}

/** Runs the dispatcher in this process, catching what it prints. */
async function inProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((s: unknown) => void err.push(String(s)));
  try {
    return { code: await run(args), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('seconded --help', () => {
  it('lists every command', async () => {
    const r = await inProcess(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name} `);
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help prints its options and exits 0', async (name) => {
    for (const args of [
      [name, '--help'],
      [name, 'some-file', '-h'],
      ['help', name],
    ]) {
      const r = await inProcess(args);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toContain(`Usage: seconded ${name}`);
    }
  });

  // `serve --help` used to start the server, and `backup --help` wrote a file named --help.
  it('does nothing else, as a real process: no server, no database, no file', async () => {
    for (const name of ['serve', 'backup', 'migrate']) {
      const r = await seconded([name, '--help']);
      expect([r.code, r.stderr, r.files]).toEqual([0, '', []]);
      expect(r.stdout).toContain(`Usage: seconded ${name}`);
    }
  }, 120_000);
});

describe('the seconded command line', () => {
  it('refuses an unknown option or a stray argument with the usage, exit 64, touching nothing', async () => {
    const option = await seconded(['migrate', '--dry-run']);
    expect([option.code, option.files]).toEqual([64, []]); // no database was made
    expect(option.stderr).toContain("Unknown option '--dry-run'");
    expect(option.stderr).toContain('Usage: seconded migrate');
    const stray = await inProcess(['backup', 'a.sqlite', 'b.sqlite']);
    expect(stray.code).toBe(64);
    expect(stray.stderr).toContain('"b.sqlite" is one too many');
    const missing = await inProcess(['import-members']);
    expect([missing.code, missing.stderr]).toEqual([64, expect.stringContaining('needs FILE')]);
  }, 60_000);

  it('says in one line, without a stack trace or the password, that PostgreSQL cannot be reached', async () => {
    const r = await seconded(['migrate'], {
      DATABASE_URL: 'postgres://seconded:hunter2secret@127.0.0.1:9/seconded',
    });
    expect(r.code).toBe(69);
    expect(r.stderr.trim().split('\n')).toEqual([
      'Cannot reach the database at postgres://seconded:***@127.0.0.1:9/seconded: the connection was refused (is PostgreSQL running?). Check DATABASE_URL.',
    ]);
  }, 60_000);

  it('prints its version', async () => {
    const r = await inProcess(['--version']);
    expect([r.code, r.stdout]).toEqual([0, expect.stringMatching(/^seconded \d+\.\d+\.\d+$/)]);
  });
});
