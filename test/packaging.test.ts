/**
 * What operators install: the container image's steps and the npm package, each run for real
 * outside a container (no container engine or image registry is reachable here). These fetch
 * packages from the npm registry, as installing does.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'seconded-packaging-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment variables Seconded reads (src/config.ts). */
const SECONDED_SETTINGS = [
  'PORT',
  'HOST',
  'BASE_URL',
  'DATABASE_URL',
  'SQLITE_FILE',
  'SMTP_URL',
  'MAIL_FROM',
  'SIGN_IN_ATTEMPTS_PER_15_MIN',
  'LOG_LEVEL',
];

/** The instructions of the Dockerfile, continuation lines joined. */
function dockerfile() {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.trim().split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** Waits for a line of the server's output that says it is serving. */
function serving(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${seen}`)), 60_000);
    const read = (chunk: Buffer) => {
      seen += chunk.toString();
      if (/is serving/.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${seen}`)));
  });
}

describe('packaging', () => {
  it('runs every step of the container image outside a container, and its health check passes', async () => {
    const app = join(scratch, 'image');
    const data = join(scratch, 'data');
    mkdirSync(app, { recursive: true });
    // Nothing of Seconded's configured but what the image's ENV lines say (the machine's own
    // network settings, such as its certificate authorities, stay).
    const env: Record<string, string> = {
      ...(Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !SECONDED_SETTINGS.includes(k)),
      ) as Record<string, string>),
      npm_config_cache: join(scratch, 'npm-cache'),
    };
    let command: string[] = [];
    let healthcheck: string[] = [];
    // The image's paths, here: its volume is a scratch folder, and its user already exists.
    const local = (s: string) => s.replaceAll('/data', data).replace(/&& chown \S+ \S+/, '');
    for (const { op, args } of dockerfile()) {
      if (op === 'ENV') {
        for (const m of args.matchAll(/(\w+)=(\S+)/g)) env[m[1]!] = local(m[2]!);
      } else if (op === 'COPY') {
        const parts = args.split(/\s+/);
        const dest = parts.pop()!;
        for (const source of parts) {
          const target =
            dest.endsWith('/') || parts.length > 1 ? join(app, dest, source) : join(app, dest);
          cpSync(join(ROOT, source), target, { recursive: true });
        }
      } else if (op === 'RUN') {
        await run('sh', ['-c', local(args)], { cwd: app, env, maxBuffer: 1 << 24 });
      } else if (op === 'HEALTHCHECK') {
        healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
      } else if (op === 'CMD') {
        command = JSON.parse(args) as string[];
      }
    }
    expect(command).toEqual(['node', 'bin/seconded.js', 'serve']);
    env.PORT = String(20_000 + Math.floor(Math.random() * 20_000));
    const server = spawn(command[0]!, command.slice(1), { cwd: app, env });
    try {
      await serving(server);
      const health = await run(healthcheck[0]!, healthcheck.slice(1), { cwd: app, env }).then(
        () => 0,
        (e: { code?: number }) => e.code ?? 1,
      );
      expect(health).toBe(0);
      const page = await fetch(`http://127.0.0.1:${env.PORT}/sign-in`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form');
    } finally {
      server.kill('SIGTERM');
    }
  }, 300_000);

  it('packs an npm package that installs and runs with npx seconded', async () => {
    const packed = await run('npm', ['pack', '--pack-destination', scratch], { cwd: ROOT });
    const tarball = join(scratch, packed.stdout.trim().split('\n').pop()!);
    const user = join(scratch, 'user');
    mkdirSync(user);
    const env = { ...process.env, npm_config_cache: join(scratch, 'npm-cache') };
    await run('npm', ['init', '-y'], { cwd: user, env });
    await run('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: user, env });
    const help = await run('npx', ['seconded', 'help'], { cwd: user, env });
    expect(help.stdout).toContain('Usage: seconded <command>');
    // The examples travel with the package: a Glasgow ward (3 seats) counts from the installed copy.
    const ward = join(
      user,
      'node_modules/seconded/examples/elections/glasgow-2007/Calton-2007.blt',
    );
    const tally = await run('npx', ['seconded', 'tally', ward, '--format', 'json'], {
      cwd: user,
      env,
    });
    expect(JSON.parse(tally.stdout).elected).toHaveLength(3);
  }, 300_000);
});
