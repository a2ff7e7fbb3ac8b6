import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/seconded.js', import.meta.url));

/** A `seconded serve` running in a process of its own. */
export interface ServerProcess {
  /** Its address, once it says it is serving; rejects if it exits or is silent for 30 s. */
  readonly url: Promise<string>;
  /** The process, for a test that kills it without warning. */
  readonly child: ChildProcess;
  /** What it has written to stderr so far. */
  log(): string;
  /**
   * Stops it as an operator would (SIGTERM), waits until it has exited, and fails if its log
   * holds an email address or a secret: every server the tests run is checked (issue 17).
   */
  stop(): Promise<void>;
}

/** Resolves once the process has exited (at once if it already has). */
export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/**
 * Starts `seconded serve` as a process of its own on a free port, as an operator would, and
 * resolves `url` once it says it is serving. With `raiseFileLimit` the process may hold as many
 * connections as the machine's hard limit allows (for benchmarks with thousands of clients).
 * `startTimeoutMs` (default 30 s) allows a benchmark more time to start on a loaded machine.
 */
export function startServerProcess(
  env: Record<string, string>,
  opts: { raiseFileLimit?: boolean; startTimeoutMs?: number } = {},
): ServerProcess {
  const [command, args] = opts.raiseFileLimit
    ? ['bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$0" "$1" serve', process.execPath, bin]]
    : [process.execPath, [bin, 'serve']];
  const child = spawn(command, args, {
    // Vite sets BASE_URL=/ in the test process; the server must not inherit it. PORT=0: the
    // system picks a free port, so no other process can take it between choosing and listening.
    env: { ...process.env, BASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${log}`)),
      opts.startTimeoutMs ?? 30_000,
    );
    let serving = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      // Once serving, the log only grows (a line a request under a benchmark's load): searching
      // all of it again at every chunk would cost this process more than the server's work,
      // and a server blocked on a full stderr pipe would wait for it.
      if (serving) return;
      // Up to the space after it: a chunk may end in the middle of the address.
      const found = log.match(/serving (http:\/\/\S+)\s/);
      if (found) {
        serving = true;
        clearTimeout(timer);
        // It listens on 127.0.0.1 only, while its own address says localhost (no BASE_URL).
        resolve(found[1]!.replace('//localhost:', '//127.0.0.1:'));
      }
    });
    child.stdout!.on('data', () => {});
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${log}`));
    });
  });
  return {
    url,
    child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = exited(child);
      child.kill('SIGTERM');
      await done;
      const leaked = secretsIn(log);
      if (leaked.length) throw new Error(`the server's log holds ${leaked.join(', ')}`);
    },
  };
}

/** Email addresses, API tokens and one-time links with their secret, as found in a log. */
export function secretsIn(log: string): string[] {
  return [
    ...log.matchAll(/[^\s@<>"'(),;:/]+@[^\s@<>"'(),;:/]+\.[a-z]{2,}/gi),
    ...log.matchAll(/\bsec_[A-Za-z0-9_-]{20,}/g),
    ...log.matchAll(/\/(setup|reset|invitations|feeds)\/[A-Za-z0-9_-]{16,}/g),
  ].map((m) => m[0]);
}
