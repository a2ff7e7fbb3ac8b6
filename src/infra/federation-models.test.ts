import { Create, Document, Source } from '@fedify/vocab';
import type { InboxContext } from '@fedify/fedify';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { onCreate } from './federation-models.ts';

const settings = {
  origin: 'https://movement.example',
  allowedPeers: ['https://party.example'],
  allowPrivateAddresses: false,
  retryFirstMs: 30_000,
};

const createFrom = (origin: string, more: { target?: URL } = {}) =>
  new Create({
    id: new URL(`${origin}/federation/activities/1`),
    actor: new URL(`${origin}/federation/bodies/nec`),
    ...more,
    object: new Document({
      id: new URL(`${origin}/r/party/model`),
      source: new Source({ content: '{}', mediaType: 'application/json' }),
    }),
  });

describeEachDatabase('a Create in a body’s inbox', (database) => {
  it('is refused from a server not allowed, or with an id of another origin, before anything is read or written', async () => {
    const ctx = testContext(database());
    const ictx = { recipient: 'body' } as InboxContext<void>;
    await expect(
      onCreate(ctx, settings, ictx, createFrom('https://elsewhere.example')),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const forged = new Create({
      id: new URL('https://elsewhere.example/federation/activities/1'),
      actor: new URL('https://party.example/federation/bodies/nec'),
    });
    await expect(onCreate(ctx, settings, ictx, forged)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // A model motion that names no adoptions collection is not taken.
    await expect(
      onCreate(ctx, settings, ictx, createFrom('https://party.example')),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    for (const table of [
      'federation_inbox',
      'communications',
      'federation_received_models',
    ] as const) {
      expect(await ctx.db.selectFrom(table).selectAll().execute()).toEqual([]);
    }
  });
});
