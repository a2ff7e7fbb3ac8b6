import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * A delegate at conference on a 390×844 phone (issue 20), on the demo's Northfield Party annual
 * conference: the NEC's secretary issues the credentials at the desk; Camden's delegation leader
 * has their phone draw them a code, and the desk checks them in to the Sunday session with it;
 * their phone says they are in; they split Camden's card between for and against on the open card vote (the rule
 * change) and cast it; the desk closes the vote and the section table shows the split. Every page
 * visited is checked with axe.
 */
describe.skipIf(!haveChromium && !process.env.CI)('a delegate at conference on a phone', () => {
  let conferenceId = '';
  const demo = demoInBrowser('conference', {
    after: async (ctx) => {
      const row = await ctx.db
        .selectFrom('meetings')
        .select('id')
        .where('title', '=', 'Northfield Party annual conference')
        .executeTakeFirstOrThrow();
      conferenceId = row.id;
    },
  });

  const phone = async () => {
    const context = await demo.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  };

  /** The cells of every row of the page's tables, as text. */
  const cellsOf = (page: Awaited<ReturnType<typeof phone>>) =>
    page
      .locator('table tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );

  it('checks the leader in by their code, and their split card shows in the section table', async () => {
    const deskUrl = `${demo.server.url}/conferences/${conferenceId}/desk`;
    const desk = await demo.onDesk();
    await demo.signIn(desk, 'nec.secretary@example.org');
    await desk.goto(deskUrl);
    await expectAccessible(desk, 'the conference desk');
    await desk.getByRole('button', { name: 'Issue credentials to every delegate' }).click();
    await expectAccessible(desk, 'the desk with credentials issued');

    // Camden's leader opens the conference on their phone, not yet in; asks for their code, and
    // it shows in large type (only its hash is kept, so it is drawn afresh).
    const leader = await phone();
    await demo.signIn(leader, 'camden.secretary@example.org');
    await leader.goto(`${demo.server.url}/conferences/${conferenceId}`);
    expect(await leader.locator('#credential-state').textContent()).toBe('Not checked in');
    await leader.getByRole('button', { name: 'Show my code' }).click();
    const code = (await leader.locator('#credential-code .code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{10}$/);
    await expectAccessible(leader, 'the delegate’s phone with their credential');

    // At the door the desk types the code (in lower case, as a steward might) for the session
    // sitting now; the sessions' table says one delegate is in, short of the quorum of three.
    expect(await desk.getByLabel('Session', { exact: true }).inputValue()).not.toBe('');
    await desk.getByLabel('Delegate’s code').fill(code.toLowerCase());
    await desk.getByRole('button', { name: 'Check in or out' }).click();
    expect((await cellsOf(desk)).some((r) => r[0] === 'Sunday afternoon' && r[2] === '1')).toBe(
      true,
    );
    expect(await desk.getByText('3: not quorate').count()).toBe(1);
    await expectAccessible(desk, 'the desk after checking a delegate in');

    // The phone now says they are in; they split Camden's card and cast it.
    await leader.reload();
    expect(await leader.locator('#credential-state').textContent()).toBe('Checked in');
    const forBox = leader.getByLabel('For', { exact: true });
    const weight = Number(await forBox.getAttribute('max'));
    expect(weight).toBeGreaterThan(1);
    const against = Math.floor(weight / 3);
    const inFavour = weight - against;
    await forBox.fill(String(inFavour));
    await leader.getByLabel('Against', { exact: true }).fill(String(against));
    await leader.getByLabel('Abstain', { exact: true }).fill('0');
    await expectAccessible(leader, 'the card vote on a phone');
    await leader.getByRole('button', { name: 'Cast the card' }).click();
    expect(await leader.getByText('Your delegation’s card has been cast.').count()).toBe(1);
    const width = await leader.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await expectAccessible(leader, 'the phone after casting the card');

    // The desk closes the vote; the section table shows Camden's split.
    await desk.goto(deskUrl);
    await desk.getByRole('button', { name: 'Close the card vote and declare' }).click();
    const split = [String(inFavour), String(against), '0'];
    expect((await cellsOf(desk)).some((r) => r.slice(2, 5).join() === split.join())).toBe(true);
    await expectAccessible(desk, 'the desk with the section table');

    await leader.reload();
    expect((await cellsOf(leader)).some((r) => r.slice(2, 5).join() === split.join())).toBe(true);
    await expectAccessible(leader, 'the declared card vote on a phone');
    await leader.context().close();
    await desk.context().close();
  }, 120_000);
});
