import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadActor } from '../../src/app/common/actor.ts';
import { today } from '../../src/app/common/context.ts';
import { createE2eBallot } from '../../src/app/ballots/create-e2e-ballot.ts';
import { lodgeProxy } from '../../src/app/ballots/lodge-proxy.ts';
import { openE2eBallot } from '../../src/app/ballots/open-e2e-ballot.ts';
import { editStandingOrders } from '../../src/app/organisations/edit-standing-orders.ts';
import { findStandingOrders } from '../../src/db/queries/standing-orders.ts';
import { verifyBoard } from '../../src/verifier/index.ts';
import { setUpKeys } from '../e2e-devices.ts';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * A proxy in an end-to-end ballot in a real browser (issue 22): Camden's standing orders allow
 * one proxy per member in ballots; a member who will be away lodges theirs with Camden's plain
 * member; on their phone the holder's ballot page offers their own vote and one for the giver,
 * each sealed in the browser under its own pseudonym with its own tracker; both are on the
 * board, which the independent verifier passes; nothing is offered for a third vote. axe on
 * every page.
 */
describe.skipIf(!haveChromium && !process.env.CI)('a proxy in an end-to-end ballot', () => {
  let ballotId = '';
  let giverName = '';
  const demo = demoInBrowser('e2e-proxy', {
    after: async (ctx) => {
      const personOf = (email: string) =>
        ctx.db
          .selectFrom('people')
          .select(['id', 'name'])
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
      const camden = await ctx.db
        .selectFrom('bodies')
        .select('id')
        .where('name', '=', 'Camden Town Group')
        .executeTakeFirstOrThrow();
      const [secretary, chair, holder] = await Promise.all(
        ['camden.secretary@example.org', 'camden.chair@example.org', 'camden.member@example.org']
          .map(personOf)
          .map(async (p) => loadActor(ctx.db, (await p).id, today(ctx))),
      );
      const rules = (await findStandingOrders(ctx.db, camden.id))!.rules;
      await editStandingOrders(ctx, {
        actor: secretary!,
        bodyId: camden.id,
        rules: {
          ...rules,
          proxies: {
            allowed: true,
            maxPerHolder: 1,
            kinds: ['ballots'],
            deadlineHours: 0,
            countToQuorum: false,
          },
        },
      });
      ({ ballotId } = await createE2eBallot(ctx, {
        actor: secretary!,
        bodyId: camden.id,
        question: 'That this branch backs the housing campaign.',
        options: { kind: 'yes-no' },
        trustees: [secretary!.personId, chair!.personId],
      }));
      // A member of Camden with no part in the ballot's running gives their proxy.
      const giverRow = await ctx.db
        .selectFrom('memberships')
        .innerJoin('people', 'people.id', 'memberships.person_id')
        .select(['people.id', 'people.name'])
        .where('memberships.body_id', '=', camden.id)
        .where('people.id', 'not in', [secretary!.personId, chair!.personId, holder!.personId])
        .orderBy('people.name')
        .executeTakeFirstOrThrow();
      giverName = giverRow.name;
      const giver = await loadActor(ctx.db, giverRow.id, today(ctx));
      await lodgeProxy(ctx, {
        actor: giver,
        target: { ballotId },
        holder: holder!.personId,
        instruction: 'Vote for.',
      });
      await setUpKeys(ctx, ballotId, [secretary!, chair!]);
      await openE2eBallot(ctx, { actor: secretary!, ballotId });
    },
  });

  // The page's votes in order: the holder's own, then one for each proxy held.
  const section = (page: Page, n: number) => page.locator('section[data-e2e-vote]').nth(n);

  async function sealAndCast(page: Page, n: number, choice: string, done: string) {
    const vote = section(page, n);
    await vote.getByLabel(choice, { exact: true }).check();
    await vote.getByRole('button', { name: /^Seal / }).click();
    const tracker = await vote.locator('[data-tracker]').textContent();
    expect(tracker).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await vote.getByRole('button', { name: 'Cast this vote' }).click();
    await expect.poll(() => vote.locator('[role=status]').first().textContent()).toContain(done);
    return tracker!;
  }

  it('lets the holder seal and cast their own vote and the giver’s, each with its own tracker on the board', async () => {
    const holder = await demo.onPhone(844);
    await demo.signIn(holder, 'camden.member@example.org');
    const ballotUrl = `${demo.server.url}/ballots/${ballotId}`;
    await holder.goto(ballotUrl);
    await expectAccessible(holder, 'an end-to-end ballot with a proxy held');
    expect(await section(holder, 1).getByRole('heading').textContent()).toBe(
      `Vote for ${giverName}, by proxy`,
    );
    expect(await holder.getByText('Vote for.').count()).toBeGreaterThan(0);

    const own = await sealAndCast(holder, 0, 'Against', 'Your vote is cast.');
    const forGiver = await sealAndCast(
      holder,
      1,
      'For',
      `The vote for ${giverName} has been cast.`,
    );
    expect(forGiver).not.toBe(own);
    await expectAccessible(holder, 'both votes cast');

    // Back on the page: both are cast, and no form offers a third vote.
    await holder.reload();
    expect(await holder.getByRole('button', { name: /^Seal / }).count()).toBe(0);

    const board = (await (await holder.request.get(`${ballotUrl}/board`)).json()) as {
      events: { type: string; payload: { tracker?: string; ballot?: { pseudonym: string } } }[];
    };
    const ballots = board.events.filter((e) => e.type === 'ballot');
    expect(ballots.map((e) => e.payload.tracker).sort()).toEqual([own, forGiver].sort());
    const pseudonyms = new Set(ballots.map((e) => e.payload.ballot!.pseudonym));
    expect(pseudonyms.size).toBe(2);
    expect(await verifyBoard(board)).toMatchObject({ ok: true });
    await holder.context().close();
  }, 120_000);
});
