/**
 * `seconded tally FILE.blt [--method M] [--seats N] [--format text|json] [--seed S]`
 *
 * Reads a BLT ballot file, counts it with one of the rules in src/domain/tally, and prints a
 * count sheet (text: a table of stages, candidates as rows) or JSON. The file is read in
 * chunks into one reused buffer and fed to the domain's BltReader, so memory grows with the
 * distinct rankings, not with the file. Progress goes to stderr for large files. Exit codes as
 * for every command (src/cli/command.ts): 0 counted, 64 usage, 65 refused, 66 unreadable.
 */
import { open, stat } from 'node:fs/promises';
import { DomainError } from '../domain/errors.ts';
import { BltReader, readCountNotes } from '../domain/tally/blt.ts';
import { countElection, isMethodName, METHOD_NAMES } from '../domain/tally/count.ts';
import type {
  BallotProfile,
  CountOptions,
  MethodName,
  Round,
  TallyResult,
} from '../domain/tally/types.ts';
import {
  EXIT,
  helpText,
  parseCommand,
  usageLine,
  UsageError,
  wantsHelp,
  type Command,
  type Parsed,
} from './command.ts';
import { progressBar } from './progress.ts';

export interface TallyIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly isTTY: boolean;
}

/** `seconded tally --help`. */
export const TALLY_HELP = `Reads a BLT ballot file (the format of OpenSTV, Droop and the Scottish count
files) and prints a count sheet, a table of stages with candidates as rows, or JSON. Large files
show their progress on stderr. Exit codes: 0 counted, 64 bad usage, 65 the file or the count was
refused (the reason names the line), 66 the file cannot be read.

  --method M         counting rule: ${METHOD_NAMES.join(', ')}
                     (default: the file's "method: M" note, else scottish-stv)
  --seats N          seats to fill (default: the number in the file)
  --format text|json a count sheet (the default) or JSON with votes as decimal strings
  --seed S           seed for any tie settled by lot (default: the file's "seed: S" note, as
                     Seconded publishes it with a closed election's ballots, else a hash of
                     the ballots), so a recount of the same file settles it the same way`;

/** The tally command's declaration: src/cli/commands.ts adds how it runs. */
export const TALLY: Command = {
  name: 'tally',
  summary: 'Count a ballot file (BLT)',
  synopsis: 'FILE.blt [--method M] [--seats N] [--format text|json] [--seed S]',
  help: TALLY_HELP,
  options: {
    method: { type: 'string' },
    seats: { type: 'string' },
    format: { type: 'string' },
    seed: { type: 'string' },
  },
  positionals: ['FILE.blt'],
};

export const METHOD_TITLES: Readonly<Record<MethodName, string>> = {
  'scottish-stv': 'STV, Scottish rules (Scottish Local Government Elections Order 2007)',
  'ers97-stv': 'STV, Electoral Reform Society rules (ERS97)',
  'meek-stv': "STV, Meek's method (PR Foundation reference rule)",
  irv: 'Instant-runoff vote',
  schulze: 'Schulze method',
  fptp: 'First past the post',
  block: 'Block vote',
  approval: 'Approval vote',
};

interface TallyOptions {
  file: string;
  /** Absent: the file's own note decides, else Scottish STV. */
  method?: MethodName;
  seats?: number;
  format: 'text' | 'json';
  seed?: string;
}

/** The counting options from the parsed command line; throws a UsageError for a bad one. */
function countOptions({ values, positionals }: Parsed): TallyOptions {
  const text = (name: string) => values[name] as string | undefined;
  const method = text('method');
  if (method !== undefined && !isMethodName(method))
    throw new UsageError(`unknown method "${method}"; choose one of ${METHOD_NAMES.join(', ')}`);
  const seats = text('seats');
  if (seats !== undefined && (!/^\d+$/.test(seats) || Number(seats) < 1))
    throw new UsageError(`--seats needs a whole number of at least 1, got "${seats}"`);
  const format = text('format') ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format is text or json, got "${format}"`);
  const seed = text('seed');
  return {
    file: positionals[0]!,
    ...(method !== undefined ? { method } : {}),
    format,
    ...(seats !== undefined ? { seats: Number(seats) } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

/** Files larger than this show their progress while read. */
const LARGE = 4_000_000;
const CHUNK = 1 << 20;

const megabytes = (done: number, total: number) =>
  `${(done / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB`;

/**
 * Read a BLT file in chunks through one buffer. Throws the reader's DomainError for a malformed
 * file, and the file system's error when the file cannot be read.
 */
export async function readBltFile(
  file: string,
  onProgress?: (bytes: number, size: number) => void,
): Promise<BallotProfile> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(CHUNK);
    const reader = new BltReader();
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      reader.push(buffer.subarray(0, bytesRead));
      onProgress?.(reader.bytesRead, size);
    }
    return reader.end();
  } finally {
    await handle.close();
  }
}

/**
 * `seconded tally ARGS` on its own (the tests call it so): help, usage mistakes and the count.
 * The dispatcher in main.ts answers --help and parses before calling `countFile`.
 */
export async function tallyCommand(argv: readonly string[], io: TallyIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.stdout.write(helpText(TALLY));
    return EXIT.ok;
  }
  try {
    return await countFile(parseCommand(TALLY, argv), io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`seconded tally: ${e.message}\n${usageLine(TALLY)}\n`);
    return EXIT.usage;
  }
}

/** Reads and counts the file the command line names, printing the count sheet or JSON. */
export async function countFile(args: Parsed, io: TallyIo): Promise<number> {
  const parsed = countOptions(args);
  const cannotRead = (e: unknown) => {
    io.stderr.write(`seconded tally: cannot read ${parsed.file}: ${(e as Error).message}\n`);
    return EXIT.noInput;
  };
  const refused = (e: DomainError) => {
    io.stderr.write(`seconded tally: ${parsed.file}: ${e.message}\n`);
    return EXIT.dataError;
  };
  let large: boolean;
  try {
    large = (await stat(parsed.file)).size > LARGE;
  } catch (e) {
    return cannotRead(e);
  }
  let profile: BallotProfile;
  const bar = progressBar(`Reading ${parsed.file}`, io.stderr, {
    tty: io.isTTY,
    amounts: megabytes,
  });
  try {
    profile = await readBltFile(
      parsed.file,
      large ? (done, size) => bar.update(done, size) : undefined,
    );
  } catch (e) {
    if (large) bar.done();
    if (e instanceof DomainError) return refused(e);
    if (typeof (e as NodeJS.ErrnoException).code === 'string') return cannotRead(e);
    throw e;
  }
  if (large) bar.done();
  try {
    const { method, seed } = settingsOf(parsed, profile);
    if (large && io.isTTY)
      io.stderr.write(`Counting ${profile.ballots.total} ballot papers by ${method}...`);
    const options: CountOptions = {
      ...(parsed.seats !== undefined ? { seats: parsed.seats } : {}),
      ...(seed !== undefined ? { seed } : {}),
    };
    const result = countElection(profile, method, options);
    if (large && io.isTTY) io.stderr.write('\r\x1b[K');
    io.stdout.write(
      parsed.format === 'json'
        ? `${JSON.stringify(toJson(result), null, 2)}\n`
        : countSheet(result),
    );
    return EXIT.ok;
  } catch (e) {
    if (io.isTTY && large) io.stderr.write('\n');
    if (e instanceof DomainError) return refused(e);
    throw e;
  }
}

/**
 * The rule and the seed of the count: as the command line gives them, else as the file's notes
 * name them (a published election's file carries both, so that its recount repeats the
 * published count), else Scottish STV and a seed hashed from the ballots.
 */
function settingsOf(parsed: TallyOptions, profile: BallotProfile) {
  const notes = readCountNotes(profile.notes);
  const method = parsed.method ?? notes.method ?? 'scottish-stv';
  if (!isMethodName(method)) {
    throw new DomainError(
      'MALFORMED_FILE',
      `the file's note names the counting rule "${method}", which is none of ${METHOD_NAMES.join(', ')}`,
    );
  }
  return { method, seed: parsed.seed ?? notes.seed };
}

/* ---------------------------------------------------------------------------------------- */

const names = (r: TallyResult, cs: readonly number[] | undefined) =>
  (cs ?? []).map((c) => r.candidates[c]!);

/** The JSON shape of a result: names instead of indices, votes as decimal strings. */
export function toJson(r: TallyResult): unknown {
  const byName = (xs: readonly string[]) =>
    Object.fromEntries(r.candidates.map((name, i) => [name, xs[i]]));
  return {
    method: r.method,
    title: r.title,
    seats: r.seats,
    quota: r.quota,
    ballots: r.ballots,
    blank: r.blank,
    candidates: r.candidates,
    elected: r.winners.map((c, i) => ({ name: r.candidates[c], votes: r.winnerVotes[i] })),
    rounds: r.rounds.map((s) => ({
      stage: s.number,
      kind: s.kind,
      action: s.description,
      ...(s.from ? { from: names(r, s.from) } : {}),
      ...(s.surplus !== undefined ? { surplus: s.surplus } : {}),
      ...(s.transferValue !== undefined ? { transferValue: s.transferValue } : {}),
      quota: s.quota,
      votes: byName(s.votes),
      transfers: byName(s.transfers),
      status: byName(s.status),
      nonTransferable: s.exhausted,
      residue: s.residue,
      elected: s.elected.map((d) => ({
        name: r.candidates[d.candidate],
        code: d.code,
        reason: d.reason,
      })),
      excluded: s.excluded.map((d) => ({
        name: r.candidates[d.candidate],
        code: d.code,
        reason: d.reason,
      })),
      ties: s.ties.map((t) => tieJson(r, t)),
      ...(s.extra ? { details: s.extra } : {}),
    })),
    nonTransferable: r.exhausted,
    residue: r.residue,
    ties: r.ties.map((t) => tieJson(r, t)),
    seed: r.seed,
  };
}

function tieJson(r: TallyResult, t: TallyResult['ties'][number]) {
  return {
    stage: t.round,
    purpose: t.purpose,
    among: names(r, t.among),
    chosen: r.candidates[t.chosen],
    method: t.method,
    ...(t.stage !== undefined ? { decidedByStage: t.stage } : {}),
    ...(t.draw !== undefined ? { draw: t.draw } : {}),
  };
}

function shortAction(r: TallyResult, s: Round): string {
  if (s.kind === 'first-count') return 'First';
  const who = names(r, s.from).join(', ');
  if (s.kind === 'surplus') return `Surplus ${who}`;
  if (s.kind === 'exclusion') return `Excl. ${who}`;
  if (s.from) return `Excl. ${who}`;
  return `Elect ${names(
    r,
    s.elected.map((d) => d.candidate),
  ).join(', ')}`;
}

/** The count sheet: candidates as rows, stages as columns, then what happened and why. */
export function countSheet(r: TallyResult): string {
  const out: string[] = [];
  out.push(`Election: ${r.title || '(untitled)'}`);
  out.push(`Method:   ${METHOD_TITLES[r.method]}`);
  const facts = [`Seats: ${r.seats}`, `Valid ballot papers: ${r.ballots}`];
  if (r.blank) facts.push(`Void (no preference): ${r.blank}`);
  if (r.quota !== null) facts.push(`Quota: ${r.quota}`);
  out.push(facts.join('   '));
  out.push('');

  const header1 = ['Stage', ...r.rounds.map((s) => String(s.number))];
  const header2 = ['', ...r.rounds.map((s) => shortAction(r, s))];
  const rows: string[][] = [];
  const lastStatus = r.rounds[r.rounds.length - 1]?.status ?? [];
  r.candidates.forEach((name, c) => {
    const cells = r.rounds.map((s, i) => {
      const prev = i > 0 ? r.rounds[i - 1]!.status[c] : 'hopeful';
      if (s.status[c] === 'withdrawn') return 'withdrawn';
      if (prev === 'excluded' && s.status[c] === 'excluded' && Number(s.votes[c]) === 0) return '-';
      return s.votes[c]!;
    });
    const mark = lastStatus[c] === 'elected' ? ' *' : '';
    rows.push([`${name}${mark}`, ...cells]);
  });
  rows.push(['Non-transferable', ...r.rounds.map((s) => s.exhausted)]);
  if (r.rounds.some((s) => Number(s.residue) !== 0))
    rows.push(['Lost to rounding', ...r.rounds.map((s) => s.residue)]);
  if (r.rounds.some((s, i) => i > 0 && s.quota !== r.quota))
    rows.push(['Quota', ...r.rounds.map((s) => s.quota ?? '')]);

  const table = [header1, header2, ...rows];
  const widths = header1.map((_, col) => Math.max(...table.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  ')
      .trimEnd();
  out.push(line(header1));
  out.push(line(header2));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(0, r.candidates.length)) out.push(line(row));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(r.candidates.length)) out.push(line(row));
  out.push('');

  out.push('Stages:');
  for (const s of r.rounds) {
    let head = `  ${s.number}. ${s.description}`;
    if (s.transferValue !== undefined)
      head += ` (surplus ${s.surplus}, transfer value ${s.transferValue})`;
    out.push(head);
    for (const t of s.ties) {
      const how =
        t.method === 'lot'
          ? `by lot (draw ${t.draw}, seed "${r.seed}")`
          : t.method === 'order'
            ? 'by the tie order fixed before the count'
            : `by the votes at stage ${t.stage}`;
      out.push(
        `     tie between ${names(r, t.among).join(', ')}: ${r.candidates[t.chosen]} chosen ${how}`,
      );
    }
    for (const d of s.elected) out.push(`     elected: ${r.candidates[d.candidate]} (${d.reason})`);
    for (const d of s.excluded) {
      const verb = d.code === 'SEATS_FILLED' ? 'not elected' : 'excluded';
      out.push(`     ${verb}: ${r.candidates[d.candidate]} (${d.reason})`);
    }
  }
  out.push('');
  out.push('Elected:');
  r.winners.forEach((c, i) => out.push(`  ${r.candidates[c]} (${r.winnerVotes[i]})`));
  out.push('');
  return out.join('\n');
}
