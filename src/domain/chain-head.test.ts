import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from './audit.ts';
import { chainHeadText, compareWithSavedHead, headOf } from './chain-head.ts';

const h = (n: number) => n.toString(16).padStart(64, '0');

describe('a chain head', () => {
  it('is signed as the format, id, slug, number, hash and time, each JSON-encoded, one a line', () => {
    const head = headOf(
      { id: 'org-1', slug: 'camden' },
      { seq: 12, hash: h(12), at: '2026-07-01T12:00:00.000Z' },
    );
    expect(chainHeadText(head)).toBe(
      [
        '"seconded-chain-head/1"',
        '"org-1"',
        '"camden"',
        '12',
        `"${h(12)}"`,
        '"2026-07-01T12:00:00.000Z"',
      ].join('\n'),
    );
    // A chain with no entry yet has the start of every chain as its head, and no time.
    const empty = headOf({ id: 'org-1', slug: 'camden' }, undefined);
    expect([empty.seq, empty.hash, empty.at]).toEqual([0, GENESIS_HASH, null]);
    expect(chainHeadText(empty).split('\n').slice(3)).toEqual(['0', `"${GENESIS_HASH}"`, '""']);
  });

  const chain = [1, 2, 3].map((seq) => ({ seq, hash: h(seq) }));

  it('is contained in a chain that has its entry with exactly its hash, however long the chain grew', () => {
    expect(compareWithSavedHead(chain, { seq: 2, hash: h(2) })).toBeNull();
    expect(compareWithSavedHead(chain, { seq: 3, hash: h(3) })).toBeNull();
    expect(compareWithSavedHead([], { seq: 0, hash: GENESIS_HASH })).toBeNull();
  });

  it('names a chain cut short, an entry with another hash and an entry missing', () => {
    expect(compareWithSavedHead(chain.slice(0, 2), { seq: 3, hash: h(3) })).toEqual({
      seq: 3,
      reason: 'the chain ends at 2 but the saved head is at 3',
    });
    expect(compareWithSavedHead(chain, { seq: 2, hash: h(99) })?.reason).toBe(
      `entry 2's hash is ${h(2)}, the saved head says ${h(99)}`,
    );
    expect(compareWithSavedHead([chain[0]!, chain[2]!], { seq: 2, hash: h(2) })?.reason).toBe(
      'entry 2 of the saved head is missing',
    );
    expect(compareWithSavedHead(chain, { seq: 0, hash: h(1) })?.reason).toBe(
      "the saved head is at 0 but its hash is not the chain's start",
    );
  });
});
