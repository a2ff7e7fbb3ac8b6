import { expect, inject, it } from 'vitest';
import { describeEachDatabase, freshDatabase } from '../../test/databases.ts';
import { silentLog } from '../../test/factories.ts';
import type { NumberedEvent } from '../app/common/events.ts';
import { REPLAY_WINDOW } from '../app/common/events.ts';
import { createDatabaseEventHub } from './live-hub.ts';

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not within the time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describeEachDatabase('live events in the database', (database) => {
  const hubOf = () => {
    const open = database();
    return createDatabaseEventHub({ ...open, log: silentLog });
  };

  it('numbers each channel from 1 and delivers each event once, in order', async () => {
    const hub = hubOf();
    const got: NumberedEvent[] = [];
    const stop = hub.subscribe('meeting:a', (e) => got.push(e));
    for (let i = 0; i < 5; i++) hub.publish('meeting:a', { type: 'attendance', data: { i } });
    hub.publish('meeting:b', { type: 'opened', data: {} });
    await hub.settled();
    expect(got.map((e) => [e.seq, e.data.i])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 4],
    ]);
    expect(await hub.lastSeq('meeting:a')).toBe(5);
    expect(await hub.lastSeq('meeting:b')).toBe(1);
    stop();
    await hub.close();
  });

  it('replays exactly what came after a number, or says it no longer can', async () => {
    const hub = hubOf();
    for (let i = 1; i <= REPLAY_WINDOW + 60; i++)
      hub.publish('meeting:a', { type: 'attendance', data: { i } });
    await hub.settled();
    const last = REPLAY_WINDOW + 60;
    const after = await hub.since('meeting:a', last - 3);
    expect(after?.map((e) => e.seq)).toEqual([last - 2, last - 1, last]);
    expect(await hub.since('meeting:a', last)).toEqual([]);
    // Older than the window, or a number never given: the screen must load afresh.
    expect(await hub.since('meeting:a', 1)).toBeNull();
    expect(await hub.since('meeting:a', last + 1)).toBeNull();
    await hub.close();
  });
});

it.runIf(inject('postgresUrl'))(
  'an event raised by one process reaches the screens of another, with the same number',
  async () => {
    const open = await freshDatabase('postgres');
    // Two hubs, each with its own listening connection: two processes, as far as NOTIFY can
    // tell (the test with two server processes is in src/http/live/live-processes.test.ts).
    const a = createDatabaseEventHub({ ...open, log: silentLog });
    const b = createDatabaseEventHub({ ...open, log: silentLog });
    try {
      const atA: NumberedEvent[] = [];
      const atB: NumberedEvent[] = [];
      a.subscribe('meeting:m', (e) => atA.push(e));
      b.subscribe('meeting:m', (e) => atB.push(e));
      await b.lastSeq('meeting:m'); // b is listening
      await a.lastSeq('meeting:m');
      a.publish('meeting:m', { type: 'opened', data: {} });
      b.publish('meeting:m', { type: 'attendance', data: { present: 1 } });
      a.publish('meeting:m', { type: 'declared', data: { big: 'x'.repeat(9000) } });
      await until(() => atA.length === 3 && atB.length === 3);
      expect(atB.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(atA).toEqual(atB);
      // The event too large for a NOTIFY payload came by its number and was read from the table.
      // (Two hubs commit side by side, so which number it got is not fixed.)
      const declared = atB.find((e) => e.type === 'declared');
      expect((declared?.data.big as string).length).toBe(9000);

      // Its own event may be ready here before another process's earlier one has been heard:
      // it is held back, and both are delivered in number order, each once.
      for (let i = 0; i < 20; i++) {
        a.publish('meeting:m', { type: 'attendance', data: { i, from: 'a' } });
        b.publish('meeting:m', { type: 'attendance', data: { i, from: 'b' } });
      }
      await until(() => atA.length === 43 && atB.length === 43);
      expect(atB.map((e) => e.seq)).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
      expect(atA).toEqual(atB);
    } finally {
      await a.close();
      await b.close();
      await open.close();
    }
  },
);
