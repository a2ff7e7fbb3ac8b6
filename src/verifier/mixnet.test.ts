import { describe, expect, it } from 'vitest';
import { makeBoard, GOLDEN_PLAN } from '../../test/e2e-board.ts';
import { digest } from '../domain/e2e/board.ts';
import { appendShuffleWith, mixState, type MixBoard, type MixEvent } from '../domain/e2e/mixnet.ts';
import { seededRandom } from '../domain/e2e/testing.ts';
import { hasShuffles, verifyShuffledBoard } from './mixnet.ts';

// GOLDEN_PLAN's ballot (three trustees, six electors, five votes) up to its close, then shuffled
// by the server's module (src/domain/e2e/mixnet.ts) and read by the verifier's own code.
function closed(): MixBoard {
  const voting = makeBoard({ ...GOLDEN_PLAN, until: 'ballot' }) as MixBoard;
  const ballots = voting.events.filter((e) => e.type === 'ballot').length;
  const close = { at: '2026-12-07T19:30:00.000Z', ballots };
  return rechain({
    ...voting,
    events: [
      ...voting.events,
      { ...voting.events.at(-1)!, seq: voting.events.length, type: 'close', payload: close },
    ],
  });
}
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Recomputes the hash chain after an edit, as a forger who rewrote the board would. */
function rechain(board: MixBoard): MixBoard {
  const events: MixEvent[] = [];
  for (const e of board.events) {
    const link = {
      seq: e.seq,
      type: e.type,
      payload: e.payload,
      prev: events.at(-1)?.hash ?? '0'.repeat(64),
    };
    events.push({ ...link, hash: digest(link) });
  }
  return { format: board.format, events };
}

describe('a board with shuffles (docs/mixnet-protocol.md section 4)', () => {
  const once = appendShuffleWith(seededRandom('one'), closed());
  const twice = appendShuffleWith(seededRandom('two'), once);

  it('each trustee in turn shuffles the last list, and the verifier checks every shuffle', async () => {
    expect(mixState(twice).shuffled).toBe(2);
    expect(hasShuffles(twice)).toBe(true);
    const verdict = await verifyShuffledBoard(copy(twice));
    expect(verdict).toMatchObject({ ok: true, shuffledBy: [1, 2] });
    if (verdict.ok) expect(verdict.summary.head).toBe(twice.events.at(-1)!.hash);
  });

  it('refuses a trustee out of turn, and a fourth shuffle by three trustees', () => {
    expect(() => appendShuffleWith(seededRandom('x'), once, 3)).toThrow('trustee 2 shuffles next');
    const thrice = appendShuffleWith(seededRandom('three'), twice);
    expect(() => appendShuffleWith(seededRandom('four'), thrice)).toThrow('every trustee');
  });

  it('refuses a shuffled ballot altered or dropped, even with the chain rewritten', async () => {
    const altered = copy(twice) as { events: { payload: { ballots: unknown[][] } }[] } & MixBoard;
    const last = altered.events.at(-1)!.payload.ballots;
    last[0] = last[1]!;
    expect(await verifyShuffledBoard(rechain(altered))).toMatchObject({
      ok: false,
      item: `event ${twice.events.length - 1} (shuffle)`,
      reason: 'the proof of the shuffle does not hold',
    });
    // A trustee who builds on it refuses too.
    expect(() => appendShuffleWith(seededRandom('y'), rechain(altered))).toThrow(
      'the proof of the shuffle does not hold',
    );
    const dropped = copy(once) as { events: { payload: { ballots: unknown[][] } }[] } & MixBoard;
    dropped.events.at(-1)!.payload.ballots.pop();
    expect(await verifyShuffledBoard(rechain(dropped))).toMatchObject({ ok: false });
  });

  it('refuses a cast ballot changed under the first shuffle', async () => {
    const board = copy(once) as unknown as {
      format: 'seconded-board-1';
      events: { type: string; payload: unknown }[];
    };
    const cast = board.events.filter((e) => e.type === 'ballot');
    // Swapping two voters' ballots breaks their trackers; the prefix check names it first.
    [cast[0]!.payload, cast[1]!.payload] = [cast[1]!.payload, cast[0]!.payload];
    expect(await verifyShuffledBoard(rechain(board as unknown as MixBoard))).toMatchObject({
      ok: false,
    });
  });
});
