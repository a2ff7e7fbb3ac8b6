/**
 * Reading a BLT ballot file from bytes, in one pass, as its chunks arrive (see blt.ts for the
 * format and its sources).
 *
 * Terms:
 * - Chunk: any slice of the file's bytes, fed in order with `push`; a line may span chunks.
 * - Ballot line: "weight pref pref ... 0". The fast path reads the common shape (digits,
 *   spaces, tabs and "=") straight from the bytes into a reused Int32Array, and merges it into
 *   its ballot group (BallotAggregator), so reading allocates per distinct ranking, not per
 *   line. Any other line, and any line the fast path does not accept, is decoded and read by
 *   the line reader of the format (`BltLines`), which gives each error its line number. The
 *   fast path accepts only lines the line reader reads the same way, so both paths agree.
 * - Memory: the distinct rankings, the part of one line not yet ended, and the header and
 *   names; never the whole file.
 */
import { BallotAggregator, checkSeats } from './ballots.ts';
import { isDigit, isSpace, lineText, malformed, quoted, safeQuoted, word } from './blt-text.ts';
import type { BallotProfile } from './types.ts';

const SPACE = 32;
const TAB = 9;
const CR = 13;
const NEWLINE = 10;
const HASH = 35;
const ZERO = 48;
const NINE = 57;
const EQUALS = 61;
const MINUS = 45;
const LBRACKET = 91;
const LPAREN = 40;
const QUOTE = 34;
const DOT = 46;

type Phase = 'header' | 'ballots' | 'names';

/** Feeds a BLT file's bytes in, chunk by chunk; `end()` gives the profile. */
export class BltReader {
  private phase: Phase = 'header';
  private line = 0;
  /** The bytes of a line begun in an earlier chunk. */
  private carry = new Uint8Array(256);
  private carryLength = 0;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private bytes = 0;

  private nCandidates = 0;
  /** The base of the aggregator's ranking keys, 2 * nCandidates + 1. */
  private base = 0;
  private seats = 0;
  private agg = new BallotAggregator();
  private buf = new Int32Array(0);
  /** A stamp per ballot line, to catch a candidate ranked twice on it. */
  private seen = new Int32Array(0);
  private stamp = 0;
  private sawBallot = false;
  private readonly withdrawn = new Set<number>();
  private readonly nicknames = new Map<string, number>();
  private readonly pendingTie: { line: number; tokens: string[] }[] = [];
  private readonly pendingWithdrawn: { line: number; tokens: string[] }[] = [];
  private readonly names: string[] = [];
  private title: string | undefined;
  private readonly notes: string[] = [];

  /** Bytes fed so far. */
  get bytesRead(): number {
    return this.bytes;
  }

  /** Ballot papers read so far (the sum of the weights). */
  get papersRead(): number {
    return this.agg.papers;
  }

  /** Feed the next chunk of the file. Throws DomainError('MALFORMED_FILE', 'line N: ...'). */
  push(bytes: Uint8Array): void {
    // a plain Uint8Array view (not Node's Buffer, a subclass): the reading loops then see one
    // kind of array, chunks and the carried line alike, and V8 compiles them once
    const chunk =
      bytes.constructor === Uint8Array
        ? bytes
        : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.bytes += chunk.length;
    let i = 0;
    if (this.carryLength > 0) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.keep(chunk, 0, chunk.length);
        return;
      }
      this.keep(chunk, 0, nl);
      const length = this.carryLength;
      this.carryLength = 0;
      this.lineOf(this.carry, 0, length);
      i = nl + 1;
    }
    const length = chunk.length;
    while (i < length) {
      if (this.phase === 'ballots') i = this.ballotLines(chunk, i);
      if (i >= length) break;
      const nl = chunk.indexOf(NEWLINE, i);
      if (nl < 0) break;
      this.lineOf(chunk, i, nl);
      i = nl + 1;
    }
    if (i < length) this.keep(chunk, i, length);
  }

  /** The end of the file: check what must be there and return the profile. */
  end(): BallotProfile {
    if (this.carryLength > 0) {
      const length = this.carryLength;
      this.carryLength = 0;
      this.lineOf(this.carry, 0, length);
    }
    const { line, nCandidates, names, title } = this;
    if (this.phase === 'header') {
      throw malformed(Math.max(line, 1), 'empty file: expected "candidates seats"');
    }
    if (this.phase === 'ballots') {
      throw malformed(line + 1, 'the file ended before the "0" line that ends the ballots');
    }
    if (names.length < nCandidates) {
      throw malformed(line + 1, `expected ${nCandidates} candidate names, found ${names.length}`);
    }
    if (title === undefined) {
      throw malformed(line + 1, 'the quoted title of the election is missing');
    }
    for (const { line: at, tokens } of this.pendingWithdrawn)
      for (const t of tokens) this.withdrawn.add(this.candidateToken(t, at));
    let tieOrder: number[] | undefined;
    for (const { line: at, tokens } of this.pendingTie) {
      const order = tokens.map((t) => this.candidateToken(t, at));
      if (new Set(order).size !== order.length) {
        throw malformed(at, '[tie] names a candidate twice');
      }
      for (let c = 0; c < nCandidates; c++) if (!order.includes(c)) order.push(c);
      tieOrder = order;
    }
    checkSeats(this.seats, nCandidates);
    return {
      title,
      seats: this.seats,
      candidates: names,
      withdrawn: [...this.withdrawn].sort((a, b) => a - b),
      ballots: this.agg.finish(),
      ...(tieOrder ? { tieOrder } : {}),
      ...(this.notes.length ? { notes: this.notes } : {}),
    };
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    const need = this.carryLength + (to - from);
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(from, to), this.carryLength);
    this.carryLength = need;
  }

  /** One line, `b[start .. end)` without its newline. */
  private lineOf(b: Uint8Array, start: number, end: number): void {
    this.line++;
    if (end > start && b[end - 1] === CR) end--;
    if (this.line === 1 && end - start >= 3 && b[start] === 0xef && b[start + 1] === 0xbb) {
      if (b[start + 2] === 0xbf) start += 3; // byte-order mark
    }
    if (this.phase === 'ballots') {
      if (this.fastBallot(b, start, end, true) < 0)
        this.ballotLine(this.decoder.decode(b.subarray(start, end)));
    } else if (this.phase === 'header')
      this.headerLine(this.decoder.decode(b.subarray(start, end)));
    else this.nameLine(this.decoder.decode(b.subarray(start, end)));
  }

  private headerLine(s: string): void {
    const header = lineText(s);
    if (header === '') return;
    const { line } = this;
    const hm = /^(\d+)\s+(\d+)$/.exec(header);
    if (!hm) {
      throw malformed(line, `expected "candidates seats" (two whole numbers), found "${header}"`);
    }
    const nCandidates = Number(hm[1]);
    const seats = Number(hm[2]);
    if (nCandidates < 1) throw malformed(line, 'there must be at least one candidate');
    if (seats < 1) throw malformed(line, 'there must be at least one seat');
    if (seats > nCandidates) {
      throw malformed(line, `${seats} seats but only ${nCandidates} candidates`);
    }
    this.nCandidates = nCandidates;
    this.base = 2 * nCandidates + 1;
    this.seats = seats;
    this.buf = new Int32Array(nCandidates);
    this.seen = new Int32Array(nCandidates);
    this.agg = new BallotAggregator(nCandidates);
    this.phase = 'ballots';
  }

  /**
   * The common ballot lines from `i` on, each read as it comes (its newline found in the same
   * pass); gives where the first line it does not read begins. A loop of its own, so that the
   * hot path is compiled apart from the rare lines' handling in `push`.
   */
  private ballotLines(chunk: Uint8Array, i: number): number {
    const length = chunk.length;
    // nothing after the loop but the return: code V8 has not yet seen run would undo its
    // optimised loop at the end of every chunk
    while (i < length) {
      const at = this.fastBallot(chunk, i, length, false);
      if (at < 0) break;
      this.line++;
      i = at + 1;
    }
    return i;
  }

  /**
   * A ballot line of the common shape, read from the bytes as they come, its end found in the
   * same pass (no search for the newline first): from `start`, the line ends at the first
   * newline, or at `limit` when `whole` (the line reader's call, the newline already taken off).
   * Gives the index where the line ended, or -1, having added nothing, for any line it does
   * not accept, or that does not end before `limit` (the line reader then reads it, or names
   * its error). A carriage return is not accepted here: the line reader takes it off first.
   */
  private fastBallot(b: Uint8Array, start: number, limit: number, whole: boolean): number {
    let p = start;
    // past `limit` reads as a newline: the line's end when `whole`, else refused at the end
    let ch = p < limit ? b[p]! : NEWLINE;
    while (ch === SPACE || ch === TAB) ch = ++p < limit ? b[p]! : NEWLINE;
    if (ch === NEWLINE) return p === limit && !whole ? -1 : p; // blank line
    if (ch < ZERO || ch > NINE) return -1;
    let weight = 0;
    const w0 = p;
    do {
      weight = weight * 10 + (ch - ZERO);
      ch = ++p < limit ? b[p]! : NEWLINE;
    } while (ch >= ZERO && ch <= NINE);
    // "0" (the end of the ballots), a weight alone, or one too long to be surely exact
    if (ch === NEWLINE || weight === 0 || p - w0 > 15) return -1;
    if (ch !== SPACE && ch !== TAB) return -1;
    const { buf, seen, nCandidates, base } = this;
    const stamp = ++this.stamp;
    let n = 0;
    let key = 0; // the ranking's key for the aggregator (exact while n <= its keyedLength)
    let joinNext = false; // after "="
    for (;;) {
      const before = p;
      while (ch === SPACE || ch === TAB) ch = ++p < limit ? b[p]! : NEWLINE;
      if (ch === NEWLINE) return -1; // not ended by 0
      if (ch === EQUALS) {
        if (n === 0 || joinNext) return -1;
        joinNext = true;
        ch = ++p < limit ? b[p]! : NEWLINE;
        continue;
      }
      if (ch < ZERO || ch > NINE) return -1;
      if (p === before && !joinNext && n > 0) return -1;
      let v = 0;
      do {
        v = v * 10 + (ch - ZERO);
        ch = ++p < limit ? b[p]! : NEWLINE;
      } while (ch >= ZERO && ch <= NINE);
      if (ch !== NEWLINE && ch !== SPACE && ch !== TAB && ch !== EQUALS) return -1;
      if (v === 0) {
        if (joinNext) return -1;
        break;
      }
      if (v > nCandidates) return -1;
      const c = v - 1;
      if (seen[c] === stamp) return -1;
      seen[c] = stamp;
      if (joinNext) {
        buf[n++] = ~c;
        key = key * base + nCandidates + v;
      } else {
        buf[n++] = c;
        key = key * base + v;
      }
      joinNext = false;
    }
    while (ch === SPACE || ch === TAB) ch = ++p < limit ? b[p]! : NEWLINE;
    if (ch !== NEWLINE || (p === limit && !whole)) return -1;
    if (n <= this.agg.keyedLength) this.agg.addKeyed(key, buf, 0, n, weight);
    else this.agg.add(buf, 0, n, weight);
    this.sawBallot = true;
    return p;
  }

  private candidateToken(tok: string, at: number): number {
    const { nCandidates } = this;
    if (/^\d+$/.test(tok)) {
      const c = Number(tok);
      if (c < 1 || c > nCandidates)
        throw malformed(at, `no candidate ${tok} (there are ${nCandidates})`);
      return c - 1;
    }
    const n = this.nicknames.get(tok);
    if (n === undefined) throw malformed(at, `unknown candidate "${tok}"`);
    return n;
  }

  /** Any line between the header and the "0" that ends the ballots, decoded. */
  private ballotLine(s: string): void {
    const { line } = this;
    const end = s.length;
    let p = 0;
    while (p < end && isSpace(s.charCodeAt(p))) p++;
    if (p === end) return; // blank line
    const ch = s.charCodeAt(p);
    if (ch === HASH) return;
    if (ch === LBRACKET) return this.optionLine(s);
    if (ch === MINUS && !this.sawBallot && p + 1 < end && isDigit(s.charCodeAt(p + 1))) {
      for (const tok of lineText(s).split(/\s+/)) {
        const m = /^-(\d+)$/.exec(tok);
        if (!m) {
          throw malformed(
            line,
            `a withdrawn line holds only negative candidate numbers, found "${tok}"`,
          );
        }
        const c = Number(m[1]);
        if (c < 1 || c > this.nCandidates) {
          throw malformed(line, `no candidate ${c} to withdraw (there are ${this.nCandidates})`);
        }
        this.withdrawn.add(c - 1);
      }
      return;
    }
    if (ch === QUOTE) {
      throw malformed(line, 'expected a ballot line or "0" to end the ballots, found a name');
    }
    this.ballotText(s, p);
  }

  private optionLine(s: string): void {
    const { line } = this;
    if (this.sawBallot) throw malformed(line, 'options in [brackets] must come before the ballots');
    const t = lineText(s);
    const om = /^\[\s*(\w+)((?:\s+[^\s\]]+)*)\s*\]$/.exec(t);
    if (!om) throw malformed(line, `an option must look like "[name value ...]", found "${t}"`);
    const name = om[1]!;
    const tokens = om[2]!
      .trim()
      .split(/\s+/)
      .filter((x) => x !== '');
    if (name === 'nick') {
      if (tokens.length !== this.nCandidates) {
        throw malformed(
          line,
          `[nick] needs one nickname per candidate (${this.nCandidates}), found ${tokens.length}`,
        );
      }
      tokens.forEach((tok, i) => {
        if (/^\d+$/.test(tok)) throw malformed(line, `nickname "${tok}" must not be a number`);
        if (this.nicknames.has(tok)) throw malformed(line, `nickname "${tok}" is used twice`);
        this.nicknames.set(tok, i);
      });
    } else if (name === 'tie') this.pendingTie.push({ line, tokens });
    else if (name === 'withdrawn') this.pendingWithdrawn.push({ line, tokens });
    else if (name !== 'droop') throw malformed(line, `unknown option [${name}]`);
  }

  /** A ballot line read as text: `[ (id) ] weight pref pref ... 0`, every error named. */
  private ballotText(s: string, p: number): void {
    const { line, nCandidates, buf, seen } = this;
    const end = s.length;
    let ch = s.charCodeAt(p);
    if (ch === LPAREN) {
      const close = s.indexOf(')', p);
      if (close < 0) throw malformed(line, 'ballot ID "(" is not closed with ")"');
      p = close + 1;
      while (p < end && isSpace(s.charCodeAt(p))) p++;
      ch = p < end ? s.charCodeAt(p) : 0;
    }
    if (!isDigit(ch)) throw malformed(line, `expected a ballot weight, found "${word(s, p)}"`);
    let weight = 0;
    while (p < end && isDigit(s.charCodeAt(p))) weight = weight * 10 + (s.charCodeAt(p++) - ZERO);
    if (p < end && s.charCodeAt(p) === DOT) {
      throw malformed(line, `the ballot weight must be a whole number, found "${word(s, 0)}"`);
    }
    if (p < end && !isSpace(s.charCodeAt(p)) && s.charCodeAt(p) !== HASH) {
      throw malformed(line, `expected a ballot weight, found "${word(s, 0)}"`);
    }
    if (weight === 0) {
      // "0" alone ends the ballots
      let q = p;
      while (q < end && isSpace(s.charCodeAt(q))) q++;
      if (q === end || s.charCodeAt(q) === HASH) {
        this.phase = 'names';
        return;
      }
      throw malformed(
        line,
        'a ballot weight must be at least 1 (a line "0" alone ends the ballots)',
      );
    }
    if (!Number.isSafeInteger(weight)) throw malformed(line, 'the ballot weight is too large');

    const stamp = ++this.stamp;
    let n = 0;
    let terminated = false;
    let joinNext = false; // after "="
    for (;;) {
      const before = p;
      while (p < end && isSpace(s.charCodeAt(p))) p++;
      if (p >= end || s.charCodeAt(p) === HASH) break;
      const spaced = p > before;
      ch = s.charCodeAt(p);
      if (ch === EQUALS) {
        if (n === 0 || joinNext) throw malformed(line, '"=" must stand between two candidates');
        joinNext = true;
        p++;
        continue;
      }
      if (!spaced && !joinNext && n > 0) {
        throw malformed(line, `expected a space between preferences near "${word(s, before)}"`);
      }
      let c: number;
      if (isDigit(ch)) {
        let v = 0;
        const t0 = p;
        while (p < end && isDigit(s.charCodeAt(p))) v = v * 10 + (s.charCodeAt(p++) - ZERO);
        const next = s.charCodeAt(p);
        if (p < end && !isSpace(next) && next !== EQUALS && next !== HASH) {
          throw malformed(line, `"${word(s, t0)}" is not a candidate number`);
        }
        if (v === 0) {
          if (joinNext) throw malformed(line, '"=" must stand between two candidates');
          terminated = true;
          break;
        }
        if (v > nCandidates) throw malformed(line, `no candidate ${v} (there are ${nCandidates})`);
        c = v - 1;
      } else if (ch === MINUS) {
        if (p + 1 < end && isDigit(s.charCodeAt(p + 1))) {
          throw malformed(line, `"${word(s, p)}": a preference cannot be negative`);
        }
        p++; // a skipped ranking
        if (joinNext) throw malformed(line, '"=" must stand between two candidates');
        continue;
      } else {
        const t0 = p;
        while (p < end && !isSpace(s.charCodeAt(p)) && s.charCodeAt(p) !== EQUALS) p++;
        const tok = s.slice(t0, p);
        if (this.nicknames.size === 0) throw malformed(line, `"${tok}" is not a candidate number`);
        c = this.candidateToken(tok, line);
      }
      if (seen[c] === stamp) throw malformed(line, `candidate ${c + 1} is ranked more than once`);
      seen[c] = stamp;
      buf[n++] = joinNext ? ~c : c;
      joinNext = false;
    }
    if (!terminated) throw malformed(line, 'a ballot line must end with 0');
    // nothing but a comment may follow the terminating 0
    while (p < end && isSpace(s.charCodeAt(p))) p++;
    if (p < end && s.charCodeAt(p) !== HASH) {
      throw malformed(line, `unexpected "${word(s, p)}" after the 0 that ends the ballot`);
    }
    this.agg.add(buf, 0, n, weight);
    this.sawBallot = true;
  }

  /** After the ballots: the quoted names, the title, then notes kept as they are. */
  private nameLine(s: string): void {
    const { line, names, nCandidates } = this;
    const t = lineText(s);
    if (t === '') return;
    if (this.title !== undefined) {
      // after the title: quoted source/comment lines, or free text (kept, not interpreted)
      this.notes.push(t.startsWith('"') ? safeQuoted(t) : s.trimEnd());
      return;
    }
    if (!t.startsWith('"')) {
      throw malformed(
        line,
        names.length < nCandidates
          ? `expected the quoted name of candidate ${names.length + 1}, found "${t}"`
          : `expected the quoted title of the election, found "${t}"`,
      );
    }
    const name = quoted(t, line);
    if (names.length < nCandidates) names.push(name);
    else this.title = name;
  }
}
