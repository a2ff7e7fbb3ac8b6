import type { AppContext } from '../app/common/context.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { openApp } from '../open-app.ts';
import { EXIT, helpText, parseCommand, usageLine, UsageError, wantsHelp } from './command.ts';
import { COMMANDS, type CliCommand } from './commands.ts';

/**
 * `seconded <command> [options]`. The CLI is thin: find the command, answer `--help` before
 * anything else (so asking for help never starts a server or writes a file), parse the
 * arguments strictly, load what the command needs, run it, and turn what went wrong into one
 * clear line and an exit code from sysexits.h (README: The command line).
 */

const OVERVIEW = `Usage: seconded <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(16)}${c.summary}`).join('\n')}

Run seconded <command> --help for a command's options.
Configuration comes from the environment: see the README.`;

/** Runs one command line; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const [name = 'serve', ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    const about = COMMANDS.find((c) => c.name === rest[0]);
    console.log(about ? helpText(about) : OVERVIEW);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    console.log(await version());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${OVERVIEW}`);
    return EXIT.usage;
  }
  if (wantsHelp(rest)) {
    console.log(helpText(command));
    return EXIT.ok;
  }
  let config: Config | undefined;
  try {
    const parsed = parseCommand(command, rest);
    if (command.needs === 'nothing') return await command.run(parsed);
    config = loadConfig(process.env);
    if (command.needs === 'config') return await command.run(parsed, config);
    return await withApp(config, (ctx) => command.run(parsed, ctx));
  } catch (error) {
    return explain(error, command, config);
  }
}

async function withApp(config: Config, fn: (ctx: AppContext) => Promise<number>): Promise<number> {
  const { ctx, database } = await openApp(config);
  try {
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

/** What went wrong, in one message, and its exit code; anything unforeseen is rethrown. */
function explain(error: unknown, command: CliCommand, config: Config | undefined): number {
  if (error instanceof UsageError) {
    console.error(
      `${error.message}\n${usageLine(command)}\nRun seconded ${command.name} --help for more.`,
    );
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    return EXIT.config;
  }
  if (error instanceof DomainError) {
    const problems = error.problems.map((p) => `\n  - ${p.message}`).join('');
    console.error(`${error.message}${problems}`);
    return EXIT.dataError;
  }
  const unreachable = config && databaseUnreachable(error, config);
  if (unreachable) {
    console.error(unreachable);
    return EXIT.unavailable;
  }
  throw error;
}

/** Errors from the network or the server that mean "the database is not there to talk to". */
const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused (is PostgreSQL running?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  '28P01': 'the password was refused',
  '28000': 'the role may not connect',
  '3D000': 'the database does not exist',
  '57P03': 'the server is starting up or shutting down',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  SQLITE_READONLY: 'the file is read-only',
  SQLITE_NOTADB: 'the file is not a SQLite database',
};

/** One line for a database that cannot be reached, without the password; else undefined. */
export function databaseUnreachable(error: unknown, config: Config): string | undefined {
  const codes = [error, ...((error as AggregateError)?.errors ?? [])].map(
    (e) => (e as { code?: unknown })?.code,
  );
  const reason = codes
    .map((c) => (typeof c === 'string' ? UNREACHABLE[c] : undefined))
    .find(Boolean);
  if (!reason) return undefined;
  const where =
    config.database.kind === 'sqlite' ? config.database.file : withoutPassword(config.database.url);
  return `Cannot reach the database at ${where}: ${reason}. Check ${config.database.kind === 'sqlite' ? 'SQLITE_FILE' : 'DATABASE_URL'}.`;
}

function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(
    await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return `seconded ${pkg.version}`;
}
