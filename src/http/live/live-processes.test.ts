import { expect, inject, it } from 'vitest';
import { freshDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { openCamdenMeeting, sseReader } from '../../../test/live-room.ts';
import { startServerProcess } from '../../../test/server-process.ts';

/**
 * Several server processes on one PostgreSQL: a change made through one reaches the screens
 * connected to the other, numbered alike, and a screen can reconnect to either and resume.
 */
it.runIf(inject('postgresUrl'))(
  'two server processes on one PostgreSQL: an event raised in one reaches screens on the other',
  async () => {
    const open = await freshDatabase('postgres');
    const servers = [startServerProcess(open.env), startServerProcess(open.env)];
    try {
      const ctx = testContext(open, { now: () => new Date() });
      const room = await openCamdenMeeting(ctx, 3);
      const [a, b] = await Promise.all(servers.map((s) => s.url));
      const as =
        (token: string) =>
        (base: string, path: string, init: RequestInit = {}) =>
          fetch(`${base}${path}`, {
            ...init,
            headers: {
              cookie: `seconded_session=${token}`,
              'content-type': 'application/json',
              origin: base,
              ...(init.headers as Record<string, string> | undefined),
            },
          });
      const [first, second, third] = room.members.map((m) => as(m.token));
      const events = `/api/v1/meetings/${room.meetingId}/events`;

      const onB = sseReader(await second!(b!, events));
      const onA = sseReader(await third!(a!, events));
      const state = await onB.next();
      expect(await onA.next()).toEqual(state);
      const n = Number(state.id);

      // A member signs out through A; the screens on both see it, with the same number.
      const out = await first!(a!, `/api/v1/meetings/${room.meetingId}/attendance/sign-out`, {
        method: 'POST',
        body: '{}',
      });
      expect(out.status).toBe(200);
      const onBEvent = await onB.next();
      expect(onBEvent).toMatchObject({
        id: String(n + 1),
        event: 'attendance',
        data: { present: 2 },
      });
      expect(await onA.next()).toEqual(onBEvent);
      await onA.cancel();

      // Through B this time; the screen that left A reconnects to B and gets just that event.
      await first!(b!, `/api/v1/meetings/${room.meetingId}/attendance`, {
        method: 'POST',
        body: '{}',
      });
      expect(await onB.next()).toMatchObject({ id: String(n + 2), data: { present: 3 } });
      const resumed = sseReader(
        await third!(b!, events, { headers: { 'Last-Event-ID': String(n + 1) } }),
      );
      expect(await resumed.next()).toMatchObject({ id: String(n + 2), data: { present: 3 } });
      await resumed.cancel();
      await onB.cancel();
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await open.close();
    }
  },
);
