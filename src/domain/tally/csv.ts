/**
 * Ranked ballots from CSV, one ballot per row.
 *
 * Shape: a header row of candidate names; then one row per ballot paper, where each cell holds
 * the rank that voter gave that candidate (1 = first preference), or is empty if unranked, as
 * an online form or a scanning bureau exports it:
 *
 *     Ada,Ben,Cal,Dee
 *     1,2,,
 *     2,,1,3
 *     1,1,2,        <- Ada and Ben ranked equal first
 *
 * An optional first column headed "weight" gives each row a weight (default 1). Ranks need not
 * start at 1 or be consecutive in the file, but as on a paper ballot the preferences stop at
 * the first missing number: "1, 2, 4" counts as 1 and 2 only. Equal numbers rank candidates
 * equal. Quoting follows RFC 4180 ("" for a quote inside a quoted field).
 */
import { DomainError } from '../errors.ts';
import { BallotAggregator, checkSeats } from './ballots.ts';
import type { BallotProfile } from './types.ts';

const malformed = (line: number, message: string) =>
  new DomainError('MALFORMED_FILE', `line ${line}: ${message}`);

/** Split CSV text into rows of fields, with the line number where each row starts. */
export function parseCsvRows(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let wasQuoted = false;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !wasQuoted))
      rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '') throw malformed(line, 'a quote may only open a field');
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) throw malformed(rowLine, 'a quoted field is not closed');
  if (field !== '' || fields.length) endRow();
  return rows;
}

export function readRankingCsv(
  text: string,
  options: { seats: number; title?: string },
): BallotProfile {
  const rows = parseCsvRows(text);
  const header = rows[0];
  if (!header) throw malformed(1, 'empty file: expected a header row of candidate names');
  const hasWeight = header.fields[0]!.trim().toLowerCase() === 'weight';
  const names = header.fields.slice(hasWeight ? 1 : 0).map((s) => s.trim());
  if (names.length === 0) throw malformed(header.line, 'no candidates in the header row');
  names.forEach((name, i) => {
    if (name === '') throw malformed(header.line, `candidate ${i + 1} has no name`);
    if (names.indexOf(name) !== i)
      throw malformed(header.line, `candidate "${name}" appears twice`);
  });
  checkSeats(options.seats, names.length);
  if (options.seats > names.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${options.seats} seats but only ${names.length} candidates`,
    );
  }
  const agg = new BallotAggregator(names.length);
  const buf = new Int32Array(names.length);
  for (const row of rows.slice(1)) {
    const cells = row.fields;
    const width = names.length + (hasWeight ? 1 : 0);
    if (cells.length !== width) {
      throw malformed(row.line, `expected ${width} fields, found ${cells.length}`);
    }
    let weight = 1;
    if (hasWeight) {
      const w = cells[0]!.trim();
      if (!/^\d+$/.test(w) || Number(w) < 1)
        throw malformed(row.line, `the weight must be a whole number of at least 1, found "${w}"`);
      weight = Number(w);
    }
    const ranked: [number, number][] = [];
    cells.slice(hasWeight ? 1 : 0).forEach((cell, c) => {
      const v = cell.trim();
      if (v === '') return;
      if (!/^\d+$/.test(v) || Number(v) < 1) {
        throw malformed(
          row.line,
          `the rank for ${names[c]} must be a whole number of at least 1, found "${v}"`,
        );
      }
      ranked.push([Number(v), c]);
    });
    ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let n = 0;
    let expect = ranked.length ? ranked[0]![0] : 0;
    let previous = -1;
    for (const [rank, c] of ranked) {
      if (rank === previous) {
        buf[n++] = ~c;
        continue;
      }
      if (rank !== expect) break; // a missing number ends the preferences
      buf[n++] = c;
      previous = rank;
      expect = rank + 1;
    }
    agg.add(buf, 0, n, weight);
  }
  return {
    title: options.title ?? '',
    seats: options.seats,
    candidates: names,
    withdrawn: [],
    ballots: agg.finish(),
  };
}
