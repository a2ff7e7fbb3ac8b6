import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * A secret ballot in two browsers at once: the secretary drafts and opens it on a desktop, a
 * member votes on a small phone, the secretary's page shows the turnout change live, and the
 * member's page shows the result when the ballot closes. Every page passes axe.
 */
describe.skipIf(!haveChromium && !process.env.CI)('a secret ballot in real browsers', () => {
  const demo = demoInBrowser('ballot-browser');

  /** Camden's secretary at the branch's ballots on a desktop, a member on a phone, signed in. */
  async function secretaryAtBallotsAndMemberOnPhone() {
    const secretary = await demo.onDesk(800);
    const member = await demo.onPhone(640);
    await demo.signIn(secretary, 'camden.secretary@example.org');
    await demo.signIn(member, 'camden.chair@example.org');
    await secretary.getByRole('link', { name: 'Northfield Movement' }).click();
    await secretary.getByRole('link', { name: 'Camden Town Group' }).click();
    await secretary.getByRole('link', { name: 'Ballots' }).click();
    return { secretary, member };
  }

  /** Closing cannot be undone: with JavaScript a dialog asks first, and yes there closes it. */
  async function closeAndCount(secretary: Page, checkDialog = false) {
    await secretary.getByRole('button', { name: 'Close the ballot and count' }).click();
    const dialog = secretary.getByRole('dialog', { name: 'Close the ballot and count?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    if (checkDialog)
      await expectAccessible(secretary, 'the dialog asking before the ballot closes');
    await dialog.getByRole('button', { name: 'Yes, close the ballot and count' }).click();
  }

  it('is drafted, voted on a phone, followed live and declared', async () => {
    const { secretary, member } = await secretaryAtBallotsAndMemberOnPhone();
    await expectAccessible(secretary, 'the ballots page');
    await secretary
      .getByLabel('Question')
      .fill('That this branch has no confidence in the Leader.');
    await secretary.getByRole('button', { name: 'Draft the ballot' }).click();
    await expectAccessible(secretary, 'a drafted ballot');
    await secretary.getByRole('button', { name: 'Open the ballot' }).click();
    const turnout = secretary.locator('#turnout');
    await expect.poll(() => turnout.textContent()).toMatch(/^0 of \d+ have voted\.$/);
    const ballotUrl = secretary.url();

    await member.goto(ballotUrl);
    await expectAccessible(member, 'the voting page on a phone');
    await member.getByLabel('For').check();
    await member.getByRole('button', { name: 'Cast my vote' }).click();
    await expect.poll(() => member.getByRole('status').first().textContent()).toBeTruthy();
    const confirmation = await member.locator('.notice').first().textContent();
    expect(confirmation).toContain('Your vote is recorded.');
    expect(confirmation).toMatch(/Your receipt: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    await expectAccessible(member, 'the vote confirmation');

    // The secretary's page was not reloaded: the turnout arrived by server-sent event.
    await expect
      .poll(() => turnout.textContent(), { timeout: 5_000 })
      .toMatch(/^1 of \d+ have voted\.$/);

    await member.goto(ballotUrl);
    await closeAndCount(secretary, true);
    await expect.poll(() => member.locator('#result-heading').count(), { timeout: 5_000 }).toBe(1);
    expect(await member.getByText('Carried').count()).toBeGreaterThan(0);
    await expectAccessible(member, 'the declared result');
    await secretary.context().close();
    await member.context().close();
  }, 120_000);

  it('never sends a vote again: the receipt stays when the ballot closes, and going back shows the vote', async () => {
    const { secretary, member } = await secretaryAtBallotsAndMemberOnPhone();
    await secretary.getByLabel('Question').fill('That this branch buys a new banner.');
    await secretary.getByRole('button', { name: 'Draft the ballot' }).click();
    await secretary.getByRole('button', { name: 'Open the ballot' }).click();
    const ballotUrl = secretary.url();

    await member.goto(ballotUrl);
    await member.getByLabel('For').check();
    await member.getByRole('button', { name: 'Cast my vote' }).click();
    const receipt = member.locator('.notice').first();
    await expect.poll(() => receipt.textContent()).toMatch(/Your receipt: [0-9A-Z]{4}-/);
    const shown = await receipt.textContent();
    // From now on the phone may only read.
    const sent: string[] = [];
    member.on('request', (r) => {
      if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
    });

    await closeAndCount(secretary);
    const note = member.locator('#closed-note');
    await expect.poll(() => note.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await receipt.textContent()).toBe(shown);
    await expectAccessible(member, 'a receipt after the close');

    // Back: the ballot page as it is now (fetched afresh, never a copy with the vote form).
    await member.goBack();
    await expect.poll(() => member.locator('#result-heading').count(), { timeout: 5_000 }).toBe(1);
    expect(await member.getByRole('button', { name: 'Cast my vote' }).count()).toBe(0);
    expect(sent).toEqual([]);
    await secretary.context().close();
    await member.context().close();
  }, 120_000);

  it('holds an election from nomination to the published count', async () => {
    const secretary = await demo.onDesk();
    const chair = await demo.onPhone();
    for (const [page, email] of [
      [secretary, 'camden.secretary@example.org'],
      [chair, 'camden.chair@example.org'],
    ] as const) {
      await demo.signIn(page, email);
    }
    await secretary.getByRole('link', { name: 'Northfield Movement' }).click();
    await secretary.getByRole('link', { name: 'Camden Town Group' }).click();
    await secretary.getByRole('link', { name: 'Ballots' }).click();
    await secretary.getByLabel('Question').fill('Branch delegate to conference');
    await secretary.getByLabel('An election: rank the candidates').check();
    await secretary.getByLabel('Counting rule (elections)').selectOption('irv');
    await secretary.getByRole('button', { name: 'Draft the ballot' }).click();
    const ballotUrl = secretary.url();

    // The chair proposes two members; the secretary seconds both.
    await chair.goto(ballotUrl);
    for (const number of ['M1000', 'M1001']) {
      await chair.getByLabel('Member number or email address of the candidate').fill(number);
      await chair.getByRole('button', { name: 'Nominate' }).click();
    }
    await expectAccessible(chair, 'the nominations of an election');
    await secretary.reload();
    for (let i = 0; i < 2; i++)
      await secretary
        .getByRole('button', { name: /^Second the nomination of / })
        .first()
        .click();
    await secretary.getByRole('button', { name: 'Open the ballot' }).click();

    await chair.goto(ballotUrl);
    const candidates = await chair.locator('select[name^="rank."]').count();
    expect(candidates).toBe(2);
    await chair.locator('select[name="rank.1"]').selectOption('1');
    await chair.locator('select[name="rank.0"]').selectOption('2');
    await expectAccessible(chair, 'the ranking form on a phone');
    await chair.getByRole('button', { name: 'Cast my vote' }).click();
    expect(await chair.locator('.notice').first().textContent()).toContain(
      'Your vote is recorded.',
    );

    await secretary.reload();
    await closeAndCount(secretary);
    await expect.poll(() => secretary.getByText(/^Elected: /).count()).toBe(1);
    expect(await secretary.locator('svg[role="img"]').count()).toBe(1);
    expect(
      await secretary
        .getByRole('link', { name: 'Download the ballots as a BLT file to recount' })
        .count(),
    ).toBe(1);
    await expectAccessible(secretary, 'the published count');
    await secretary.context().close();
    await chair.context().close();
  }, 120_000);
});
