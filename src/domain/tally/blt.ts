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
 */
import { DomainError } from '../errors.ts';
import { BallotAggregator, checkSeats } from './ballots.ts';
import type { BallotProfile } from './types.ts';

const SPACE = 32;
const TAB = 9;
const CR = 13;
const HASH = 35;
const ZERO = 48;
const NINE = 57;
const EQUALS = 61;
const MINUS = 45;
const LBRACKET = 91;
const LPAREN = 40;
const QUOTE = 34;
const DOT = 46;

export interface ReadBltOptions {
  /** Called now and then with the fraction of the file read, for a progress bar. */
  readonly onProgress?: (fraction: number) => void;
}

const malformed = (line: number, message: string) =>
  new DomainError('MALFORMED_FILE', `line ${line}: ${message}`);

/** Parse a BLT file. Throws DomainError('MALFORMED_FILE', 'line N: ...') on any error. */
export function readBlt(text: string, options: ReadBltOptions = {}): BallotProfile {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // byte-order mark
  const len = src.length;
  let pos = 0;
  let line = 0;
  let lineStart = 0;
  let lineEnd = 0;

  /** Move to the next line; returns false at the end of the text. */
  const nextLine = (): boolean => {
    if (pos >= len) return false;
    lineStart = pos;
    let e = src.indexOf('\n', pos);
    if (e < 0) e = len;
    pos = e + 1;
    lineEnd = e > lineStart && src.charCodeAt(e - 1) === CR ? e - 1 : e;
    line++;
    return true;
  };
  /** The line without comments and surrounding white space ('' for blank/comment-only lines). */
  const lineText = (): string => stripComment(src.slice(lineStart, lineEnd)).trim();

  // --- header ---------------------------------------------------------------------------
  let header = '';
  while (nextLine()) {
    header = lineText();
    if (header !== '') break;
  }
  if (header === '') throw malformed(Math.max(line, 1), 'empty file: expected "candidates seats"');
  const hm = /^(\d+)\s+(\d+)$/.exec(header);
  if (!hm)
    throw malformed(line, `expected "candidates seats" (two whole numbers), found "${header}"`);
  const nCandidates = Number(hm[1]);
  const seats = Number(hm[2]);
  if (nCandidates < 1) throw malformed(line, 'there must be at least one candidate');
  if (seats < 1) throw malformed(line, 'there must be at least one seat');
  if (seats > nCandidates) {
    throw malformed(line, `${seats} seats but only ${nCandidates} candidates`);
  }

  const withdrawn = new Set<number>();
  let tieOrder: number[] | undefined;
  const nicknames = new Map<string, number>();
  const pendingTie: { line: number; tokens: string[] }[] = [];
  const pendingWithdrawn: { line: number; tokens: string[] }[] = [];

  const candidateToken = (tok: string, at: number): number => {
    if (/^\d+$/.test(tok)) {
      const c = Number(tok);
      if (c < 1 || c > nCandidates)
        throw malformed(at, `no candidate ${tok} (there are ${nCandidates})`);
      return c - 1;
    }
    const n = nicknames.get(tok);
    if (n === undefined) throw malformed(at, `unknown candidate "${tok}"`);
    return n;
  };

  // --- ballots ----------------------------------------------------------------------------
  const agg = new BallotAggregator();
  const buf = new Int32Array(nCandidates);
  const seen = new Int32Array(nCandidates); // stamp per line, to catch repeated candidates
  let seenStamp = 0;
  let ballotsEnded = false;
  let sawBallot = false;
  const progressEvery = 1 << 16;
  let untilProgress = progressEvery;

  while (nextLine()) {
    let p = lineStart;
    const end = lineEnd;
    while (p < end && (src.charCodeAt(p) === SPACE || src.charCodeAt(p) === TAB)) p++;
    if (p === end) continue; // blank line
    let ch = src.charCodeAt(p);
    if (ch === HASH) continue;
    if (ch === LBRACKET) {
      if (sawBallot) throw malformed(line, 'options in [brackets] must come before the ballots');
      const t = lineText();
      const om = /^\[\s*(\w+)((?:\s+[^\s\]]+)*)\s*\]$/.exec(t);
      if (!om) throw malformed(line, `an option must look like "[name value ...]", found "${t}"`);
      const name = om[1]!;
      const tokens = om[2]!
        .trim()
        .split(/\s+/)
        .filter((s) => s !== '');
      if (name === 'nick') {
        if (tokens.length !== nCandidates) {
          throw malformed(
            line,
            `[nick] needs one nickname per candidate (${nCandidates}), found ${tokens.length}`,
          );
        }
        tokens.forEach((tok, i) => {
          if (/^\d+$/.test(tok)) throw malformed(line, `nickname "${tok}" must not be a number`);
          if (nicknames.has(tok)) throw malformed(line, `nickname "${tok}" is used twice`);
          nicknames.set(tok, i);
        });
      } else if (name === 'tie') pendingTie.push({ line, tokens });
      else if (name === 'withdrawn') pendingWithdrawn.push({ line, tokens });
      else if (name !== 'droop') throw malformed(line, `unknown option [${name}]`);
      continue;
    }
    if (ch === MINUS && !sawBallot && p + 1 < end && isDigit(src.charCodeAt(p + 1))) {
      // withdrawn line
      for (const tok of lineText().split(/\s+/)) {
        const m = /^-(\d+)$/.exec(tok);
        if (!m)
          throw malformed(
            line,
            `a withdrawn line holds only negative candidate numbers, found "${tok}"`,
          );
        const c = Number(m[1]);
        if (c < 1 || c > nCandidates)
          throw malformed(line, `no candidate ${c} to withdraw (there are ${nCandidates})`);
        withdrawn.add(c - 1);
      }
      continue;
    }
    if (ch === QUOTE)
      throw malformed(line, 'expected a ballot line or "0" to end the ballots, found a name');

    // a ballot line: [ (id) ] weight pref pref ... 0
    if (ch === LPAREN) {
      const close = src.indexOf(')', p);
      if (close < 0 || close >= end) throw malformed(line, 'ballot ID "(" is not closed with ")"');
      p = close + 1;
      while (p < end && (src.charCodeAt(p) === SPACE || src.charCodeAt(p) === TAB)) p++;
      ch = p < end ? src.charCodeAt(p) : 0;
    }
    if (!isDigit(ch))
      throw malformed(line, `expected a ballot weight, found "${word(src, p, end)}"`);
    let weight = 0;
    while (p < end && isDigit(src.charCodeAt(p)))
      weight = weight * 10 + (src.charCodeAt(p++) - ZERO);
    if (p < end && src.charCodeAt(p) === DOT) {
      throw malformed(
        line,
        `the ballot weight must be a whole number, found "${word(src, lineStart, end)}"`,
      );
    }
    if (p < end && !isSpace(src.charCodeAt(p)) && src.charCodeAt(p) !== HASH) {
      throw malformed(line, `expected a ballot weight, found "${word(src, lineStart, end)}"`);
    }
    // "0" alone ends the ballots
    if (weight === 0) {
      let q = p;
      while (q < end && isSpace(src.charCodeAt(q))) q++;
      if (q === end || src.charCodeAt(q) === HASH) {
        ballotsEnded = true;
        break;
      }
      throw malformed(
        line,
        'a ballot weight must be at least 1 (a line "0" alone ends the ballots)',
      );
    }
    if (!Number.isSafeInteger(weight)) throw malformed(line, 'the ballot weight is too large');

    seenStamp++;
    let n = 0;
    let terminated = false;
    let joinNext = false; // after "="
    for (;;) {
      const before = p;
      while (p < end && isSpace(src.charCodeAt(p))) p++;
      if (p >= end || src.charCodeAt(p) === HASH) break;
      const spaced = p > before;
      ch = src.charCodeAt(p);
      if (ch === EQUALS) {
        if (n === 0 || joinNext) throw malformed(line, '"=" must stand between two candidates');
        joinNext = true;
        p++;
        continue;
      }
      if (!spaced && !joinNext && n > 0) {
        throw malformed(
          line,
          `expected a space between preferences near "${word(src, before, end)}"`,
        );
      }
      let c: number;
      if (isDigit(ch)) {
        let v = 0;
        const t0 = p;
        while (p < end && isDigit(src.charCodeAt(p))) v = v * 10 + (src.charCodeAt(p++) - ZERO);
        if (
          p < end &&
          !isSpace(src.charCodeAt(p)) &&
          src.charCodeAt(p) !== EQUALS &&
          src.charCodeAt(p) !== HASH
        ) {
          throw malformed(line, `"${word(src, t0, end)}" is not a candidate number`);
        }
        if (v === 0) {
          if (joinNext) throw malformed(line, '"=" must stand between two candidates');
          terminated = true;
          break;
        }
        if (v > nCandidates) throw malformed(line, `no candidate ${v} (there are ${nCandidates})`);
        c = v - 1;
      } else if (ch === MINUS) {
        if (p + 1 < end && isDigit(src.charCodeAt(p + 1))) {
          throw malformed(line, `"${word(src, p, end)}": a preference cannot be negative`);
        }
        p++; // a skipped ranking
        if (joinNext) throw malformed(line, '"=" must stand between two candidates');
        continue;
      } else {
        const t0 = p;
        while (p < end && !isSpace(src.charCodeAt(p)) && src.charCodeAt(p) !== EQUALS) p++;
        const tok = src.slice(t0, p);
        if (nicknames.size === 0) throw malformed(line, `"${tok}" is not a candidate number`);
        c = candidateToken(tok, line);
      }
      if (seen[c] === seenStamp) {
        throw malformed(line, `candidate ${c + 1} is ranked more than once`);
      }
      seen[c] = seenStamp;
      buf[n++] = joinNext ? ~c : c;
      joinNext = false;
    }
    if (!terminated) throw malformed(line, 'a ballot line must end with 0');
    // nothing but a comment may follow the terminating 0
    while (p < end && isSpace(src.charCodeAt(p))) p++;
    if (p < end && src.charCodeAt(p) !== HASH) {
      throw malformed(line, `unexpected "${word(src, p, end)}" after the 0 that ends the ballot`);
    }
    agg.add(buf, 0, n, weight);
    sawBallot = true;
    if (options.onProgress && --untilProgress === 0) {
      untilProgress = progressEvery;
      options.onProgress(pos / len);
    }
  }
  if (!ballotsEnded)
    throw malformed(line + 1, 'the file ended before the "0" line that ends the ballots');

  // --- names, title, notes -----------------------------------------------------------------
  const names: string[] = [];
  let title: string | undefined;
  const notes: string[] = [];
  while (nextLine()) {
    const t = lineText();
    if (t === '') continue;
    if (title !== undefined) {
      // after the title: quoted source/comment lines, or free text (kept, not interpreted)
      notes.push(t.startsWith('"') ? safeQuoted(t) : src.slice(lineStart, lineEnd).trimEnd());
      continue;
    }
    if (!t.startsWith('"')) {
      throw malformed(
        line,
        names.length < nCandidates
          ? `expected the quoted name of candidate ${names.length + 1}, found "${t}"`
          : `expected the quoted title of the election, found "${t}"`,
      );
    }
    const s = quoted(t, line);
    if (names.length < nCandidates) names.push(s);
    else title = s;
  }
  if (names.length < nCandidates) {
    throw malformed(line + 1, `expected ${nCandidates} candidate names, found ${names.length}`);
  }
  if (title === undefined) throw malformed(line + 1, 'the quoted title of the election is missing');

  for (const { line: at, tokens } of pendingWithdrawn)
    for (const t of tokens) withdrawn.add(candidateToken(t, at));
  for (const { line: at, tokens } of pendingTie) {
    const order = tokens.map((t) => candidateToken(t, at));
    if (new Set(order).size !== order.length) throw malformed(at, '[tie] names a candidate twice');
    for (let c = 0; c < nCandidates; c++) if (!order.includes(c)) order.push(c);
    tieOrder = order;
  }
  if (options.onProgress) options.onProgress(1);
  checkSeats(seats, nCandidates);
  const ballots = agg.finish();
  return {
    title,
    seats,
    candidates: names,
    withdrawn: [...withdrawn].sort((a, b) => a - b),
    ballots,
    ...(tieOrder ? { tieOrder } : {}),
    ...(notes.length ? { notes } : {}),
  };
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

function quoted(t: string, line: number): string {
  let out = '';
  let i = 1;
  for (; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '\\') {
      const nx = t[++i];
      if (nx === undefined) break;
      out += nx === 'n' ? '\n' : nx === 't' ? '\t' : nx;
    } else if (ch === '"') {
      if (t.slice(i + 1).trim() !== '') {
        throw malformed(
          line,
          `unexpected text after the closing quote: "${t.slice(i + 1).trim()}"`,
        );
      }
      return out;
    } else out += ch;
  }
  throw malformed(line, 'the name has no closing quote');
}

function safeQuoted(t: string): string {
  try {
    return quoted(t, 0);
  } catch {
    return t;
  }
}

/** Remove a "#" comment, unless the "#" is inside quotes. */
function stripComment(s: string): string {
  const h = s.indexOf('#');
  if (h < 0) return s;
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 92 && inQuote) i++;
    else if (ch === QUOTE) inQuote = !inQuote;
    else if (ch === HASH && !inQuote) return s.slice(0, i);
  }
  return s;
}

function isDigit(ch: number): boolean {
  return ch >= ZERO && ch <= NINE;
}

function isSpace(ch: number): boolean {
  return ch === SPACE || ch === TAB;
}

/** The whitespace-delimited word at p, for error messages. */
function word(src: string, p: number, end: number): string {
  let e = p;
  while (e < end && !isSpace(src.charCodeAt(e))) e++;
  return src.slice(p, Math.min(e, p + 40));
}
