import { parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/errors.ts';
import type { SourceRow } from '../../domain/organisations/member-import.ts';

/**
 * The text of an uploaded file. Spreadsheets save UTF-8, or on Windows the ANSI code page
 * (Windows-1252, a superset of Latin-1's printable characters): bytes that are not valid UTF-8
 * are read as Windows-1252, so "Zoë Müller" arrives as written and never as "Zo� M�ller".
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

export interface CsvTable {
  readonly headers: readonly string[];
  readonly rows: readonly SourceRow[];
  readonly delimiter: string;
}

/**
 * Reads a spreadsheet export: UTF-8 with or without a byte-order mark, separated by commas,
 * semicolons (as spreadsheets save in many locales) or tabs, chosen from the header line.
 * Each row keeps its line number in the file so that rejections can name it.
 */
export function readCsv(text: string): CsvTable {
  // Line endings made one kind: a register saved on Windows and then added to elsewhere mixes
  // them, and the parser keeps only the first kind it meets, running the others' rows together.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const headerLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    headerLine.split(d).length > headerLine.split(best).length ? d : best,
  );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new DomainError(
      'MALFORMED_FILE',
      `The file is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${e.message ?? 'unreadable'}`,
    );
  }
  const [header, ...data] = records;
  if (!header)
    throw new DomainError(
      'MALFORMED_FILE',
      'The file is empty: it needs a header row and one row per member.',
    );
  const headers = header.record.map((h) => h.trim());
  if (headers.some((h) => h === '')) {
    throw new DomainError('MALFORMED_FILE', 'Line 1: every column needs a heading.');
  }
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h))
      throw new DomainError('MALFORMED_FILE', `Line 1: the heading "${h}" appears twice.`);
    seen.add(h);
  }
  const rows = data.map(({ record, info }) => ({
    line: info.lines,
    values: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? ''])),
  }));
  return { headers, rows, delimiter };
}
