/**
 * The BLT ballot file format: read and write.
 *
 * Source: I. D. Hill, B. A. Wichmann and D. R. Woodall, "Algorithm 123: Single Transferable
 * Vote by Meek's method", The Computer Journal 30(3), 1987, with the extensions of OpenSTV and
 * Droop (github.com/jklundell/droop, BltFileFormat.md). The shape:
 *
 *     4 2                  candidates, seats
 *     -2                   optional: withdrawn candidates, each with a minus sign
 *     [tie 3 1 2 4]        optional Droop options: [tie], [nick], [withdrawn], [droop]
 *     3 1 3 4 0            a ballot group: weight, preferences (1-based), 0
 *     2 2=3 1 0            "=" ranks candidates equal
 *     0                    end of ballots
 *     "Adam"               one quoted name per candidate
 *     ...
 *     "Title"              the election's title; further quoted lines (source, comment) and
 *                          any trailing text are kept as notes
 *
 * Also accepted: "#" comments to the end of a line, OpenSTV ballot IDs "(id)" at the start of a
 * ballot line, "-" for a skipped ranking (ignored). The reader is line-oriented: every ballot
 * group sits on one line, so each error can name its line. Names take backslash escapes (\" \\).
 * Reading is done by BltReader (blt-reader.ts), which takes the file's bytes in chunks.
 *
 * Seconded publishes a closed election's ballots with two notes after the title, so that a recount
 * of the file repeats the published count stage by stage (issue 16, "recounts that reproduce"):
 * `"method: scottish-stv"`, the counting rule, and `"seed: …"`, the seed of every draw by lot
 * (src/domain/tally/ties.ts). Other programs keep them as notes; `seconded tally` reads them.
 */
import { BltReader } from './blt-reader.ts';
import type { BallotProfile } from './types.ts';

export { BltReader } from './blt-reader.ts';

export interface ReadBltOptions {
  /** Called now and then with the fraction of the file read, for a progress bar. */
  readonly onProgress?: (fraction: number) => void;
}

/** Bytes fed to the reader at a time, between calls of onProgress. */
const SLICE = 1 << 20;

/**
 * Parse a whole BLT file, as text or bytes (UTF-8). Throws DomainError('MALFORMED_FILE',
 * 'line N: ...') on any error. To read a file without holding it, feed a BltReader instead.
 */
export function readBlt(input: string | Uint8Array, options: ReadBltOptions = {}): BallotProfile {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const reader = new BltReader();
  for (let at = 0; at < bytes.length; at += SLICE) {
    reader.push(bytes.subarray(at, at + SLICE));
    options.onProgress?.(Math.min(1, (at + SLICE) / bytes.length));
  }
  const profile = reader.end();
  options.onProgress?.(1);
  return profile;
}

/** Write a profile as BLT; `readBlt(writeBlt(p))` gives back the same profile. */
export function writeBlt(profile: BallotProfile): string {
  const out: string[] = [];
  out.push(`${profile.candidates.length} ${profile.seats}`);
  if (profile.withdrawn.length) out.push(profile.withdrawn.map((c) => `-${c + 1}`).join(' '));
  if (profile.tieOrder) out.push(`[tie ${profile.tieOrder.map((c) => c + 1).join(' ')}]`);
  const { ballots } = profile;
  for (let g = 0; g < ballots.count; g++) {
    let s = String(ballots.weights[g]);
    for (let i = ballots.offsets[g]!; i < ballots.offsets[g + 1]!; i++) {
      const v = ballots.prefs[i]!;
      s += v < 0 ? `=${~v + 1}` : ` ${v + 1}`;
    }
    out.push(`${s} 0`);
  }
  out.push('0');
  for (const name of profile.candidates) out.push(quote(name));
  out.push(quote(profile.title));
  for (const note of profile.notes ?? []) out.push(quote(note));
  return out.join('\n') + '\n';
}

/** A name in double quotes, with backslash escapes for quotes and backslashes. */
export function quote(s: string): string {
  return `"${s.replace(/[\\"]/g, (m) => `\\${m}`).replace(/\n/g, '\\n')}"`;
}

/** What a published count depends on beyond the ballots: the rule and the seed of the lot. */
export interface CountNotes {
  readonly method?: string;
  readonly seed?: string;
}

const NOTE = /^(method|seed): (.+)$/;

/** The notes that carry a count's rule and seed in a published BLT file (see the header). */
export function countNotes({ method, seed }: CountNotes): string[] {
  return [
    ...(method !== undefined ? [`method: ${method}`] : []),
    ...(seed !== undefined ? [`seed: ${seed}`] : []),
  ];
}

/** The rule and seed a file's notes name, if it names them; other notes are ignored. */
export function readCountNotes(notes: readonly string[] | undefined): CountNotes {
  const found: { method?: string; seed?: string } = {};
  for (const note of notes ?? []) {
    const m = NOTE.exec(note.trim());
    if (m) found[m[1] as 'method' | 'seed'] = m[2]!;
  }
  return found;
}
