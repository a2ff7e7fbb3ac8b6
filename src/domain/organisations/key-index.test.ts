import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from './key-index.ts';

describe('the index of keys an import has seen', () => {
  it('answers as a Map of first lines does, for any keys, accents and repeats included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('zoë@example.org', 'ZOË', '')),
          {
            maxLength: 400,
          },
        ),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 50 }),
        (keys, probes) => {
          const index = new KeyIndex();
          const map = new Map<string, number>();
          keys.forEach((key, line) => {
            expect(index.get(key)).toBe(map.get(key));
            index.add(key, line);
            if (!map.has(key)) map.set(key, line);
          });
          expect(index.size).toBe(map.size);
          for (const key of [...keys, ...probes]) expect(index.get(key)).toBe(map.get(key));
        },
      ),
    );
  });

  it('keeps a million keys exact as its table and buffer grow', () => {
    const index = new KeyIndex();
    for (let i = 0; i < 1_000_000; i++) index.add(`0\u0000member${i}@example.org`, i + 2);
    expect(index.size).toBe(1_000_000);
    expect(index.get('0\u0000member999999@example.org')).toBe(1_000_001);
    expect(index.get('0\u0000member0@example.org')).toBe(2);
    expect(index.get('1\u0000member0@example.org')).toBeUndefined();
  });

  it('keeps long keys and keys on either side of a page boundary exact', () => {
    const index = new KeyIndex();
    const map = new Map<string, number>();
    // Lengths on both sides of a varint's one, two and three bytes, filling several 1 MB pages.
    const lengths = [1, 127, 128, 129, 16_383, 16_384, 40_000, 300_000];
    for (let i = 0; i < 60; i++) {
      const key = `${i}:${'é'.repeat(lengths[i % lengths.length]! >> 1)}`;
      index.add(key, i + 2);
      if (!map.has(key)) map.set(key, i + 2);
    }
    expect(index.size).toBe(map.size);
    for (const [key, line] of map) expect(index.get(key)).toBe(line);
    expect(index.get(`0:${'é'.repeat(1)}`)).toBeUndefined();
  });
});
