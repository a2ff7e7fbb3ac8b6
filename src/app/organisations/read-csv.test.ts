import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { examplePath } from '../../../test/story.ts';
import { decodeCsv, openCsv, readCsv } from './read-csv.ts';

/** The file's bytes handed over in chunks ending at `cuts`. */
const inChunks = (bytes: Uint8Array, cuts: readonly number[]) => ({
  size: bytes.byteLength,
  chunks: async function* () {
    let from = 0;
    for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
      yield bytes.subarray(from, cut);
      from = cut;
    }
    yield bytes.subarray(from);
  },
});

async function streamed(source: Parameters<typeof openCsv>[0]) {
  const file = await openCsv(source);
  const rows: { line: number; values: Record<string, string> }[] = [];
  await file.each((row) => void rows.push({ line: row.line, values: { ...row.values } }));
  return { headers: file.headers, delimiter: file.delimiter, rows };
}

describe('reading a register as it streams', () => {
  // A byte-order mark, semicolons, accents in UTF-8, Windows line endings mixed with others,
  // a quoted line break and a blank line: every chunk boundary must read as the whole file does.
  const text =
    '\uFEFFPrénom;Nom;Courriel\r\nZoë;Müller;zoe@example.org\r\n"Siân\r\nO’Brien";Walsh;sian@example.org\n\r\nŁukasz;Nowak;l@example.org\r';
  const bytes = new TextEncoder().encode(text);

  it('reads the same rows and line numbers however the bytes are cut into chunks', async () => {
    const whole = readCsv(text);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: bytes.byteLength }), { maxLength: 12 }),
        async (cuts) => {
          expect(await streamed(inChunks(bytes, cuts))).toEqual({
            headers: whole.headers,
            delimiter: whole.delimiter,
            rows: whole.rows.map((r) => ({ line: r.line, values: r.values })),
          });
        },
      ),
    );
  });

  it('reads a file saved as Windows-1252 as that, even cut inside its rows', async () => {
    const raw = readFileSync(examplePath('members/westminster-excel-windows-1252.csv'));
    const whole = readCsv(decodeCsv(raw).text);
    const read = await streamed(inChunks(raw, [7, 100, 101, 150]));
    expect(read.rows.map((r) => r.values)).toEqual(whole.rows.map((r) => r.values));
    expect(read.rows.map((r) => Object.values(r.values).join(' '))).toContainEqual(
      expect.stringContaining('Zoë Müller'),
    );
  });

  it('reads a text given whole as the same rows', async () => {
    const whole = readCsv(text);
    expect((await streamed(text)).rows.map((r) => r.line)).toEqual(whole.rows.map((r) => r.line));
  });

  it('refuses an empty file and a heading given twice, as readCsv does', async () => {
    await expect(openCsv('')).rejects.toMatchObject({ code: 'MALFORMED_FILE' });
    await expect(openCsv('Name,Name\nx,y')).rejects.toMatchObject({
      message: 'Line 1: the heading "Name" appears twice.',
    });
  });
});

describe('choosing the encoding of a file read in chunks', () => {
  it('reads as Windows-1252 a file whose only such byte is its last, wherever it is cut', async () => {
    // "Zoë" in Windows-1252 ends with 0xEB: a lead byte of UTF-8 with nothing after it.
    const raw = Buffer.concat([
      Buffer.from('Name,Email\nAled,a@example.org\nZo'),
      Buffer.from([0xeb]),
    ]);
    for (let cut = 0; cut <= raw.byteLength; cut++) {
      const read = await streamed(inChunks(raw, [cut]));
      expect(read.rows.at(-1)?.values).toEqual({ Name: 'Zoë', Email: '' });
    }
  });

  it('reads as UTF-8 a character cut between two chunks', async () => {
    const raw = Buffer.from('Name\nŁukasz 𝄞\n');
    for (let cut = 0; cut <= raw.byteLength; cut++) {
      const read = await streamed(inChunks(raw, [cut]));
      expect(read.rows[0]?.values).toEqual({ Name: 'Łukasz 𝄞' });
    }
  });
});
