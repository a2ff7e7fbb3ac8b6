import { createServer } from 'node:http';
import { expect, it, onTestFinished } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { northfield } from '../../test/story.ts';
import { inTransaction } from '../app/common/context.ts';
import { queueActivity } from '../app/federation/offer-resolution.ts';
import { createFederationSeam, federationRetryMs } from './federation.ts';

it('waits longer after each failure, to at most an hour', () => {
  expect([1, 2, 3, 4].map((n) => federationRetryMs(30_000, n))).toEqual([
    30_000, 60_000, 120_000, 240_000,
  ]);
  expect(federationRetryMs(30_000, 50)).toBe(3_600_000);
});

describeEachDatabase('sending to other servers', (database) => {
  it('never fetches a peer at a private address unless configured, and keeps it to retry', async () => {
    // A server on the loopback address that counts what it is asked.
    let asked = 0;
    const listener = createServer((_req, res) => {
      asked++;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const address = listener.address();
    const peer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    onTestFinished(() => new Promise<void>((resolve) => listener.close(() => resolve())));
    const ctx = {
      ...testContext(database(), { now: () => new Date() }),
      federation: { origin: 'https://movement.example', allowedPeers: [peer] },
    };
    const story = await northfield(ctx);
    const seam = createFederationSeam(ctx, {
      origin: 'https://movement.example',
      allowedPeers: [peer],
      allowPrivateAddresses: false,
      retryFirstMs: 30_000,
    });
    await inTransaction(ctx, (trx) =>
      queueActivity(trx, ctx, {
        senderBodyId: story.camdenId,
        recipient: `${peer}/federation/bodies/x`,
        payload: { type: 'answer', offerId: `${peer}/a/1`, status: 'acknowledged', note: null },
        at: new Date().toISOString(),
      }),
    );
    expect(await seam.deliverDue()).toBe(0);
    const row = await ctx.db.selectFrom('federation_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row.last_error).toMatch(/no actor found/);
    expect(asked).toBe(0);
    expect(Date.parse(row.next_attempt_at)).toBeGreaterThan(Date.now() + 20_000);
    // Not due again yet: nothing is tried.
    expect(await seam.deliverDue()).toBe(0);
    expect(
      (await ctx.db.selectFrom('federation_outbox').select('attempts').executeTakeFirstOrThrow())
        .attempts,
    ).toBe(1);
  });
});
