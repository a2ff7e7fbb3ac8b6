import { expect } from 'vitest';
import { devices } from '../src/demo/seed-demo-e2e.ts';
import { digest, type Board } from '../src/domain/e2e/index.ts';

/*
 * The devices of an end-to-end ballot's trustees and voters, played in Node with the crypto
 * module (src/domain/e2e) against the use cases, as the demo plays them (src/demo/seed-demo-e2e.ts).
 */
export const setUpKeys = devices.makeKeys;
export const encryptFor = devices.seal;
export const vote = devices.vote;
export const decrypt = devices.decrypt;

/** The board's chain recomputed from the events alone: seq, prev and each hash. */
export function expectChained(board: Board) {
  expect(board.format).toBe('seconded-board-1');
  let prev = '0'.repeat(64);
  for (const [seq, e] of board.events.entries()) {
    expect(e.seq).toBe(seq);
    expect(e.prev).toBe(prev);
    expect(e.hash).toBe(digest({ seq: e.seq, type: e.type, payload: e.payload, prev: e.prev }));
    prev = e.hash;
  }
}
