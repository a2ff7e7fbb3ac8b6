import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * "What needs me?" in a real browser (issue 16): the secretary opens a ballot on a desktop; a
 * member signs in on a phone, lands on the home page, finds the ballot there and reaches it in
 * one tap; once voted, it is no longer there. Every page passes axe.
 */
describe.skipIf(!haveChromium && !process.env.CI)('the home page in a real browser', () => {
  const demo = demoInBrowser('home-browser');

  it('takes a member from the home page to an open ballot in one tap', async () => {
    const secretary = await demo.onDesk(800);
    await demo.signIn(secretary, 'camden.secretary@example.org');
    await expectAccessible(secretary, 'the home page of a secretary');
    await secretary.getByRole('link', { name: 'Northfield Movement' }).click();
    await secretary.getByRole('link', { name: 'Camden Town Group' }).click();
    await secretary.getByRole('link', { name: 'Ballots' }).click();
    const question = 'That the group joins the tenants’ federation.';
    await secretary.getByLabel('Question').fill(question);
    await secretary.getByRole('button', { name: 'Draft the ballot' }).click();
    await secretary.getByRole('button', { name: 'Open the ballot' }).click();
    const ballotUrl = secretary.url();

    const member = await demo.onPhone(640);
    await demo.signIn(member, 'camden.chair@example.org');
    expect(await member.locator('h1').textContent()).toBe('What needs you');
    await expect
      .poll(() => member.getByRole('heading', { name: 'Ballots to vote in' }).count())
      .toBe(1);
    await expectAccessible(member, 'the home page on a phone, with a ballot to vote in');

    await member.getByRole('link', { name: question }).tap();
    await member.waitForURL(ballotUrl);
    await expectAccessible(member, 'the ballot reached from the home page');
    await member.getByLabel('For').check();
    await member.getByRole('button', { name: 'Cast my vote' }).click();
    await expect
      .poll(() => member.locator('.notice').first().textContent())
      .toContain('Your vote is recorded.');

    await member.goto(`${demo.server.url}/`);
    expect(await member.getByRole('link', { name: question }).count()).toBe(0);
    // The meeting called for tonight is still there, and says the member has not signed in.
    expect(await member.getByRole('heading', { name: 'Meetings coming' }).count()).toBe(1);
    expect(await member.getByText('you have not signed in').count()).toBe(1);
    await expectAccessible(member, 'the home page once voted');
    await secretary.context().close();
    await member.context().close();
  }, 60_000);
});
