import { describe, expect, it } from 'vitest';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

/**
 * A ranked end-to-end election drafted from the page (issue 18): Camden's secretary fills the
 * ordinary drafting form in Chromium (candidates, seats, Meek's rule, preferences, key holders),
 * is told what to mend when they allow more preferences than candidates, mends it, and lands on
 * the election's page waiting for its key holders. axe on each page. (That the form needs no
 * script is src/http/ballots/e2e-election-pages.test.ts's, which posts it as a browser without
 * JavaScript would.)
 */
describe.skipIf(!haveChromium && !process.env.CI)('drafting a ranked end-to-end election', () => {
  const demo = demoInBrowser('e2e-ranked-draft');

  it('is drafted by the secretary with its rule, seats, preferences and key holders, a mistake mended first', async () => {
    const secretary = await demo.onDesk(900);
    await demo.signIn(secretary, 'camden.secretary@example.org');
    await secretary.getByRole('link', { name: 'Northfield Movement' }).click();
    await secretary.getByRole('link', { name: 'Camden Town Group' }).click();
    await secretary.getByRole('link', { name: 'Ballots' }).click();
    await secretary.getByRole('link', { name: /Draft an end-to-end verifiable ballot/ }).click();
    await expectAccessible(secretary, 'drafting an end-to-end election');

    await secretary.getByLabel('Question', { exact: true }).fill('Delegates to conference');
    await secretary.getByLabel('An election: rank the candidates').check();
    await secretary
      .getByLabel('Options or candidates, one per line')
      .fill('Ada Achebe\nBen Brooks\nCai Chen\nDee Doyle');
    await secretary.getByLabel('Seats to fill (elections)').fill('2');
    await secretary.getByLabel('Counting rule (elections)').selectOption('meek-stv');
    await secretary.getByLabel('Preferences a voter may give (elections)').fill('6');
    await secretary
      .getByLabel(/^Key holders: member numbers/)
      .fill('camden.secretary@example.org\ncamden.chair@example.org');
    await secretary.getByRole('button', { name: 'Draft the ballot' }).click();

    await expect
      .poll(() => secretary.getByText('Give a number from 1 to 4, the candidates named.').count())
      .toBeGreaterThan(0);
    await expectAccessible(secretary, 'a refused election draft');
    // What was typed comes back, to mend rather than type again.
    expect(await secretary.getByLabel('Counting rule (elections)').inputValue()).toBe('meek-stv');
    expect(await secretary.getByLabel('An election: rank the candidates').isChecked()).toBe(true);
    await secretary.getByLabel('Preferences a voter may give (elections)').fill('3');
    await secretary.getByRole('button', { name: 'Draft the ballot' }).click();

    await expect
      .poll(() => secretary.getByText('Waiting for the key holders to make their keys.').count())
      .toBe(1);
    expect(await secretary.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Delegates to conference',
    );
    await expectAccessible(secretary, 'an end-to-end election waiting for its keys');
    const board = (await (await secretary.request.get(`${secretary.url()}/board`)).json()) as {
      events: { payload: Record<string, unknown> }[];
    };
    expect(board.events[0]!.payload).toMatchObject({
      choices: ['Ada Achebe', 'Ben Brooks', 'Cai Chen', 'Dee Doyle'],
      positions: 3,
      seats: 2,
      rule: 'meek-stv',
    });
    await secretary.context().close();
  }, 180_000);
});
