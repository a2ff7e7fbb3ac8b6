import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBoard, rechain, type Board, type BoardPlan } from '../../test/e2e-board.ts';
import { verifyBoard } from './index.ts';

/** Small random elections: 2–3 trustees, 2–3 choices, 1–3 electors who all vote. */
const plans: fc.Arbitrary<BoardPlan> = fc
  .record({
    seed: fc.string({ minLength: 1, maxLength: 8 }),
    trustees: fc.integer({ min: 2, max: 3 }),
    choices: fc.integer({ min: 2, max: 3 }),
    min: fc.integer({ min: 0, max: 1 }),
  })
  .chain(({ seed, trustees, choices, min }) => {
    const ids = Array.from({ length: trustees }, (_, i) => i + 1);
    return fc
      .record({
        needed: fc.integer({ min: 2, max: trustees }),
        max: fc.integer({ min: Math.max(min, 1), max: choices }),
      })
      .chain(({ needed, max }) =>
        fc.record({
          seed: fc.constant(seed),
          choices: fc.constant(Array.from({ length: choices }, (_, k) => `option ${k}`)),
          min: fc.constant(min),
          max: fc.constant(max),
          rule: fc.constant('most-votes'),
          trustees: fc.constant(trustees),
          needed: fc.constant(needed),
          decryptors: fc.shuffledSubarray(ids, { minLength: needed }),
          electors: fc.array(
            fc.record({
              weight: fc.integer({ min: 1, max: 3 }),
              vote: fc
                .subarray(
                  Array.from({ length: choices }, (_, k) => k),
                  { minLength: min, maxLength: max },
                )
                .map((picked) =>
                  Array.from({ length: choices }, (_, k) => (picked.includes(k) ? 1 : 0)),
                ),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        }),
      );
  });

type Path = (string | number)[];

/** Every string or number in a JSON value, by its path. */
function leaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string' || typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

/** Changes the value at `path` to another of the same kind: a hex digit, a letter, a number. */
function mutate(root: unknown, path: Path, at: number) {
  const parent = path
    .slice(0, -1)
    .reduce((v: Record<string | number, unknown>, k) => v[k] as never, root as never);
  const key = path.at(-1)!;
  const v = parent[key];
  if (typeof v === 'number') {
    parent[key] = v + 1;
    return;
  }
  const s = v as string;
  if (s.length === 0) {
    parent[key] = 'x';
    return;
  }
  const i = at % s.length;
  const alphabet = /^[0-9a-f]{64}$/.test(s)
    ? '0123456789abcdef'
    : 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const c = s[i]!;
  const other = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length] ?? 'A';
  parent[key] = s.slice(0, i) + (other === c ? 'B' : other) + s.slice(i + 1);
}

/**
 * Fields no check can bind, left out of the property: the close's time (nothing hashes the close
 * event into a proof) and the sealed shares, which only their recipient can open (section 5.3).
 */
const unbound = (type: string, path: Path) =>
  (type === 'close' && path[0] === 'at') || (type === 'trustee-polynomial' && path[0] === 'shares');

const sample = (n: number) => fc.sample(plans, { seed: 20261207, numRuns: n });

describe('the verifier on random small boards (fast-check)', () => {
  it('accepts every honest board, with the counts the voters gave', async () => {
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        const verdict = await verifyBoard(makeBoard(plan));
        const counts = plan.choices.map((_, k) =>
          plan.electors.reduce((sum, e) => sum + e.vote![k]! * e.weight, 0),
        );
        expect(verdict).toMatchObject({
          ok: true,
          summary: { counts, ballots: plan.electors.length },
        });
      }),
      { numRuns: 4 },
    );
  }, 300_000);

  const boards: Board[] = sample(3).map(makeBoard);

  it('refuses any single changed field of a payload, even with the chain recomputed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.nat(), fc.nat(), fc.nat(), async (b, e, l, at) => {
        const board = structuredClone(boards[b]!);
        const event = board.events[e % board.events.length]!;
        const paths = leaves(event.payload).filter((p) => !unbound(event.type, p));
        fc.pre(paths.length > 0);
        mutate(event.payload, paths[l % paths.length]!, at);
        const verdict = await verifyBoard(rechain(board));
        expect(verdict.ok).toBe(false);
      }),
      { numRuns: 30 },
    );
  }, 300_000);

  it('refuses any single changed field anywhere when the chain is left as it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.nat(), fc.nat(), fc.nat(), async (b, e, l, at) => {
        const board = structuredClone(boards[b]!);
        const index = e % board.events.length;
        const paths = leaves(board.events[index]);
        mutate(board.events[index], paths[l % paths.length]!, at);
        const verdict = await verifyBoard(board);
        expect(verdict).toMatchObject({
          ok: false,
          item: expect.stringMatching(new RegExp(`^event ${index}\\b`)),
        });
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
