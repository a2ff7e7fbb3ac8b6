import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { ORIGIN } from '../../../test/http-client.ts';
import { openCamdenMeeting } from '../../../test/live-room.ts';
import { createHttpApp } from '../app.tsx';

describeEachDatabase('the speakers list in the API', (database) => {
  it('asks, refuses bad input with a stable code, calls with a time limit and reads the list', async () => {
    const ctx = testContext(database());
    const room = await openCamdenMeeting(ctx, 2, { withMotion: true });
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const res = await app.request(`${ORIGIN}/api/v1/meetings/${room.meetingId}${path}`, {
        method,
        headers: { cookie: `seconded_session=${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const [ann, bob] = room.members.map((m) => m.token);
    expect((await call(ann!, 'POST', '/speakers', { side: 'sideways' })).status).toBe(400);
    expect(await call(ann!, 'POST', '/speakers', {})).toMatchObject({
      status: 400,
      body: { error: 'VALIDATION_FAILED', problems: [{ path: 'side' }] },
    });
    expect((await call(ann!, 'POST', '/speakers', { side: 'for' })).status).toBe(201);
    expect(await call(ann!, 'POST', '/speakers', { side: 'for' })).toMatchObject({
      status: 409,
      body: { error: 'ALREADY_ON_SPEAKERS_LIST' },
    });
    const poo = await call(bob!, 'POST', '/speakers', { pointOfOrder: true });
    expect(poo.status).toBe(201);
    expect(await call(ann!, 'POST', '/speakers/next', {})).toMatchObject({
      status: 403,
      body: { error: 'FORBIDDEN' },
    });
    expect(
      (await call(room.chairToken, 'POST', '/speakers/next', { timeLimitSeconds: 5 })).status,
    ).toBe(400);
    expect(
      await call(room.chairToken, 'POST', '/speakers/next', { timeLimitSeconds: 90 }),
    ).toMatchObject({
      status: 200,
      body: { ok: true, name: 'Member 002', timeLimitSeconds: 90 },
    });
    const list = await call(bob!, 'GET', '/speakers');
    expect(list.body).toMatchObject({
      motion: { title: 'No confidence in the Leader' },
      speaking: { name: 'Member 002', pointOfOrder: true, secondsLeft: 90, mine: true },
      queue: [{ name: 'Member 001', side: 'for' }],
    });
    const mine = (list.body.queue as { requestId: string }[])[0]!.requestId;
    expect((await call(bob!, 'POST', `/speakers/${mine}/withdraw`)).status).toBe(403);
    expect((await call(ann!, 'POST', `/speakers/${mine}/withdraw`)).status).toBe(200);
    expect(await call(room.chairToken, 'POST', '/speakers/next', {})).toMatchObject({
      status: 409,
      body: { error: 'NO_ONE_WAITING' },
    });
  });
});
