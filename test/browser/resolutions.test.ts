import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  adoptWithClause6Changed,
  demoInBrowser,
  expectAccessible,
  haveChromium,
  signInAtConsole,
} from './browser.ts';

/**
 * Resolutions that travel, in a real browser on the demo, with axe on every page: the public
 * resolution page (read without signing in), its printable version, the feed as the browser's
 * XML parser reads it; the NEC secretary's inbox, where Camden's resolution is ruled in order;
 * Hackney's secretary adopting the Coordinating Group's model motion with a clause changed; the
 * model motion's page showing the adoption and the changed words; a body's resolutions with its
 * privacy setting; and the July minutes, published once approved, and their printable version.
 */
describe.skipIf(!haveChromium && !process.env.CI)('resolutions in the browser', () => {
  const demo = demoInBrowser('resolutions-browser');

  async function signedIn(email: string): Promise<Page> {
    const page = await demo.onDesk();
    await demo.signIn(page, email);
    return page;
  }

  /** A body's secretary, signed in, who follows the links from the home page to its inbox. */
  async function inboxOf(email: string, [organisation, body]: [string, string]) {
    const page = await signedIn(email);
    await page.getByRole('link', { name: organisation, exact: true }).click();
    await page.getByRole('link', { name: body }).click();
    await page.getByRole('link', { name: 'Inbox' }).click();
    return page;
  }

  it('publishes, answers and adopts, with axe on every page', async () => {
    // The public reads the resolution at its permanent link, without signing in, on a phone.
    const reader = await demo.onPhone();
    await reader.goto(`${demo.server.url}/r/northfield-movement`);
    await expectAccessible(reader, 'the organisation’s published resolutions');
    // Camden's resolution (the Coordinating Group's, of the same title, is at -2).
    await reader.locator('a[href="/r/northfield-movement/no-confidence-in-the-leader"]').click();
    await reader.waitForURL(/\/r\/northfield-movement\/no-confidence-in-the-leader$/);
    expect(await reader.locator('h1').textContent()).toBe('No confidence in the Leader');
    expect(await reader.locator('main').textContent()).toContain(
      'carried: simple majority of votes cast, 23–4, 2 abstentions',
    );
    await expectAccessible(reader, 'the resolution’s public page');
    await reader.getByRole('link', { name: 'Printable version' }).click();
    await expectAccessible(reader, 'the printable resolution');
    // The feed, read by the browser's own XML parser.
    const feed = await reader.evaluate(async () => {
      const xml = await (await fetch('/r/northfield-movement/feed.atom')).text();
      // The DOM's types are not in this project's (Node) library; these are the parts used.
      type Element = {
        textContent: string | null;
        getElementsByTagName(name: string): ArrayLike<Element>;
      };
      const { DOMParser } = globalThis as unknown as {
        DOMParser: new () => {
          parseFromString(
            text: string,
            type: string,
          ): Element & { documentElement: { namespaceURI: string | null } };
        };
      };
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI,
        titles: Array.from(doc.getElementsByTagName('entry')).map(
          (e) => e.getElementsByTagName('title')[0]?.textContent,
        ),
      };
    });
    expect(feed).toMatchObject({ error: 0, root: 'http://www.w3.org/2005/Atom' });
    expect(feed.titles).toContain('No confidence in the Leader');
    const pdf = await reader.evaluate(async () => {
      const res = await fetch('/r/northfield-movement/no-confidence-in-the-leader/pdf');
      return { type: res.headers.get('content-type'), head: (await res.text()).slice(0, 8) };
    });
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-1.7' });

    // The NEC secretary finds it in the inbox and rules it in order.
    const nec = await inboxOf('nec.secretary@example.org', [
      'Northfield Party',
      'National Executive Committee',
    ]);
    await expectAccessible(nec, 'the NEC’s inbox');
    await nec
      .getByRole('row', { name: /Camden Town Group/ })
      .getByRole('link')
      .click();
    await expectAccessible(nec, 'a communication in the inbox');
    await nec.getByRole('button', { name: 'Rule in order' }).click();
    expect(await nec.locator('#communication-state').textContent()).toContain('ruled in order');
    await expectAccessible(nec, 'a communication ruled in order');
    // The Coordinating Group's resolution, which calls on the NEC too, is ruled in order; the
    // inbox then offers to composite the two.
    await nec.getByRole('link', { name: 'Inbox of National Executive Committee' }).click();
    await nec
      .getByRole('row', { name: /National Coordinating Group, Northfield Movement/ })
      .getByRole('link')
      .click();
    await nec.getByRole('button', { name: 'Rule in order' }).click();
    await nec.getByRole('link', { name: 'Inbox of National Executive Committee' }).click();
    expect(await nec.getByRole('group', { name: 'Composite into one motion' }).count()).toBe(1);
    await expectAccessible(nec, 'the inbox offering to composite');
    // The secretary puts Camden's on the agenda on its own.
    await nec
      .getByRole('row', { name: /Camden Town Group/ })
      .getByRole('link')
      .click();
    await nec.getByRole('button', { name: 'Put it on the agenda as our motion' }).click();
    expect(await nec.locator('#communication-state').textContent()).toContain(
      'on the agenda as a motion',
    );

    // The sender sees it on the public page.
    await reader.goto(`${demo.server.url}/r/northfield-movement/no-confidence-in-the-leader`);
    expect(await reader.locator('main').textContent()).toContain('on the agenda as a motion');

    // Hackney's secretary adopts the model motion with one clause changed.
    const hackney = await inboxOf('hackney.secretary@example.org', [
      'Northfield Movement',
      'Hackney Group',
    ]);
    await expectAccessible(hackney, 'Hackney’s inbox with a model motion');
    await hackney
      .getByRole('row', { name: /Model motion/ })
      .getByRole('link')
      .click();
    await adoptWithClause6Changed(hackney);

    // The model motion's page shows the adoption and the changed words.
    await hackney.goto(
      `${demo.server.url}/r/northfield-movement/no-confidence-in-the-leader-2/model`,
    );
    expect(await hackney.locator('#model-counts').textContent()).toContain(
      'Adopted by 1; tabled by 1; passed by 0.',
    );
    expect(await hackney.locator('ins').allTextContents()).toEqual(['every member']);
    await expectAccessible(hackney, 'the model motion’s adoptions');

    // Camden's secretary sees the body's resolutions and may keep them private.
    const camden = await signedIn('camden.secretary@example.org');
    await camden.getByRole('link', { name: 'Northfield Movement' }).click();
    await camden.getByRole('link', { name: 'Camden Town Group' }).click();
    await camden.getByRole('link', { name: 'Resolutions' }).click();
    await expectAccessible(camden, 'a body’s resolutions, with the privacy setting');
    expect(
      await camden
        .getByLabel('Keep resolutions and minutes to members of the organisation')
        .count(),
    ).toBe(1);

    // The chair opens today's meeting, which approves the July minutes: they are published.
    const chair = await signedIn('camden.chair@example.org');
    await chair.getByRole('link', { name: 'Northfield Movement' }).click();
    await chair.getByRole('link', { name: 'Camden Town Group' }).click();
    await chair.getByRole('link', { name: 'Meetings' }).click();
    const meetings = chair.url();
    await chair.getByRole('link', { name: 'General meeting', exact: true }).click();
    await chair.getByRole('link', { name: 'Chair’s console' }).click();
    // Camden's quorum is 10 (DESIGN.md section 2): the meeting opens only with ten present.
    await signInAtConsole(chair, 10);
    await chair.getByRole('button', { name: 'Open the meeting' }).click();
    expect(await chair.locator('.kind').first().textContent()).toContain('In session');
    await chair.goto(meetings);
    await chair.getByRole('link', { name: 'July general meeting' }).click();
    await chair.getByRole('link', { name: 'Minutes' }).click();
    await chair.getByRole('button', { name: 'Approve as a correct record' }).click();
    await reader.goto(`${demo.server.url}/r/northfield-movement`);
    await reader.getByRole('link', { name: /minutes of the July general meeting/ }).click();
    expect(await reader.locator('main').textContent()).toContain('Approved as a correct record on');
    await expectAccessible(reader, 'published minutes');
    await reader.getByRole('link', { name: 'Printable version' }).click();
    await expectAccessible(reader, 'printable minutes');
  }, 180_000);
});
