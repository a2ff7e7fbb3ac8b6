import { expect, it } from 'vitest';
import { deleteLastEntry, recomputeChain } from '../../../test/chain-attacks.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { branchOf, northfield } from '../../../test/story.ts';
import { seedDemo } from '../../demo/seed-demo.ts';
import { chainHeadText } from '../../domain/chain-head.ts';
import type { DomainError } from '../../domain/errors.ts';
import { verifyAuditChains } from './audit-log.ts';
import { checkSavedHead, parseSavedHead, viewChainHead } from './chain-head.ts';
import { isSignedBy, publicKeyOf, serverKey } from './server-key.ts';

describeEachDatabase('the anchored audit chain', (database) => {
  it('keeps one server key across processes and restarts, unless the configuration gives one', async () => {
    const open = database();
    const first = await serverKey(testContext(open));
    // Another process (another context over the same database) finds the same key.
    const second = await serverKey(testContext(open));
    expect(second.publicKey).toBe(first.publicKey);
    expect(second.publicKey).toMatch(/^[0-9a-f]{64}$/);
    const row = await open.db.selectFrom('server_keys').selectAll().executeTakeFirstOrThrow();
    expect([row.id, row.algorithm, row.public_key]).toEqual([
      'chain-head',
      'Ed25519',
      first.publicKey,
    ]);

    const configured = 'a1'.repeat(32);
    const given = await serverKey(testContext(open, { signingKey: configured }));
    expect(given.publicKey).toBe(publicKeyOf(configured));
    expect(given.publicKey).not.toBe(first.publicKey);
    expect(isSignedBy(given.publicKey, 'text', given.sign('text'))).toBe(true);
    expect(isSignedBy(first.publicKey, 'text', given.sign('text'))).toBe(false);
  });

  it('publishes a signed head that an untouched chain still contains, later entries and all', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const head = await viewChainHead(ctx, { organisationSlug: 'northfield-movement' });
    const [chain] = await verifyAuditChains(ctx.db, story.organisation.organisationId);
    expect(head).toMatchObject({
      format: 'seconded-chain-head/1',
      organisationId: story.organisation.organisationId,
      organisation: 'northfield-movement',
      seq: chain!.entries,
      at: '2026-07-01T12:00:00.000Z',
    });
    expect(isSignedBy(head.key, chainHeadText(head), head.signature)).toBe(true);
    const saved = parseSavedHead(JSON.stringify(head), 'head.json');
    expect(await checkSavedHead(ctx, saved)).toMatchObject({ broken: null, seq: head.seq });
    // The chain grows: the saved head is still in it.
    await branchOf(ctx, story.admin, story.nationalId, 'Islington Group');
    expect(await checkSavedHead(ctx, saved)).toMatchObject({
      broken: null,
      entries: head.seq + 1,
    });
  });

  it('catches the last entry deleted, which plain verify does not', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const saved = await viewChainHead(ctx, { organisationSlug: 'northfield-movement' });
    await deleteLastEntry(ctx.db, story.organisation.organisationId);
    const [plain] = await verifyAuditChains(ctx.db, story.organisation.organisationId);
    expect(plain!.broken).toBeNull();
    expect((await checkSavedHead(ctx, saved)).broken).toBe(
      `the chain ends at ${saved.seq - 1} but the saved head is at ${saved.seq}`,
    );
  });

  it('catches the whole chain recomputed after a result was edited, which plain verify does not', async () => {
    const ctx = testContext(database());
    await seedDemo(ctx);
    const saved = await viewChainHead(ctx, { organisationSlug: 'northfield-movement' });
    const carried = await ctx.db
      .selectFrom('questions')
      .selectAll()
      .where('declared', 'like', '%carried%')
      .executeTakeFirstOrThrow();
    // Someone with the database turns the 23 votes for into 3, and covers it up.
    await ctx.db
      .updateTable('questions')
      .set({ counts: carried.counts!.replace('"for":23', '"for":3') })
      .where('id', '=', carried.id)
      .execute();
    await recomputeChain(ctx.db, saved.organisationId);
    const [plain] = await verifyAuditChains(ctx.db, saved.organisationId);
    expect(plain!.broken).toBeNull();

    const { broken } = await checkSavedHead(ctx, saved);
    const now = await viewChainHead(ctx, { organisationSlug: 'northfield-movement' });
    expect(now.seq).toBe(saved.seq);
    expect(broken).toBe(
      `entry ${saved.seq}'s hash is ${now.hash}, the saved head says ${saved.hash}`,
    );
  });

  it('refuses a head whose signature is forged or whose key is not the server’s', async () => {
    const ctx = testContext(database());
    await northfield(ctx);
    const head = await viewChainHead(ctx, { organisationSlug: 'northfield-movement' });
    // A head claimed to be further on than it is, with the signature of the real one.
    const forged = { ...head, seq: head.seq + 5 };
    expect((await checkSavedHead(ctx, forged)).broken).toMatch(
      /^the saved head does not match its signature/,
    );
    // Signed properly, but by a key of the forger's own.
    const other = await serverKey(testContext(database(), { signingKey: 'b2'.repeat(32) }));
    const byOther = { ...head, key: other.publicKey, signature: other.sign(chainHeadText(head)) };
    expect((await checkSavedHead(ctx, byOther)).broken).toBe(
      `the saved head was signed with the key ${other.publicKey}, but this server's key is ${head.key} (if the key was rotated, name the old one with --key)`,
    );
    // After a rotation, the old key is named and the saved head checks again.
    expect(await checkSavedHead(ctx, byOther, { keys: [other.publicKey] })).toMatchObject({
      broken: null,
    });
    // Naming a former key does not stop heads signed with the current one from checking.
    expect(await checkSavedHead(ctx, head, { keys: [other.publicKey] })).toMatchObject({
      broken: null,
    });
  });

  it('refuses a file that is not a saved head, saying what is wrong', () => {
    const refusal = (text: string) => {
      try {
        parseSavedHead(text, 'head.json');
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('accepted');
    };
    expect(refusal('<html>').message).toBe(
      'head.json is not JSON: save it from /r/<organisation>/chain as it is.',
    );
    const wrong = refusal(JSON.stringify({ format: 'seconded-chain-head/1', seq: -1 }));
    expect(wrong.code).toBe('MALFORMED_FILE');
    expect(wrong.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['organisationId', 'seq', 'hash', 'key', 'signature']),
    );
  });
});
