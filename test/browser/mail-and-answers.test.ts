import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * In a real browser, on the demo, the pages issue 16 added last: a member chooses which emails
 * they get from their account; and the NEC's secretary puts Camden's resolution to a ballot of
 * the NEC's members from the inbox. axe on each.
 */
describe.skipIf(!haveChromium && !process.env.CI)('email settings and answers by ballot', () => {
  const demo = demoInBrowser('mail-and-answers');

  it('lets a member turn a kind of email off from their account, on a phone', async () => {
    const phone = await demo.onPhone();
    await demo.signIn(phone, 'camden.member@example.org');
    await phone.goto(`${demo.server.url}/account`);
    await phone.getByRole('link', { name: 'Which emails you get' }).click();
    await expect.poll(() => phone.url()).toMatch(/\/mail\/[\w-]+$/);
    await expectAccessible(phone, 'the email settings on a phone');
    const ballots = phone.getByLabel(/^Ballots:/);
    expect(await ballots.isChecked()).toBe(true);
    await ballots.uncheck();
    await phone.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => phone.locator('main').textContent()).toContain('Saved:');
    expect(await phone.getByLabel(/^Ballots:/).isChecked()).toBe(false);
    expect(await phone.getByLabel(/^Notices of meetings/).isChecked()).toBe(true);
    await expectAccessible(phone, 'the email settings after saving');
    await phone.context().close();
  }, 60_000);

  it('puts a resolution received to a ballot of the members from the inbox', async () => {
    const desk = await demo.onDesk();
    await demo.signIn(desk, 'nec.secretary@example.org');
    await desk.getByRole('link', { name: 'Northfield Party', exact: true }).click();
    await desk.getByRole('link', { name: 'National Executive Committee' }).click();
    await desk.getByRole('link', { name: 'Inbox' }).click();
    await desk
      .getByRole('row', { name: /Camden Town Group/ })
      .getByRole('link')
      .click();
    await desk.getByRole('button', { name: 'Rule in order' }).click();
    await expect
      .poll(() => desk.locator('#communication-state').textContent())
      .toContain('ruled in order');
    await expectAccessible(desk, 'a communication that may be put to a ballot');
    await desk.getByRole('button', { name: 'Put it to a ballot of our members' }).click();
    await expect
      .poll(() => desk.locator('#communication-state').textContent())
      .toContain('put to a ballot of the members');
    await expectAccessible(desk, 'a communication put to a ballot');
    await desk.context().close();
  }, 60_000);
});
