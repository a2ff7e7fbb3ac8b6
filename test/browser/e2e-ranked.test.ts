import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createE2eBallot } from '../../src/app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../../src/app/ballots/open-e2e-ballot.ts';
import { loadActor } from '../../src/app/common/actor.ts';
import { today } from '../../src/app/common/context.ts';
import { verifyBallot } from '../../src/cli/verify-ballot.ts';
import { partialDecryptMix, type MixBallot, type ScalarHex } from '../../src/domain/e2e/index.ts';
import { appendShuffle, type MixBoard } from '../../src/domain/e2e/mixnet.ts';
import { setUpKeys } from '../e2e-devices.ts';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * A ranked election under end-to-end secrecy with the voters in real browsers (issue 18): Camden
 * elects two delegates from four candidates by Scottish STV, its secretary and chair holding the
 * keys (made on their machines before the test's server starts). Three members rank candidates
 * in Chromium; their browsers seal and prove each ranking, and one member challenges a sealed
 * ballot first (Benaloh), sees it opened, and seals a fresh one. The key holders' machines then
 * shuffle and decrypt (the Node code of `seconded trustee shuffle` and of their decryption,
 * posted through their signed-in pages); the published rankings are the ones cast, and
 * `seconded verify-ballot` passes on the board and its BLT file. Without JavaScript the page
 * shows the ranking form but cannot send it. axe on every page.
 */
describe.skipIf(!haveChromium && !process.env.CI)(
  'a ranked end-to-end election in real browsers',
  () => {
    const candidates = ['Ada Achebe', 'Ben Brooks', 'Cai Chen', 'Dee Dara'];
    let ballotId = '';
    let shares: ScalarHex[] = [];
    const demo = demoInBrowser('e2e-ranked', {
      after: async (ctx) => {
        const personOf = (email: string) =>
          ctx.db
            .selectFrom('people')
            .select('id')
            .where('email', '=', email)
            .executeTakeFirstOrThrow();
        const camden = await ctx.db
          .selectFrom('bodies')
          .select('id')
          .where('name', '=', 'Camden Town Group')
          .executeTakeFirstOrThrow();
        const [secretary, chair] = await Promise.all(
          ['camden.secretary@example.org', 'camden.chair@example.org']
            .map(personOf)
            .map(async (p) => loadActor(ctx.db, (await p).id, today(ctx))),
        );
        ({ ballotId } = await createE2eBallot(ctx, {
          actor: secretary!,
          bodyId: camden.id,
          question: 'Delegates to the national conference',
          options: { kind: 'ranked', candidates, seats: 2, method: 'scottish-stv' },
          trustees: [secretary!.personId, chair!.personId],
        }));
        shares = await setUpKeys(ctx, ballotId, [secretary!, chair!]);
        await openE2eBallot(ctx, { actor: secretary!, ballotId });
      },
    });

    const status = (page: Page) =>
      page.locator('section:has(#your-vote) [role=status]').textContent();

    /** Gives each candidate named its preference number, in order, leaving the others unranked. */
    async function rank(page: Page, ranking: readonly number[]) {
      for (const [c, name] of candidates.entries()) {
        const at = ranking.indexOf(c);
        await page.getByLabel(name, { exact: true }).selectOption(at < 0 ? '' : String(at + 1));
      }
    }

    async function sealAndCast(page: Page, ranking: readonly number[]) {
      await rank(page, ranking);
      await page.getByRole('button', { name: 'Seal my vote' }).click();
      const tracker = await page.locator('[data-tracker]').textContent({ timeout: 30_000 });
      expect(tracker).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await page.getByRole('button', { name: 'Cast this vote' }).click();
      await expect.poll(() => status(page), { timeout: 30_000 }).toContain('Your vote is cast.');
      return tracker!;
    }

    /** What a key holder's machine posts, sent from their signed-in page as its scripts send. */
    const post = (page: Page, url: string, body: unknown) =>
      page.evaluate(
        async ([u, b]) => {
          const r = await fetch(u, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(b),
          });
          return { status: r.status, body: (await r.json()) as unknown };
        },
        [url, body] as const,
      );

    it('is ranked in three browsers, one ballot challenged first, shuffled and decrypted by the key holders, and verified', async () => {
      const secretary = await demo.onDesk(900);
      const chair = await demo.onDesk(900);
      const member = await demo.onPhone(900);
      await demo.signIn(secretary, 'camden.secretary@example.org');
      await demo.signIn(chair, 'camden.chair@example.org');
      await demo.signIn(member, 'camden.member@example.org');
      const ballotUrl = `${demo.server.url}/ballots/${ballotId}`;
      const api = `${demo.server.url}/api/v1/ballots/${ballotId}`;

      // Without JavaScript: the ranking form is there to read, but nothing can send it.
      const noScript = await demo.browser.newContext({ javaScriptEnabled: false });
      const plain = await noScript.newPage();
      await demo.signIn(plain, 'camden.member@example.org');
      await plain.goto(ballotUrl);
      expect(await plain.getByText(/needs JavaScript.*nothing you rank here is sent/).count()).toBe(
        1,
      );
      expect(await plain.getByLabel('Ada Achebe', { exact: true }).count()).toBe(1);
      expect(await plain.getByRole('button', { name: 'Seal my vote' }).isDisabled()).toBe(true);
      expect(await plain.locator('form[data-ranking] [name]').count()).toBe(0);
      // (axe runs as a script in the page, so it is run on the same form with the script on.)
      await noScript.close();

      const sent: string[] = [];
      member.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith('/verifiable/ballots'))
          sent.push(r.postData()!);
      });
      await member.goto(ballotUrl);
      await expectAccessible(member, 'a ranked end-to-end ballot on a phone');

      // A number given twice is refused on the device, before anything is sealed.
      await rank(member, [2, 0]);
      await member.getByLabel('Ben Brooks', { exact: true }).selectOption('1');
      await member.getByRole('button', { name: 'Seal my vote' }).click();
      await expect.poll(() => status(member)).toContain('Two candidates have the same number.');

      // The member seals a ranking, challenges it (opened in front of them, thrown away), then
      // seals and casts a fresh one.
      await rank(member, [2, 0]);
      await member.getByRole('button', { name: 'Seal my vote' }).click();
      const challenged = await member.locator('[data-tracker]').textContent({ timeout: 30_000 });
      await expectAccessible(member, 'a sealed ranked vote, not yet cast');
      await member.getByRole('button', { name: /Check it first/ }).click();
      await expect
        .poll(() => status(member))
        .toContain('This sealed vote said: 1. Cai Chen, 2. Ada Achebe');
      await expectAccessible(member, 'a challenged ranked vote');
      const cast: (readonly number[])[] = [
        [2, 0, 3],
        [0, 1],
        [1, 2, 0, 3],
      ];
      const trackers = [await sealAndCast(member, cast[0]!)];
      await expectAccessible(member, 'a cast ranked vote');
      await chair.goto(ballotUrl);
      trackers.push(await sealAndCast(chair, cast[1]!));
      await secretary.goto(ballotUrl);
      trackers.push(await sealAndCast(secretary, cast[2]!));

      // What the member's browser sent: ciphertexts and proofs under a pseudonym, never a name.
      expect(sent).toHaveLength(1);
      const body = JSON.parse(sent[0]!) as { ballot: Record<string, unknown> };
      expect(Object.keys(body)).toEqual(['ballot']);
      expect(Object.keys(body.ballot).sort()).toEqual(['choices', 'proofs', 'pseudonym']);
      expect(JSON.stringify({ ...body.ballot, pseudonym: '' })).toMatch(/^[{}[\]":,a-z0-9]*$/);

      await secretary.reload();
      await secretary.getByRole('button', { name: /^Close the ballot/ }).click();
      await expect.poll(() => secretary.getByRole('button', { name: /^Close/ }).count()).toBe(0);

      // Each key holder's machine shuffles in turn, then decrypts the last shuffle's output.
      for (const holder of [secretary, chair]) {
        const board = (await (await holder.request.get(`${ballotUrl}/board`)).json()) as MixBoard;
        const payload = appendShuffle(board).events.at(-1)!.payload;
        expect(await post(holder, `${api}/verifiable/shuffle`, { payload })).toMatchObject({
          status: 201,
        });
      }
      for (const [i, holder] of [secretary, chair].entries()) {
        const view = (await (await holder.request.get(`${api}/verifiable`)).json()) as {
          me: { trustee: number };
          shuffled: { hash: string; ballots: MixBallot[] };
        };
        const { hash, ballots } = view.shuffled;
        const payload = partialDecryptMix(hash, view.me.trustee, shares[i]!, ballots);
        expect(await post(holder, `${api}/verifiable/decryption`, { payload })).toMatchObject({
          status: 201,
        });
      }

      await member.goto(ballotUrl);
      await expect.poll(() => member.locator('#result-heading').count()).toBe(1);
      await expectAccessible(member, 'a counted ranked end-to-end ballot');

      // The board: the cast trackers, not the challenged one; the published rankings are the ones
      // cast (in the shuffled order); verify-ballot passes on it and on the BLT file.
      const board = (await (await member.request.get(`${ballotUrl}/board`)).json()) as {
        events: { type: string; payload: { tracker?: string; rankings?: number[][] } }[];
      };
      const onBoard = board.events.filter((e) => e.type === 'ballot').map((e) => e.payload.tracker);
      expect(onBoard.sort()).toEqual([...trackers].sort());
      expect(onBoard).not.toContain(challenged);
      const result = board.events.at(-1)!;
      expect(result.type).toBe('result');
      const asPlaintexts = (r: readonly number[]) =>
        candidates.map((_, k) => (k < r.length ? r[k]! + 1 : 0)).join(',');
      expect(result.payload.rankings!.map((r) => r.join(',')).sort()).toEqual(
        cast.map(asPlaintexts).sort(),
      );
      const dir = mkdtempSync(join(tmpdir(), 'e2e-ranked-'));
      writeFileSync(join(dir, 'board.json'), JSON.stringify(board));
      writeFileSync(
        join(dir, 'box.blt'),
        await (await member.request.get(`${ballotUrl}/box.blt`)).text(),
      );
      let out = '';
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          out += chunk.toString();
          done();
        },
      });
      const code = await verifyBallot(
        {
          values: { blt: join(dir, 'box.blt'), threads: '1' },
          positionals: [join(dir, 'board.json')],
        },
        { stdout: stream, stderr: stream, isTTY: false },
      );
      expect(out).toContain('The BLT file holds exactly these papers');
      expect(code).toBe(0);
      for (const page of [secretary, chair, member]) await page.context().close();
    }, 240_000);
  },
);
