import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium, signInAtConsole } from './browser.ts';

/**
 * In a real browser, on the demo: the chair puts the motion of today's Camden meeting to a
 * secret ballot of those present, a member votes on a phone while the console follows the
 * turnout, and closing the vote declares the result; and the pages around a meeting (the
 * agenda, the standing orders, the calendar feed subscription) pass axe.
 */
describe.skipIf(!haveChromium && !process.env.CI)(
  'a secret ballot of those present, and the pages around a meeting',
  () => {
    const demo = demoInBrowser('meeting-pages');

    async function toCamdenMeetings(page: Page) {
      await page.getByRole('link', { name: 'Northfield Movement' }).click();
      await page.getByRole('link', { name: 'Camden Town Group' }).click();
      await page.getByRole('link', { name: 'Meetings' }).click();
    }

    it('puts the motion to a secret ballot, takes a vote on a phone, and declares on close', async () => {
      const page = await demo.onDesk();
      await demo.signIn(page, 'camden.chair@example.org');
      await toCamdenMeetings(page);
      await page.getByRole('link', { name: 'General meeting', exact: true }).click();
      const meetingUrl = page.url();
      await page.getByRole('link', { name: 'Chair’s console' }).click();

      const member = await demo.onPhone();
      await demo.signIn(member, 'camden.secretary@example.org');
      await member.goto(meetingUrl);
      await member.getByRole('button', { name: 'Sign me in' }).click();

      await page.reload();
      // Ten present: Camden's quorum (DESIGN.md section 2). The chair and the secretary are
      // present already, so eight more are signed in at the door.
      await signInAtConsole(page, 8);
      await page.getByRole('button', { name: 'Open the meeting' }).click();
      await page.getByRole('button', { name: 'Moved by its proposer' }).click();
      // Nobody is chosen to second for the chair: someone present is named.
      await page.locator('#motion-seconder').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Seconded', exact: true }).click();
      await page.getByRole('button', { name: 'Put to a secret ballot of those present' }).click();
      const turnout = page.locator('#turnout');
      expect(await turnout.textContent()).toContain('0 of 10 have voted.');
      await expectAccessible(page, 'the console while a secret ballot runs');

      // The member present follows the link from the meeting page and votes on the phone.
      await member.goto(meetingUrl);
      await member.getByRole('link', { name: 'Vote now, by secret ballot' }).click();
      await member.getByLabel('For', { exact: true }).check();
      await expectAccessible(member, 'the ballot of a meeting on a phone');
      await member.getByRole('button', { name: 'Cast my vote' }).click();
      expect(await member.getByText('Your vote is recorded.').count()).toBe(1);
      await member.context().close();

      // The console's turnout follows without a reload.
      await expect
        .poll(() => turnout.textContent(), { timeout: 5_000 })
        .toContain('1 of 10 have voted.');
      await page.getByRole('button', { name: 'Close the vote and declare the result' }).click();
      // Closing asks first, with the turnout as it stands: those present without an account
      // vote on paper, and none is counted yet.
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('1 of 10 have voted.');
      await dialog.getByRole('button', { name: 'Yes, close the ballot and count' }).click();
      await expect
        .poll(() => page.locator('#results').textContent(), { timeout: 5_000 })
        .toContain('carried: simple majority of votes cast, 1–0, no abstentions');
      await expectAccessible(page, 'the console after the secret ballot');
      await page.context().close();
    }, 90_000);

    it('shows the agenda, the standing orders and the calendar subscription accessibly', async () => {
      const page = await demo.onDesk();
      await demo.signIn(page, 'camden.secretary@example.org');
      await toCamdenMeetings(page);
      const meetingsUrl = page.url();

      // The calendar feed: a private address made once, shown once.
      await page.getByRole('button', { name: 'Subscribe in your calendar app' }).click();
      expect(await page.locator('#calendar-feed').textContent()).toMatch(/meetings\.ics\?token=/);
      await expectAccessible(page, 'the calendar feed subscription');

      // The agenda, with the secretary's controls: an item added and moved up.
      await page.goto(meetingsUrl);
      await page.getByRole('link', { name: 'General meeting', exact: true }).click();
      await page.getByLabel('Item', { exact: true }).fill('Any other business');
      await page.getByRole('button', { name: 'Add to the agenda' }).click();
      await page.getByRole('button', { name: 'Move “Any other business” up' }).click();
      // The agenda's own list: the meeting is in session, so the motion's clauses are listed above.
      const agenda = await page.locator('main h2:text-is("Agenda") + ol').textContent();
      expect(agenda?.indexOf('Any other business')).toBeLessThan(
        agenda?.indexOf('Rent control') ?? 0,
      );
      await expectAccessible(page, 'the agenda with the secretary’s controls');

      // The standing orders: the form, and a reset to Robert's Rules.
      await page.goto(meetingsUrl);
      await page.getByRole('link', { name: 'Standing orders' }).click();
      await expectAccessible(page, 'the standing orders form');
      await page.getByLabel('Preset').selectOption('ronr');
      await page.getByRole('button', { name: 'Reset the standing orders' }).click();
      expect(await page.locator('main').textContent()).toContain(
        "Based on Robert's Rules of Order.",
      );
      await expectAccessible(page, 'the standing orders after a reset');
      await page.context().close();
    }, 60_000);
  },
);
