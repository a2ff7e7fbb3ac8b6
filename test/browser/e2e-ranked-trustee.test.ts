import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeE2eBallot } from '../../src/app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../../src/app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../../src/app/ballots/open-e2e-ballot.ts';
import { submitTrusteeKey } from '../../src/app/ballots/submit-trustee-key.ts';
import { submitTrusteePolynomial } from '../../src/app/ballots/submit-trustee-polynomial.ts';
import { submitTrusteeVerification } from '../../src/app/ballots/submit-trustee-verification.ts';
import { viewE2eBallot } from '../../src/app/ballots/view-e2e-ballot.ts';
import { loadActor } from '../../src/app/common/actor.ts';
import { today } from '../../src/app/common/context.ts';
import { verifyBallot } from '../../src/cli/verify-ballot.ts';
import { listRegister } from '../../src/db/queries/memberships.ts';
import { makePolynomial, makeTrusteeKey, openShares } from '../../src/domain/e2e/index.ts';
import { voteRanking } from '../e2e-devices.ts';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * A ranked end-to-end election's key holders in real browsers (issue 18): Camden's secretary
 * and chair hold its keys (made on their devices; here in Node, each saved as the key file the
 * page offers); seven members' rankings are sealed by the voter's sealing function and cast;
 * after the close the secretary's browser shuffles and proves, then the chair's checks that
 * shuffle and shuffles again; each then loads their key file and decrypts every shuffled ballot
 * with proofs. The result is declared and `seconded verify-ballot` passes the board and its BLT
 * file. Without JavaScript the page gives the command. axe on every page.
 */
describe.skipIf(!haveChromium && !process.env.CI)('a ranked ballot’s key holders', () => {
  let ballotId = '';
  const secrets: string[] = [];
  const rankings = [[0, 1], [0, 2, 1], [1], [1, 0, 3], [2, 3], [3, 2, 0], [0, 3]];
  const demo = demoInBrowser('e2e-ranked-trustee', {
    after: async (ctx) => {
      const actorOf = async (email: string) => {
        const p = await ctx.db
          .selectFrom('people')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        return loadActor(ctx.db, p.id, today(ctx));
      };
      const camden = await ctx.db
        .selectFrom('bodies')
        .select('id')
        .where('name', '=', 'Camden Town Group')
        .executeTakeFirstOrThrow();
      const secretary = await actorOf('camden.secretary@example.org');
      const chair = await actorOf('camden.chair@example.org');
      const holders = [secretary, chair];
      ({ ballotId } = await createE2eBallot(ctx, {
        actor: secretary,
        bodyId: camden.id,
        question: 'Election of two branch delegates',
        options: {
          kind: 'ranked',
          candidates: ['Ada Achebe', 'Ben Brooks', 'Cai Chen', 'Dee Doyle'],
          seats: 2,
          method: 'scottish-stv',
        },
        trustees: holders.map((h) => h.personId),
      }));
      // The key ceremony as the key holders' pages do it, keeping each secret for its key file.
      const { setupHash, needed } = await viewE2eBallot(ctx, { actor: secretary, ballotId });
      for (const [i, actor] of holders.entries()) {
        const made = makeTrusteeKey(setupHash, i + 1);
        secrets.push(made.secret);
        await submitTrusteeKey(ctx, { actor, ballotId, payload: made.payload });
      }
      const { keys } = await viewE2eBallot(ctx, { actor: secretary, ballotId });
      for (const [i, actor] of holders.entries())
        await submitTrusteePolynomial(ctx, {
          actor,
          ballotId,
          payload: makePolynomial(setupHash, i + 1, needed, keys),
        });
      const { polynomials } = await viewE2eBallot(ctx, { actor: secretary, ballotId });
      for (const [i, actor] of holders.entries())
        await submitTrusteeVerification(ctx, {
          actor,
          ballotId,
          payload: openShares(setupHash, i + 1, secrets[i]!, polynomials).payload,
        });
      await openE2eBallot(ctx, { actor: secretary, ballotId });
      const members = (await listRegister(ctx.db, [camden.id])).filter((m) => !m.left_on);
      for (const [i, ranking] of rankings.entries()) {
        const voter = await loadActor(ctx.db, members[i]!.person_id, today(ctx));
        await voteRanking(ctx, voter, ballotId, ranking);
      }
      await closeE2eBallot(ctx, { actor: secretary, ballotId });
    },
  });

  /** The ballot page's own line on where the ballot stands (the server's words). */
  const stageLine = (page: Page) => page.locator('p[role=status] > strong').first().textContent();

  const status = (page: Page) =>
    page.locator('section:has(#trustee-part) [role=status]').first().textContent();

  /** Records every text the key holder's status region shows, to read the progress after. */
  const watchStatus = (page: Page) =>
    page.evaluate(`{
      const region = document.querySelector('section:has(#trustee-part) [role=status]');
      window.seen = [];
      new MutationObserver(() => window.seen.push(region.textContent)).observe(region, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    }`);
  const seenOn = (page: Page) => page.evaluate<string>(`window.seen.join('\\n')`);

  async function shuffle(page: Page, label: string) {
    const button = page.getByRole('button', { name: 'Shuffle the sealed ballots in this browser' });
    await button.waitFor({ timeout: 30_000 });
    await expectAccessible(page, label);
    await watchStatus(page);
    await button.click();
    await expect.poll(() => page.locator('[data-mix-done]').count(), { timeout: 90_000 }).toBe(1);
    expect(await page.locator('[data-mix-done]').textContent()).toMatch(
      /^Done in \d+ (s|min \d\d s): checked by the server and on the board\.$/,
    );
    return seenOn(page);
  }

  async function decrypt(page: Page, trustee: number, label: string) {
    const keyFile = page.getByLabel('Your key is not in this browser. Choose your key file:');
    await keyFile.waitFor({ timeout: 30_000 });
    await keyFile.setInputFiles({
      name: `seconded-key-${ballotId}-${trustee}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ ballot: ballotId, trustee, secret: secrets[trustee - 1] }),
      ),
    });
    const button = page.getByRole('button', { name: 'Decrypt the shuffled ballots with my key' });
    await button.waitFor({ timeout: 30_000 });
    await expectAccessible(page, label);
    await watchStatus(page);
    await button.click();
    await expect.poll(() => page.locator('[data-mix-done]').count(), { timeout: 90_000 }).toBe(2);
    expect(await seenOn(page)).toContain('Decrypting the shuffled ballots: 7 of 7 ballots');
  }

  it('is shuffled, proved and decrypted by each key holder in their browser, declared, and verify-ballot passes its board', async () => {
    const ballotUrl = `${demo.server.url}/ballots/${ballotId}`;
    const secretary = await demo.onDesk(900);
    const chair = await demo.onPhone(740);
    await demo.signIn(secretary, 'camden.secretary@example.org');
    await demo.signIn(chair, 'camden.chair@example.org');

    // Without JavaScript, the key holder's page gives the command and says what to do with it.
    const plain = await demo.browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await demo.signIn(noScript, 'camden.chair@example.org');
    await noScript.goto(ballotUrl);
    // The page says, without a script, whose turn it is.
    expect(await stageLine(noScript)).toBe(
      'Closed: waiting for key holder 1 of 2 to shuffle the ballots.',
    );
    expect(await noScript.locator('pre').textContent()).toContain(
      'npx seconded trustee shuffle board.json board-2.json --trustee 2',
    );
    expect(await noScript.locator('pre').textContent()).toContain(
      `npx seconded trustee decrypt board.json decryption-2.json --trustee 2 --key seconded-key-${ballotId}-2.json`,
    );
    const withoutScript = await noScript.locator('[data-without-script]').textContent();
    expect(withoutScript).toContain(`POST /api/v1/ballots/${ballotId}/verifiable/shuffle`);
    expect(withoutScript).toContain(`POST /api/v1/ballots/${ballotId}/verifiable/decryption`);
    // (axe runs in the page, so it checks this page below, with JavaScript.)
    await plain.close();

    await secretary.goto(ballotUrl);
    const first = await shuffle(secretary, 'the first key holder’s shuffle, offered');
    expect(first).toContain('Shuffling and re-encrypting: 7 of 7 ballots');
    expect(first).toContain('Proving the shuffle: 7 of 7 ballots');
    expect(first).not.toContain('Checking the shuffles before yours');
    await expect
      .poll(() => status(secretary), { timeout: 30_000 })
      .toContain('Waiting for key holder 2 to shuffle the sealed ballots.');

    // The chair's browser checks the secretary's shuffle before it shuffles again.
    await chair.goto(ballotUrl);
    expect(await stageLine(chair)).toBe(
      'Closed: waiting for key holder 2 of 2 to shuffle the ballots.',
    );
    const second = await shuffle(chair, 'the second key holder’s shuffle, on a phone');
    expect(second).toContain('Checking the shuffles before yours: 7 of 7 ballots');
    expect(second).toContain('Proving the shuffle: 7 of 7 ballots');

    await decrypt(chair, 2, 'the decryption offered on a phone');
    await expect
      .poll(() => status(chair), { timeout: 30_000 })
      .toContain('You have decrypted the shuffled ballots.');
    // Any page read now says how many decryptions are in.
    const reread = await (await chair.request.get(ballotUrl)).text();
    expect(reread).toContain(
      'Shuffled by all 2 key holders: waiting for decryptions (1 of 2 needed).',
    );
    // The secretary's page, waiting, sees the chair's shuffle and asks for the key.
    await decrypt(secretary, 1, 'the decryption offered');
    for (const holder of [secretary, chair])
      await expect
        .poll(() => status(holder), { timeout: 30_000 })
        .toContain('The ballot is counted.');

    await secretary.goto(ballotUrl);
    await expect.poll(() => secretary.locator('#result-heading').count()).toBe(1);
    expect(await stageLine(secretary)).toBe('Counted.');
    await expectAccessible(secretary, 'a counted ranked ballot');

    // The board and the published ballots, checked by the command anyone runs.
    const board = await (await secretary.request.get(`${ballotUrl}/board`)).text();
    const blt = await (await secretary.request.get(`${ballotUrl}/box.blt`)).text();
    const events = (JSON.parse(board) as { events: { type: string }[] }).events;
    expect(events.filter((e) => e.type === 'shuffle')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'partial-decryption')).toHaveLength(2);
    expect(events.at(-1)!.type).toBe('result');
    const dir = mkdtempSync(join(tmpdir(), 'e2e-ranked-trustee-'));
    writeFileSync(join(dir, 'board.json'), board);
    writeFileSync(join(dir, 'box.blt'), blt);
    let out = '';
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    const code = await verifyBallot(
      { values: { blt: join(dir, 'box.blt') }, positionals: [join(dir, 'board.json')] },
      { stdout, stderr: stdout, isTTY: false },
    );
    expect(out).toContain('Shuffled by trustees 1, 2');
    expect(out).toContain('The BLT file holds exactly these papers');
    expect(code, out).toBe(0);
    for (const page of [secretary, chair]) await page.context().close();
  }, 300_000);
});
