import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * Attendance at the door, on the demo's meeting today: a member signs in on a 390×844 phone with
 * the code the secretary's console shows; a Hackney officer with the same code is told plainly
 * they are not a member; the secretary finds members on the attendance list, filtered as they
 * type, and signs in the ticked ones at once. Every page is checked with axe.
 */
describe.skipIf(!haveChromium && !process.env.CI)('attendance at the door', () => {
  const demo = demoInBrowser('attendance');

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

  it('signs a member in by code on a phone, and the rest from the secretary’s list', async () => {
    const desk = await demo.onDesk();
    await demo.signIn(desk, 'camden.secretary@example.org');
    await desk.getByRole('link', { name: 'Northfield Movement' }).click();
    await desk.getByRole('link', { name: 'Camden Town Group' }).click();
    await desk.getByRole('link', { name: 'Meetings' }).click();
    await desk.getByRole('link', { name: 'General meeting', exact: true }).click();
    const meetingUrl = desk.url();
    await desk.getByRole('link', { name: 'Chair’s console' }).click();
    const code = (await desk.locator('#sign-in-code .code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);

    // Casey, a member, types the code on her phone, in lower case as phones offer it.
    const casey = await phone();
    await demo.signIn(casey, 'camden.member@example.org');
    await casey.goto(`${demo.server.url}/join`);
    await casey.getByLabel('Meeting code').fill(code.toLowerCase());
    await expectAccessible(casey, 'the sign-in by code page on a phone');
    await casey.getByRole('button', { name: 'Sign me in' }).click();
    expect(casey.url()).toBe(meetingUrl);
    expect(await casey.getByText('You are signed in.').count()).toBe(1);
    const width = await casey.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await casey.context().close();

    // An officer of another group has the code too, but is not a member of Camden.
    const visitor = await phone();
    await demo.signIn(visitor, 'hackney.secretary@example.org');
    await visitor.goto(`${demo.server.url}/join?code=${code.replace(' ', '')}`);
    await visitor.getByRole('button', { name: 'Sign me in' }).click();
    expect(await visitor.locator('main').textContent()).toContain(
      'You are not a member of Camden Town Group, so you cannot sign in to its meeting.',
    );
    await expectAccessible(visitor, 'the refusal of a visitor');
    await visitor.context().close();

    // The secretary signs in the rest from the attendance list, filtered as she types.
    await desk.reload();
    const before = (await desk.locator('#quorum').textContent())!;
    const present = Number(/(\d+) of \d+ members present/.exec(before)![1]);
    await desk.getByRole('link', { name: 'Sign in members at the door, many at once' }).click();
    await expectAccessible(desk, 'the attendance list');
    const rows = desk.locator('#attendance-members li');
    const all = await rows.count();
    await desk.getByLabel('Find members').fill('zzzz-nobody');
    await expect.poll(() => desk.locator('#attendance-members li:visible').count()).toBe(0);
    await desk.getByLabel('Find members').fill('');
    await expect.poll(() => desk.locator('#attendance-members li:visible').count()).toBe(all);
    const boxes = desk.locator('#attendance-members input[type=checkbox]');
    for (let i = 0; i < 5; i++) await boxes.nth(i).check();
    await desk.getByRole('button', { name: 'Sign in the ticked members' }).click();
    expect(await desk.locator('#quorum').textContent()).toContain(`${present + 5} of`);
    await expectAccessible(desk, 'the attendance list after signing in');
    await desk.context().close();
  }, 120_000);
});
