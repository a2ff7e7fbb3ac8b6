import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { verifyBoard } from '../../src/verifier/index.ts';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * An end-to-end verifiable ballot as Camden would hold it (issue 14): the secretary and the
 * chair are its key holders and make their keys in their own browsers; three members vote, one
 * of them checking a sealed vote first (Benaloh's challenge) and then casting a fresh one; the
 * key holders decrypt the total from their own browsers; the result is declared, and the public
 * board holds every ballot's tracker. Every page passes axe.
 */
describe.skipIf(!haveChromium && !process.env.CI)('an end-to-end ballot in real browsers', () => {
  const demo = demoInBrowser('e2e-browser');

  const status = (page: Page, id: string) =>
    page.locator(`section:has(#${id}) [role=status]`).textContent();

  async function vote(page: Page, choice: string) {
    await page.getByLabel(choice, { exact: true }).check();
    await page.getByRole('button', { name: 'Seal my vote' }).click();
    const tracker = await page.locator('[data-tracker]').textContent();
    expect(tracker).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Cast this vote' }).click();
    await expect.poll(() => status(page, 'your-vote')).toContain('Your vote is cast.');
    return tracker!;
  }

  it('is keyed by two key holders, voted by three members, counted by the key holders, and its board holds every vote', async () => {
    const secretary = await demo.onDesk(900);
    const chair = await demo.onPhone(740);
    const member = await demo.onPhone(740);
    await demo.signIn(secretary, 'camden.secretary@example.org');
    await demo.signIn(chair, 'camden.chair@example.org');
    await demo.signIn(member, 'camden.member@example.org');

    await secretary.getByRole('link', { name: 'Northfield Movement' }).click();
    await secretary.getByRole('link', { name: 'Camden Town Group' }).click();
    await secretary.getByRole('link', { name: 'Ballots' }).click();
    await secretary.getByRole('link', { name: /Draft an end-to-end verifiable ballot/ }).click();
    await expectAccessible(secretary, 'drafting an end-to-end ballot');
    await secretary
      .getByLabel('Question', { exact: true })
      .fill('That this branch has no confidence in the Leader.');
    await secretary
      .getByLabel(/^Key holders: member numbers/)
      .fill('camden.secretary@example.org\ncamden.chair@example.org');
    await secretary.getByRole('button', { name: 'Draft the ballot' }).click();
    await expect.poll(() => secretary.getByText('All 2 key holders are needed').count()).toBe(1);
    await expectAccessible(secretary, 'an end-to-end ballot waiting for its keys');
    const ballotUrl = secretary.url();

    // Each key holder's browser makes a key; the rest of the key ceremony happens by itself.
    await chair.goto(ballotUrl);
    await secretary.getByRole('button', { name: 'Make my key' }).click();
    await chair.getByRole('button', { name: 'Make my key' }).click();
    for (const holder of [secretary, chair])
      await expect
        .poll(() => status(holder, 'trustee-part'), { timeout: 30_000 })
        .toContain('Your part is done for now');
    await secretary.reload();
    await secretary.getByRole('button', { name: 'Open the ballot' }).click();

    // What the member's browser sends when casting: ciphertexts and proofs, never the choice.
    const sent: string[] = [];
    member.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/verifiable/ballots'))
        sent.push(r.postData()!);
    });

    // The member seals a vote, checks it (it is opened in front of them and thrown away), then
    // seals and casts a fresh one.
    await member.goto(ballotUrl);
    await expectAccessible(member, 'an open end-to-end ballot on a phone');
    await member.getByLabel('Against', { exact: true }).check();
    await member.getByRole('button', { name: 'Seal my vote' }).click();
    const checked = await member.locator('[data-tracker]').textContent();
    await member.getByRole('button', { name: /Check it first/ }).click();
    await expect
      .poll(() => status(member, 'your-vote'))
      .toContain('This sealed vote said: Against');
    const trackers = [await vote(member, 'For')];
    await expectAccessible(member, 'a cast end-to-end vote');
    expect(sent).toHaveLength(1);
    const cast = JSON.parse(sent[0]!) as { ballot: Record<string, unknown> };
    expect(Object.keys(cast)).toEqual(['ballot']);
    expect(Object.keys(cast.ballot).sort()).toEqual([
      'choices',
      'individual',
      'overall',
      'pseudonym',
    ]);
    // Everything but the pseudonym (random letters) is hex: no word of a choice can be in it.
    expect(JSON.stringify({ ...cast.ballot, pseudonym: '' })).toMatch(/^[{}[\]":,a-z0-9]*$/);
    expect(JSON.stringify({ ...cast.ballot, pseudonym: '' })).not.toMatch(/for|against|abstain/);
    await chair.reload();
    trackers.push(await vote(chair, 'Against'));
    await secretary.reload();
    trackers.push(await vote(secretary, 'For'));

    await secretary.reload();
    await secretary.getByRole('button', { name: /^Close the ballot/ }).click();
    await chair.reload();
    for (const holder of [secretary, chair])
      await holder.getByRole('button', { name: 'Decrypt the total with my key' }).click();
    await expect
      .poll(
        async () => {
          await member.goto(ballotUrl);
          return member.locator('#result-heading').count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await expectAccessible(member, 'a counted end-to-end ballot');
    expect(await member.getByText('Carried').count()).toBeGreaterThan(0);

    // The board: every cast tracker on it, the challenged one not.
    const board = (await (await member.request.get(`${ballotUrl}/board`)).json()) as {
      events: { type: string; payload: { tracker?: string; counts?: number[] } }[];
    };
    const onBoard = board.events.filter((e) => e.type === 'ballot').map((e) => e.payload.tracker);
    expect(onBoard.sort()).toEqual([...trackers].sort());
    expect(onBoard).not.toContain(checked);
    expect(board.events.at(-1)).toMatchObject({ type: 'result', payload: { counts: [2, 1, 0] } });
    // The independent verifier passes the board, from the command's module and in the page.
    const verdict = await verifyBoard(board);
    expect(verdict).toMatchObject({ ok: true, summary: { counts: [2, 1, 0], ballots: 3 } });
    await member.getByRole('link', { name: 'Check the count in this browser' }).click();
    await expect
      .poll(() => member.locator('[data-verify-board] [role=status]').first().textContent(), {
        timeout: 15_000,
      })
      .toContain('Every check passed');
    await member.getByLabel('Your tracker').fill(trackers[0]!);
    await member.getByRole('button', { name: 'Find it' }).click();
    await expect.poll(() => member.getByText('Your tracker is on the board').count()).toBe(1);
    await expectAccessible(member, 'the verifying page');
    for (const page of [secretary, chair, member]) await page.context().close();
  }, 120_000);
});
