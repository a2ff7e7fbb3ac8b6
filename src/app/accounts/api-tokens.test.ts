import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext, outcomeOf } from '../../../test/factories.ts';
import { actorFor, personWithAccount } from '../../../test/story.ts';
import { authenticateApiToken } from './authenticate-api-token.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { makeApiToken, MAX_TOKENS } from './make-api-token.ts';
import { revokeApiToken } from './revoke-api-token.ts';

describeEachDatabase('personal API tokens', (database) => {
  it('makes a token shown once and kept as a hash, which acts for its owner until revoked', async () => {
    const open = database();
    const ctx = movableContext(open, {}, '2026-07-01T18:00:00Z');
    const ada = await actorFor(ctx, await personWithAccount(ctx, 'ada@example.org'));
    const made = await makeApiToken(ctx, { actor: ada, name: ' newsletter ', scopes: ['vote'] });
    expect(made).toMatchObject({ name: 'newsletter', scopes: ['vote'] });
    expect(made.token).toMatch(/^sec_[A-Za-z0-9_-]{43}$/);
    const stored = await open.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(made.token);

    const found = await authenticateApiToken(ctx, made.token);
    expect(found?.signedIn.actor.personId).toBe(ada.personId);
    expect(found?.scopes).toEqual(['vote']);
    expect(await authenticateApiToken(ctx, `${made.token}x`)).toBeNull();
    expect(await authenticateApiToken(ctx, 'not-a-token')).toBeNull();
    const [listed] = await listApiTokens(ctx, { actor: ada });
    expect(listed).toMatchObject({
      id: made.id,
      lastUsedAt: '2026-07-01T18:00:00.000Z',
      revokedAt: null,
    });

    ctx.setNow('2026-07-02T09:00:00Z');
    await revokeApiToken(ctx, { actor: ada, tokenId: made.id });
    expect(await authenticateApiToken(ctx, made.token)).toBeNull();
    expect((await listApiTokens(ctx, { actor: ada }))[0]!.revokedAt).toBe(
      '2026-07-02T09:00:00.000Z',
    );
    // Revoked once; a second time, or by someone else, there is no such token in force.
    expect(await outcomeOf(revokeApiToken(ctx, { actor: ada, tokenId: made.id }))).toBe(
      'NOT_FOUND',
    );
  });

  it("never lets one person see or revoke another's token", async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T18:00:00Z');
    const ada = await actorFor(ctx, await personWithAccount(ctx, 'ada@example.org'));
    const ben = await actorFor(ctx, await personWithAccount(ctx, 'ben@example.org'));
    const made = await makeApiToken(ctx, { actor: ada, name: 'mine', scopes: ['read'] });
    expect(await listApiTokens(ctx, { actor: ben })).toEqual([]);
    expect(await outcomeOf(revokeApiToken(ctx, { actor: ben, tokenId: made.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await authenticateApiToken(ctx, made.token)).not.toBeNull();
  });

  it('refuses a token with no name, an unknown scope, or one too many', async () => {
    const ctx = movableContext(database(), {}, '2026-07-01T18:00:00Z');
    const ada = await actorFor(ctx, await personWithAccount(ctx, 'ada@example.org'));
    expect(await outcomeOf(makeApiToken(ctx, { actor: ada, name: '  ', scopes: [] }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await outcomeOf(makeApiToken(ctx, { actor: ada, name: 'x', scopes: ['admin'] }))).toBe(
      'VALIDATION_FAILED',
    );
    for (let i = 0; i < MAX_TOKENS; i++)
      await makeApiToken(ctx, { actor: ada, name: `t${i}`, scopes: [] });
    expect(await outcomeOf(makeApiToken(ctx, { actor: ada, name: 'one more', scopes: [] }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await listApiTokens(ctx, { actor: ada })).toHaveLength(MAX_TOKENS);
  });
});
