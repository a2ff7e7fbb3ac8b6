import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * How every `seconded` command is declared: its words for `--help`, its options for Node's own
 * argument parser (`util.parseArgs`, strict, so a misspelt option is refused rather than
 * ignored), how many positionals it takes and what it needs before it can run. The dispatcher in
 * main.ts reads `--help` before anything else, so asking for help never does any work.
 */
export interface Command {
  readonly name: string;
  /** One line for the overview (`seconded --help`). */
  readonly summary: string;
  /** The synopsis, e.g. `FILE --body BODY [--dry-run]`. */
  readonly synopsis: string;
  /** What it does and each option, for `seconded <command> --help`. */
  readonly help: string;
  readonly options: ParseArgsOptionsConfig;
  /** Names of the positional arguments, required ones first; `optional` of them may be left out. */
  readonly positionals: readonly string[];
  readonly optional?: number;
}

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** A usage mistake: printed with the command's synopsis, exit 64 (EX_USAGE). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes, after BSD's sysexits.h, as the README lists them. */
export const EXIT = Object.freeze({
  ok: 0,
  /** `verify` found a broken audit chain or seal; `verify-ballot` a board that does not hold. */
  broken: 1,
  usage: 64,
  dataError: 65,
  noInput: 66,
  unavailable: 69,
  config: 78,
});

export const wantsHelp = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/** Parses a command's arguments strictly; throws a UsageError that says what is wrong. */
export function parseCommand(command: Command, argv: readonly string[]): Parsed {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: command.options,
      allowPositionals: command.positionals.length > 0,
      strict: true,
    });
  } catch (error) {
    // Node's messages name the option and say how to pass a value that starts with a dash.
    throw new UsageError((error as Error).message);
  }
  const required = command.positionals.length - (command.optional ?? 0);
  const given = parsed.positionals.length;
  if (given < required) {
    throw new UsageError(
      `${command.name} needs ${command.positionals.slice(given, required).join(' and ')}.`,
    );
  }
  if (given > command.positionals.length) {
    throw new UsageError(
      `${command.name} takes ${command.positionals.length ? command.positionals.join(' ') : 'no arguments'}; "${parsed.positionals[command.positionals.length]}" is one too many.`,
    );
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

export const usageLine = (command: Command): string =>
  `Usage: seconded ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`;

export const helpText = (command: Command): string =>
  `${usageLine(command)}\n\n${command.summary}.\n\n${command.help.trim()}\n`;
