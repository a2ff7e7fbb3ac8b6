import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { openCamdenMeeting } from '../../../test/live-room.ts';
import { createHttpApp } from '../app.tsx';
import { STREAM_LIMITS } from './stream-quota.ts';

/** Opens one stream on its own connection; resolves with the response and its request. */
function open(port: number, path: string, token: string) {
  return new Promise<{ res: IncomingMessage; req: ClientRequest }>((resolve, reject) => {
    const req = request(
      { port, path, agent: false, headers: { cookie: `seconded_session=${token}` } },
      (res) => resolve({ res, req }),
    );
    req.on('error', reject);
    req.end();
  });
}

describeEachDatabase('caps on live streams', (database) => {
  it('3,000 streams opened at once by one client leave /healthz answering and the caps hold', async () => {
    const ctx = testContext(database());
    const room = await openCamdenMeeting(ctx, 2);
    const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const path = `/api/v1/meetings/${room.meetingId}/events`;
    const opened: { res: IncomingMessage; req: ClientRequest }[] = [];
    try {
      const burst = Array.from({ length: 3_000 }, () => open(port, path, room.chairToken));
      // While the burst is arriving, the server still answers its health check.
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      opened.push(...(await Promise.all(burst)));
      const statuses = opened.map(({ res }) => res.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(STREAM_LIMITS.perSession);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3_000 - STREAM_LIMITS.perSession);
      // Another member's screen is not refused because of them.
      const other = await open(port, path, room.members[0]!.token);
      opened.push(other);
      expect(other.res.statusCode).toBe(200);
      // Closing a screen gives its place back.
      const first = opened.find(({ res }) => res.statusCode === 200)!;
      const closed = new Promise((resolve) => first.res.once('close', resolve));
      first.req.destroy();
      await closed;
      let again: IncomingMessage | undefined;
      for (let tries = 0; tries < 50 && again?.statusCode !== 200; tries++) {
        const next = await open(port, path, room.chairToken);
        opened.push(next);
        again = next.res;
        if (again.statusCode !== 200) await new Promise((r) => setTimeout(r, 20));
      }
      expect(again?.statusCode).toBe(200);
    } finally {
      for (const { req } of opened) req.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 120_000);
});
