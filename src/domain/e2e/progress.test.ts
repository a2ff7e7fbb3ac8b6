import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BoardEventType } from './board.ts';
import { type KeyHolderDuty, progressOf, type ProgressEvent } from './progress.ts';

const setup = (n: number): ProgressEvent => ({
  type: 'setup',
  payload: { trustees: Array.from({ length: n }, (_, i) => ({ index: i + 1, name: `T${i + 1}` })) },
});
const step = (type: BoardEventType, trustee: number): ProgressEvent => ({
  type,
  payload: { trustee },
});
const plain = (type: BoardEventType): ProgressEvent => ({ type, payload: {} });
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const duties = (events: readonly ProgressEvent[], n: number) =>
  numbers(n).map((t) => progressOf(events).dutyOf(t));

/**
 * Runs a ballot as its key holders would, each acting on their duty in the order `pick` chooses
 * among those who have one, and checks the rule at every step on the way.
 */
function runKeyHolders(n: number, pick: (waiting: number[]) => number) {
  const events: ProgressEvent[] = [setup(n)];
  const taken: KeyHolderDuty[] = [];
  for (;;) {
    const owed = duties(events, n);
    const waiting = numbers(n).filter((t) => owed[t - 1] !== null);
    if (waiting.length === 0) break;
    const t = waiting[pick(waiting)]!;
    const duty = owed[t - 1]!;
    taken.push(duty);
    events.push(step(duty, t));
  }
  return { events, taken };
}

describe('progressOf: the next step of an end-to-end ballot, from its board', () => {
  it('starts waiting for every key holder’s key', () => {
    const p = progressOf([setup(3)]);
    expect([p.stage, p.trustees, numbers(3).map(p.dutyOf)]).toEqual([
      'keys',
      3,
      ['trustee-key', 'trustee-key', 'trustee-key'],
    ]);
  });

  it('key holders acting on their duties in any order reach a ballot ready to open, each step once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.infiniteStream(fc.nat()), (n, choices) => {
        const it = choices[Symbol.iterator]();
        const { events, taken } = runKeyHolders(n, (w) => it.next().value! % w.length);
        expect(taken).toEqual([
          ...Array<string>(n).fill('trustee-key'),
          ...Array<string>(n).fill('trustee-polynomial'),
          ...Array<string>(n).fill('trustee-verification'),
        ]);
        const p = progressOf(events);
        expect([p.stage, p.done]).toEqual([
          'ready',
          { keys: n, polynomials: n, verifications: n, partials: 0, shuffles: 0 },
        ]);
      }),
    );
  });

  it('holds back the next phase from everyone until every key holder has done the current one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.infiniteStream(fc.boolean()),
        (n, phase, who) => {
          const phases: KeyHolderDuty[] = [
            'trustee-key',
            'trustee-polynomial',
            'trustee-verification',
          ];
          const events = [setup(n)];
          for (let p = 0; p < phase; p++)
            events.push(...numbers(n).map((t) => step(phases[p]!, t)));
          const it = who[Symbol.iterator]();
          const did = numbers(n).filter(() => it.next().value);
          if (did.length === n) did.pop();
          events.push(...did.map((t) => step(phases[phase]!, t)));
          expect(duties(events, n)).toEqual(
            numbers(n).map((t) => (did.includes(t) ? null : phases[phase])),
          );
          expect(progressOf(events).stage).toBe(['keys', 'polynomials', 'verifications'][phase]);
        },
      ),
    );
  });

  it('reads the same whatever order the events come in, and a repeated step counts once', () => {
    const types: BoardEventType[] = [
      'trustee-key',
      'trustee-polynomial',
      'trustee-verification',
      'partial-decryption',
    ];
    const event = fc.oneof(
      fc
        .record({ type: fc.constantFrom(...types), trustee: fc.integer({ min: 1, max: 4 }) })
        .map(({ type, trustee }) => step(type, trustee)),
      fc.constantFrom<BoardEventType>('open', 'close', 'total', 'result').map(plain),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.nat(), (events, seed) => {
        const board = [setup(4), ...events];
        const shuffled = fc.sample(fc.shuffledSubarray(board, { minLength: board.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        const doubled = [...board, ...events];
        for (const other of [shuffled, doubled]) {
          expect(progressOf(other).stage).toBe(progressOf(board).stage);
          expect(progressOf(other).done).toEqual(progressOf(board).done);
          expect(duties(other, 4)).toEqual(duties(board, 4));
        }
      }),
    );
  });

  it('asks nothing of key holders while voting is open, a partial decryption of each once the total is on the board, and nothing once counted', () => {
    const ready = runKeyHolders(3, () => 0).events;
    const open = [...ready, plain('open')];
    expect([progressOf(open).stage, duties(open, 3)]).toEqual(['open', [null, null, null]]);
    const closed = [...open, plain('close'), plain('total')];
    expect([progressOf(closed).stage, duties(closed, 3)]).toEqual([
      'decrypting',
      ['partial-decryption', 'partial-decryption', 'partial-decryption'],
    ]);
    const one = [...closed, step('partial-decryption', 2)];
    expect(duties(one, 3)).toEqual(['partial-decryption', null, 'partial-decryption']);
    const counted = [...one, step('partial-decryption', 1), plain('result')];
    expect([progressOf(counted).stage, duties(counted, 3)]).toEqual([
      'counted',
      [null, null, null],
    ]);
  });

  it('counts a ballot closed with no votes at once: no total to decrypt', () => {
    const done = [
      ...runKeyHolders(2, () => 0).events,
      plain('open'),
      plain('close'),
      plain('result'),
    ];
    expect([progressOf(done).stage, duties(done, 2)]).toEqual(['counted', [null, null]]);
  });
});
