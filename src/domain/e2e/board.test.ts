import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalPieces,
  digest,
  GENESIS,
  newPseudonym,
  newPseudonymWith,
  nextEvent,
} from './board.ts';
import { seededRandom } from './testing.ts';

describe('canonicalJson (RFC 8785 for the board’s values)', () => {
  it('sorts keys by UTF-16 code units, at every depth, with no whitespace', () => {
    expect(
      canonicalJson({
        b: 1,
        a: [true, null, 'x'],
        é: { z: 0, A: -1 },
        '\u{1F600}': 1,
        '\uFFFF': 2,
      }),
    ).toBe('{"a":[true,null,"x"],"b":1,"é":{"A":-1,"z":0},"\u{1F600}":1,"\uFFFF":2}');
  });

  it('writes strings as JSON.stringify does and leaves out undefined fields', () => {
    expect(canonicalJson({ s: 'a"b\n\u0001', u: undefined })).toBe('{"s":"a\\"b\\n\\u0001"}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson([undefined])).toThrow();
    expect(() => canonicalJson(1n)).toThrow();
  });

  it('is the same for any order of the same keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
        expect(JSON.parse(canonicalJson(record))).toEqual(record);
      }),
      { numRuns: 50 },
    );
  });
});

describe('digest', () => {
  it('is the hex SHA-256 of the canonical JSON', () => {
    const value = { seq: 0, type: 'setup', payload: { b: 2, a: 1 }, prev: GENESIS };
    const expected = createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
    expect(digest(value)).toBe(expected);
    expect(digest('é')).toBe(createHash('sha256').update('"é"', 'utf8').digest('hex'));
  });
});

describe('canonicalPieces and the digest fed in pieces', () => {
  it('are canonicalJson in pieces, and its SHA-256, at any depth of nesting', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const whole = canonicalJson(value);
        const pieces: string[] = [];
        canonicalPieces(value, (piece) => pieces.push(piece));
        expect(pieces.join('')).toBe(whole);
        expect(digest(value)).toBe(createHash('sha256').update(whole, 'utf8').digest('hex'));
      }),
    );
  });

  it('hashes a value of more than 64 KiB of text as one string would be', () => {
    const ballots = Array.from({ length: 3000 }, (_, i) => [{ alpha: `é${i}`, beta: '\u{1F600}' }]);
    const value = { payload: { ballots, trustee: 1 }, seq: 3 };
    const whole = canonicalJson(value);
    expect(whole.length).toBeGreaterThan(1 << 16);
    expect(digest(value)).toBe(createHash('sha256').update(whole, 'utf8').digest('hex'));
  });
});

describe('nextEvent', () => {
  it('chains events: seq counts from 0 and prev is the previous hash, 64 zeros at first', () => {
    const setup = nextEvent(null, 'setup', { ballot: 'b1' });
    expect(setup.seq).toBe(0);
    expect(setup.prev).toBe(GENESIS);
    expect(setup.hash).toBe(
      digest({ seq: 0, type: 'setup', payload: { ballot: 'b1' }, prev: GENESIS }),
    );
    const key = nextEvent(setup, 'trustee-key', { trustee: 1 });
    expect(key.seq).toBe(1);
    expect(key.prev).toBe(setup.hash);
    expect(key.hash).toBe(
      digest({ seq: 1, type: 'trustee-key', payload: { trustee: 1 }, prev: setup.hash }),
    );
  });

  it('pins the hash of a known event (so the chain cannot drift silently)', () => {
    expect(nextEvent(null, 'close', { at: '2026-12-07T00:00:00.000Z', ballots: 2 }).hash).toBe(
      'd11394a7ca3bce1361ae7a710efe315a7856db703e53f558fb3eaf88bf9b8fb0',
    );
  });
});

describe('newPseudonym', () => {
  it('gives 22 characters of base64url, different each time', () => {
    const a = newPseudonym();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newPseudonym()).not.toBe(a);
  });

  it('encodes 128 bits as base64url', () => {
    const bytes = seededRandom('pseudonym')(16);
    expect(newPseudonymWith(seededRandom('pseudonym'))).toBe(
      Buffer.from(bytes).toString('base64url'),
    );
  });
});
