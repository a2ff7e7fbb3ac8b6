/**
 * Small text helpers of the BLT line reader (blt-reader.ts): comments, quoted names, and the
 * words quoted in error messages.
 */
import { DomainError } from '../errors.ts';

/** A refusal of the file naming its line: MALFORMED_FILE, "line N: ...". */
export const malformed = (line: number, message: string) =>
  new DomainError('MALFORMED_FILE', `line ${line}: ${message}`);

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const QUOTE = 34;
const ZERO = 48;
const NINE = 57;

/** The line without comments and surrounding white space ('' for blank/comment-only lines). */
export const lineText = (s: string): string => stripComment(s).trim();

/** A quoted name's text, backslash escapes undone. */
export function quoted(t: string, line: number): string {
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

export function safeQuoted(t: string): string {
  try {
    return quoted(t, 0);
  } catch {
    return t;
  }
}

/** Remove a "#" comment, unless the "#" is inside quotes. */
export function stripComment(s: string): string {
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

export function isDigit(ch: number): boolean {
  return ch >= ZERO && ch <= NINE;
}

export function isSpace(ch: number): boolean {
  return ch === SPACE || ch === TAB;
}

/** The whitespace-delimited word at p, for error messages. */
export function word(s: string, p: number): string {
  let e = p;
  while (e < s.length && !isSpace(s.charCodeAt(e))) e++;
  return s.slice(p, Math.min(e, p + 40));
}
