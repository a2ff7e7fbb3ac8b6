import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sink } from '../../test/output-sink.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { makeRankedElection } from '../../test/e2e-ranked-board.ts';
import { canonicalJson as domainCanonical, digest as domainDigest } from '../domain/e2e/board.ts';
import { canonicalJson, digest } from '../verifier/group.ts';
import { keptOf, writeWithEvent } from './board-file.ts';
import { jsonPieces, parseJsonStream, writeJsonFile } from './json-stream.ts';
import { trustee } from './trustee.ts';
import { verifyBallot } from './verify-ballot.ts';

/** The text's bytes in chunks of `size`, so that values and characters straddle them. */
async function* chunksOf(text: string, size: number) {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const election = makeRankedElection({
  seed: 'json-stream',
  candidates: ['Ada', 'Bo', 'Cai'],
  seats: 1,
  rule: 'irv',
  trustees: 2,
  needed: 2,
  rankings: [[0, 1], [1], [2, 0], [0], [1, 2], [], [2, 1, 0]],
});
const boardText = JSON.stringify(election.board);

const odd = {
  'é"\\\n': [1, -2.5e-7, 1e21, true, false, null, '', 'tab\there', '\u2028 ☃ 😀'],
  ['__proto__']: { nested: [[], {}, [[{}]]] },
  repeated: 1,
  n: 0,
};
const oddText = `  {"é\\"\\\\\\n" : [1,-2.5e-7, 1E21,true ,false,null,"","tab\\there","\\u2028 ☃ 😀"],
  "__proto__":{"nested":[ [ ] ,{ },[[{}]]]},"repeated":0,"repeated":1,"n":0}\n`;

describe('reading JSON as a stream', () => {
  it('gives what JSON.parse gives, whole or piece by piece, across chunk boundaries', async () => {
    for (const size of [1, 7, 4096, 1 << 20])
      for (const wholeUpTo of [0, 64, 1 << 22]) {
        const { value } = await parseJsonStream(chunksOf(boardText, size), { wholeUpTo });
        expect(value).toEqual(election.board);
        const read = await parseJsonStream(chunksOf(oddText, size), { wholeUpTo });
        expect(read.value).toEqual(JSON.parse(oddText));
        expect(Object.getPrototypeOf(read.value)).toBe(Object.prototype);
        expect(Object.keys(read.value as object)).toEqual(Object.keys(odd));
      }
  });

  it('reads a board larger than the limit piece by piece, and a small one whole', async () => {
    const streamed = await parseJsonStream(chunksOf(boardText, 4096), { wholeUpTo: 2048 });
    expect(streamed.stats.bytes).toBe(Buffer.byteLength(boardText));
    // The board, its list of events, and the events (and their parts) above 2 KB.
    expect(streamed.stats.streamed).toBeGreaterThan(2);
    const whole = await parseJsonStream(chunksOf(boardText, 4096));
    expect(whole.stats.streamed).toBe(0);
  });

  it('refuses what is not JSON, as JSON.parse does', async () => {
    for (const bad of ['{"a":1', '{"a" 1}', '[1,]', '{"a":1} x', '', '[1 2]', '{"a":tru}'])
      for (const wholeUpTo of [0, 1 << 22]) {
        expect(() => JSON.parse(bad)).toThrow(SyntaxError);
        await expect(parseJsonStream(chunksOf(bad, 2), { wholeUpTo })).rejects.toThrow(SyntaxError);
      }
  });
});

describe('writing and hashing in pieces', () => {
  const big = {
    format: 'x',
    events: [
      { seq: 0, payload: { list: Array.from({ length: 25_000 }, (_, i) => `s${i}`) } },
      { seq: 1, skipped: undefined, payload: { rows: Array.from({ length: 12_000 }, () => [1]) } },
      { seq: 2, payload: [undefined, () => 1, { z: 1, a: [2] }] },
    ],
  };

  it('writes the text JSON.stringify writes', async () => {
    for (const value of [election.board, big, odd, JSON.parse(oddText), [], {}, 'x', null])
      expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value));
    const file = join(mkdtempSync(join(tmpdir(), 'seconded-json-')), 'board.json');
    await writeJsonFile(file, election.board);
    expect(readFileSync(file, 'utf8')).toBe(`${boardText}\n`);
  });

  it('digests the same bytes as the canonical JSON in one string (verifier and domain)', () => {
    const plain = JSON.parse(JSON.stringify(big)) as unknown;
    for (const value of [plain, election.board, JSON.parse(oddText)]) {
      expect(digest(value)).toBe(bytesToHex(sha256(utf8ToBytes(canonicalJson(value)))));
      expect(domainDigest(value)).toBe(bytesToHex(sha256(utf8ToBytes(domainCanonical(value)))));
    }
  });
});

describe('the commands on a board read as a stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seconded-stream-'));
  const boardFile = join(dir, 'board.json');
  writeFileSync(boardFile, boardText);
  const verify = async (file: string, wholeUpTo?: number) => {
    const out = sink();
    const code = await verifyBallot(
      { values: { threads: '1' }, positionals: [file] },
      { stdout: out.stream, stderr: sink().stream, isTTY: false },
      wholeUpTo === undefined ? {} : { wholeUpTo },
    );
    return { code, stdout: out.text() };
  };

  it('verify-ballot gives the same verdict read whole and piece by piece', async () => {
    const whole = await verify(boardFile);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('Recounted 6 papers by irv');
    expect(await verify(boardFile, 256)).toEqual(whole);
  });

  it('a tampered board is refused with the same reason both ways', async () => {
    const altered = JSON.parse(boardText) as typeof election.board;
    const result = altered.events.findLast((e) => e.type === 'result')!;
    (result.payload as { rankings: number[][] }).rankings.reverse();
    writeFileSync(join(dir, 'altered.json'), JSON.stringify(altered));
    const whole = await verify(join(dir, 'altered.json'));
    expect(whole.code).toBe(1);
    expect(whole.stdout).toMatch(/^FAILED at event \d+/);
    expect(await verify(join(dir, 'altered.json'), 256)).toEqual(whole);
  });

  it('trustee shuffle reads piece by piece and writes the board it read, then its shuffle', async () => {
    const events = election.board.events;
    const closed = {
      ...election.board,
      events: events.slice(0, events.findIndex((e) => e.type === 'close') + 1),
    };
    const closedText = JSON.stringify(closed);
    writeFileSync(join(dir, 'closed.json'), closedText);
    const out = join(dir, 'shuffled.json');
    const code = await trustee(
      { values: { threads: '1' }, positionals: ['shuffle', join(dir, 'closed.json'), out] },
      { stdout: sink().stream, stderr: sink().stream },
      { wholeUpTo: 256 },
    );
    expect(code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toBe(`${JSON.stringify(JSON.parse(written))}\n`);
    expect(written.startsWith(closedText.slice(0, -2))).toBe(true);
    const whole = await verify(out);
    expect(whole.stdout).toContain("Shuffled by trustees 1: every shuffle's proof holds.");
    expect(await verify(out, 256)).toEqual(whole);
  }, 60_000);

  it('trustee decrypt reads the board piece by piece and writes JSON.stringify’s bytes', async () => {
    const key = join(dir, 'key.json');
    writeFileSync(
      key,
      JSON.stringify({ ballot: 'ballot-json-stream', trustee: 1, secret: election.secrets[0] }),
    );
    const out = join(dir, 'decryption.json');
    const code = await trustee(
      { values: { trustee: '1', key, threads: '1' }, positionals: ['decrypt', boardFile, out] },
      { stdout: sink().stream, stderr: sink().stream },
      { wholeUpTo: 256 },
    );
    expect(code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toBe(`${JSON.stringify(JSON.parse(written))}\n`);
    expect(
      (JSON.parse(written) as { payload: { factors: unknown[] } }).payload.factors,
    ).toHaveLength(7);
  }, 60_000);
});

describe('the key holder’s board file', () => {
  it('keeps of each event only what the commands use, read as a stream', async () => {
    for (const wholeUpTo of [256, 1 << 22]) {
      const kept = (await parseJsonStream(chunksOf(boardText, 4096), {
        wholeUpTo,
        eachEvent: keptOf,
      })) as { value: typeof election.board };
      expect(kept.value.events.map((e) => e.hash)).toEqual(
        election.board.events.map((e) => e.hash),
      );
      const ballot = kept.value.events.find((e) => e.type === 'ballot')!;
      expect(Object.keys((ballot.payload as { ballot: object }).ballot)).toEqual(['choices']);
      const decryption = kept.value.events.find((e) => e.type === 'partial-decryption')!;
      expect(decryption.payload).toEqual({ trustee: 1 });
    }
  });

  it('writes the board read again with an event, the same bytes as JSON.stringify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seconded-board-file-'));
    const spaced = JSON.stringify(election.board, null, 1);
    writeFileSync(join(dir, 'in.json'), spaced);
    const event = election.board.events.at(-1)!;
    for (const wholeUpTo of [256, 1 << 22]) {
      await writeWithEvent(join(dir, 'in.json'), join(dir, 'out.json'), 'seconded-board-1', event, {
        wholeUpTo,
      });
      const expected = { ...election.board, events: [...election.board.events, event] };
      expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(`${JSON.stringify(expected)}\n`);
    }
    // In place: the output replaces the input once written.
    await writeWithEvent(join(dir, 'in.json'), join(dir, 'in.json'), 'seconded-board-1', event);
    expect(JSON.parse(readFileSync(join(dir, 'in.json'), 'utf8'))).toHaveProperty(
      'events.length',
      election.board.events.length + 1,
    );
  });
});
