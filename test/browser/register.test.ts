import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * Issue 16: a secretary keeps the register one member at a time, in a real browser, without
 * JavaScript being needed: adds a member, corrects their details, invites them to sign up and
 * lets their membership lapse, finding them again by a search. Every new page passes axe.
 */
describe.skipIf(!haveChromium && !process.env.CI)('the register in a real browser', () => {
  const demo = demoInBrowser('register-browser');

  it('is kept by a secretary: add, edit, invite and lapse one member', async () => {
    const secretary = await demo.onDesk(900);
    await demo.signIn(secretary, 'camden.secretary@example.org');
    await secretary.getByRole('link', { name: 'Northfield Movement' }).click();
    await secretary.getByRole('link', { name: 'Camden Town Group' }).click();
    await secretary.getByRole('link', { name: 'Member register' }).click();
    await secretary.waitForURL('**/bodies/*/members');
    await expectAccessible(secretary, 'the register');

    // Add
    await secretary.getByRole('link', { name: 'Add a member' }).click();
    await secretary.waitForURL('**/members/new');
    await expectAccessible(secretary, 'the add-a-member page');
    await secretary.getByLabel('Name', { exact: true }).fill('Noor Haddad');
    await secretary.getByLabel('Email address').fill('noor.haddad@example.org');
    await secretary.getByLabel('Member number').fill('C9001');
    await secretary.getByLabel('Joined', { exact: true }).fill('2024-03-01');
    await secretary.getByRole('button', { name: 'Add the member' }).click();
    await secretary.waitForURL('**/members/*?done=added');
    await expect.poll(() => secretary.locator('h1').textContent()).toBe('Noor Haddad');
    expect(await secretary.getByRole('status').textContent()).toContain(
      'The member is on the register.',
    );
    await expectAccessible(secretary, 'a member’s page');

    // Edit
    await secretary.getByLabel('Name', { exact: true }).fill('Noor Haddad-Khan');
    await secretary.getByRole('button', { name: 'Save' }).click();
    await secretary.waitForURL('**/members/*?done=edited');
    await expect.poll(() => secretary.locator('h1').textContent()).toBe('Noor Haddad-Khan');
    await expectAccessible(secretary, 'a member’s page after an edit');

    // Invite
    await secretary.getByRole('button', { name: 'Send an invitation' }).click();
    await secretary.waitForURL('**/members/*?done=invited');
    expect(await secretary.getByRole('status').textContent()).toContain(
      'An invitation is on its way.',
    );

    // Found by a search of the register
    await secretary.getByRole('link', { name: 'Back to the register' }).click();
    await secretary.getByRole('searchbox', { name: 'Name, member number or email' }).fill('c9001');
    await secretary.getByRole('button', { name: 'Search' }).click();
    await secretary.waitForURL('**/members?search=c9001*');
    await expect.poll(() => secretary.locator('main table tbody tr').count()).toBe(1);
    await expectAccessible(secretary, 'a search of the register');
    await secretary.getByRole('link', { name: 'Noor Haddad-Khan' }).click();

    // Lapse
    await secretary.getByRole('button', { name: 'Lapse the membership' }).click();
    await secretary.waitForURL('**/members/*?done=lapsed');
    expect(await secretary.locator('main').textContent()).toMatch(
      /This membership lapsed on \d{4}-\d{2}-\d{2}\./,
    );
    await expectAccessible(secretary, 'a lapsed member’s page');
    await secretary.getByRole('link', { name: 'Back to the register' }).click();
    await secretary.getByRole('searchbox', { name: 'Name, member number or email' }).fill('c9001');
    await secretary.getByRole('button', { name: 'Search' }).click();
    expect(await secretary.locator('main').textContent()).toContain('No member matches.');
    await secretary.getByLabel('Show').selectOption('lapsed');
    await secretary.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => secretary.locator('main table tbody tr').count()).toBe(1);
    await expectAccessible(secretary, 'the lapsed members');
    await secretary.context().close();
  }, 90_000);
});
