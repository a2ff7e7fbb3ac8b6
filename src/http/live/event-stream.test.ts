import { expect, it, onTestFinished } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { silentLog, testContext } from '../../../test/factories.ts';
import { ORIGIN } from '../../../test/http-client.ts';
import { openCamdenMeeting, sseReader } from '../../../test/live-room.ts';
import { createEventHub, REPLAY_WINDOW } from '../../app/common/events.ts';
import { createDatabaseEventHub } from '../../infra/live-hub.ts';
import { createHttpApp } from '../app.tsx';
import { streamChannel } from './event-stream.ts';
import { higherTurnoutsOnly } from './live.ts';
import { Hono } from 'hono';

describeEachDatabase('one numbered event stream per meeting', (database) => {
  const setUp = async () => {
    const open = database();
    const events = createDatabaseEventHub({ ...open, log: silentLog });
    onTestFinished(() => events.close());
    const ctx = testContext(open, { events });
    const room = await openCamdenMeeting(ctx, 3);
    await events.settled();
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const as =
      (token: string) =>
      (path: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers);
        headers.set('cookie', `seconded_session=${token}`);
        headers.set('content-type', 'application/json');
        return app.request(`${ORIGIN}${path}`, { ...init, headers });
      };
    const [a, b] = room.members.map((m) => as(m.token));
    const chair = as(room.chairToken);
    const signOut = (who: typeof a) =>
      who!(`/api/v1/meetings/${room.meetingId}/attendance/sign-out`, {
        method: 'POST',
        body: '{}',
      });
    const stream = (who: typeof a, lastEventId?: string) =>
      who!(`/api/v1/meetings/${room.meetingId}/events`, {
        headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {},
      });
    return { ctx, events, room, a: a!, b: b!, chair, signOut, stream };
  };

  it('a screen that reconnects gets exactly the events it missed, numbered as before', async () => {
    const { events, room, a, b, chair, signOut, stream } = await setUp();
    const channel = `meeting:${room.meetingId}`;
    const first = sseReader(await stream(a));
    const state = await first.next();
    expect(state).toMatchObject({ event: 'attendance', data: { present: 3, status: 'open' } });
    const n = Number(state.id);
    expect(n).toBe(await events.lastSeq(channel));
    expect((await signOut(b)).status).toBe(200);
    expect(await first.next()).toMatchObject({ id: String(n + 1), data: { present: 2 } });
    await first.cancel();

    // While the screen is away: a member signs out, the chair closes the meeting.
    await chair(`/api/v1/meetings/${room.meetingId}/attendance/sign-out`, {
      method: 'POST',
      body: JSON.stringify({ personId: room.members[2]!.personId }),
    });
    expect(
      (await chair(`/api/v1/meetings/${room.meetingId}/close`, { method: 'POST' })).status,
    ).toBe(200);
    await events.settled();
    expect(await events.lastSeq(channel)).toBeGreaterThan(n + 1);

    const again = sseReader(await stream(a, String(n + 1)));
    const missed = [];
    for (let seq = n + 2; seq <= (await events.lastSeq(channel)); seq++)
      missed.push(await again.next());
    expect(missed.map((e) => Number(e.id))).toEqual(
      Array.from({ length: missed.length }, (_, i) => n + 2 + i),
    );
    expect(missed.at(-1)!.event).toBe('closed');
    // Nothing more until something happens: no state is sent twice.
    await signOut(a);
    await events.settled();
    expect(await again.next()).toMatchObject({ id: String(await events.lastSeq(channel)) });
    await again.cancel();
  });

  it('a screen away longer than the replay window is told to load afresh', async () => {
    const { events, room, a, stream } = await setUp();
    const channel = `meeting:${room.meetingId}`;
    for (let i = 0; i < REPLAY_WINDOW + 60; i++)
      events.publish(channel, { type: 'agenda', data: {} });
    await events.settled();
    const res = sseReader(await stream(a, '1'));
    expect(await res.next()).toMatchObject({
      event: 'resync',
      id: String(await events.lastSeq(channel)),
    });
    await res.cancel();
    // A number this stream never gave (another server's, a restored backup): the same.
    const odd = sseReader(await stream(a, '999999'));
    expect((await odd.next()).event).toBe('resync');
    await odd.cancel();
  });

  it('a reconnecting screen still needs the right to follow the meeting', async () => {
    const { room, stream } = await setUp();
    const res = await stream(
      (path: string, init: RequestInit = {}) =>
        createHttpApp({
          ctx: testContext(database()),
          secureCookies: false,
          signInAttemptsPer15Min: 10,
        }).request(`${ORIGIN}${path}`, init),
      '3',
    );
    expect(res.status).toBe(401);
    expect(room.meetingId).toBeTruthy();
  });
});

it('a turnout counted before a screen connected, heard while its state was read, is not sent after it', async () => {
  const hub = createEventHub();
  const app = new Hono();
  app.get('/events', (c) =>
    streamChannel(
      c,
      hub,
      'ballot:b',
      async () => {
        // The count for the vote already in the state arrives while the state is being read.
        hub.publish('ballot:b', { type: 'turnout', data: { voted: 1 } });
        await hub.settled();
        return { type: 'turnout', data: { voted: 1, electorate: 5, state: 'open' } };
      },
      { keep: higherTurnoutsOnly() },
    ),
  );
  const events = sseReader(await app.request('/events'));
  try {
    expect(await events.next()).toMatchObject({
      event: 'turnout',
      data: { voted: 1, state: 'open' },
    });
    hub.publish('ballot:b', { type: 'turnout', data: { voted: 1 } }); // late, from elsewhere
    hub.publish('ballot:b', { type: 'turnout', data: { voted: 2 } });
    hub.publish('ballot:b', { type: 'closed', data: { result: null } });
    expect(await events.next()).toMatchObject({ event: 'turnout', data: { voted: 2 } });
    expect(await events.next()).toMatchObject({ event: 'closed' });
  } finally {
    await events.cancel();
  }
});
