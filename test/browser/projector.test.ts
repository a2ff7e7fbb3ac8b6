import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadActor } from '../../src/app/common/actor.ts';
import type { AppContext } from '../../src/app/common/context.ts';
import { addAgendaItem } from '../../src/app/meetings/add-agenda-item.ts';
import { draftMotion } from '../../src/app/meetings/draft-motion.ts';
import { openMeeting } from '../../src/app/meetings/open-meeting.ts';
import { secondMotion } from '../../src/app/meetings/second-motion.ts';
import { signInToMeeting } from '../../src/app/meetings/sign-in-to-meeting.ts';
import { askToSpeak } from '../../src/app/meetings/speakers/ask-to-speak.ts';
import { callNextSpeaker } from '../../src/app/meetings/speakers/call-next-speaker.ts';
import { submitMotion } from '../../src/app/meetings/submit-motion.ts';
import { takeMotionStep } from '../../src/app/meetings/take-motion-step.ts';
import { listCurrentMembers } from '../../src/db/queries/meetings.ts';
import { NO_CONFIDENCE } from '../../src/demo/seed-demo-meetings.ts';
import { demoInBrowser, expectAccessible, haveChromium } from './browser.ts';

const DAY = 86_400_000;
let meetingId = '';

/**
 * Today's Camden meeting with the demo's motion of no confidence (eight clauses) before it:
 * submitted a week ago, twelve present, moved and seconded, and a speaker with five minutes.
 */
async function noConfidenceBeforeTheMeeting(ctx: AppContext) {
  const today = ctx.now().toISOString().slice(0, 10);
  const { db } = ctx;
  const camden = await db
    .selectFrom('bodies')
    .select('id')
    .where('name', '=', 'Camden Town Group')
    .executeTakeFirstOrThrow();
  meetingId = (
    await db
      .selectFrom('meetings')
      .select('id')
      .where('body_id', '=', camden.id)
      .where('status', '=', 'scheduled')
      .executeTakeFirstOrThrow()
  ).id;
  const chairId = (
    await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'camden.chair@example.org')
      .executeTakeFirstOrThrow()
  ).id;
  const chair = await loadActor(db, chairId, today);
  const ordinary = (await listCurrentMembers(db, camden.id, today)).filter(
    (m) => m.person_id !== chairId,
  );
  const member = (i: number) => loadActor(db, ordinary[i]!.person_id, today);
  const [proposer, seconder] = [await member(0), await member(1)];
  const weekAgo: AppContext = { ...ctx, now: () => new Date(ctx.now().getTime() - 7 * DAY) };
  const { motionId } = await draftMotion(weekAgo, {
    actor: proposer,
    bodyId: camden.id,
    meetingId,
    text: NO_CONFIDENCE,
  });
  await secondMotion(weekAgo, { actor: seconder, motionId });
  await submitMotion(weekAgo, { actor: proposer, motionId });
  await addAgendaItem(weekAgo, { actor: chair, meetingId, motionId });
  for (const personId of [chairId, ...ordinary.slice(0, 11).map((m) => m.person_id)])
    await signInToMeeting(ctx, { actor: chair, meetingId, personId });
  await openMeeting(ctx, { actor: chair, meetingId });
  await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'move' } });
  await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'second' } });
  await askToSpeak(ctx, { actor: proposer, meetingId, side: 'for' });
  await askToSpeak(ctx, { actor: await member(2), meetingId, side: 'against' });
  await callNextSpeaker(ctx, { actor: chair, meetingId, timeLimitSeconds: 300 });
}

/** The parts of the DOM these checks read (its types are not in this project's Node library). */
interface Box {
  readonly tagName: string;
  readonly className: string;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly offsetParent: unknown;
  readonly hidden: boolean;
  readonly textContent: string | null;
}
interface Doc {
  readonly documentElement: Box;
  querySelectorAll(selector: string): ArrayLike<Box>;
  querySelector(selector: string): Box | null;
}

/** Nothing on the wall scrolls or is cut off: the page, the motion's box and the side column. */
const overflows = (wall: Page) =>
  wall.evaluate(() => {
    const document = (globalThis as unknown as { document: Doc }).document;
    return [
      document.documentElement,
      ...Array.from(document.querySelectorAll('[data-fit], [data-fit-side]')),
    ]
      .filter((el) => el.scrollHeight > el.clientHeight + 1)
      .map((el) => `${el.tagName}.${el.className}: ${el.scrollHeight} > ${el.clientHeight}`);
  });

/** The clauses on the wall now, and the pager's words if it pages. */
const clausesShown = (wall: Page) =>
  wall.evaluate(() => {
    const document = (globalThis as unknown as { document: Doc }).document;
    const pager = document.querySelector('[data-pages]');
    return {
      shown: Array.from(document.querySelectorAll('[data-fit] li')).filter(
        (li) => li.offsetParent !== null,
      ).length,
      pager: !pager || pager.hidden ? null : pager.textContent,
    };
  });

/**
 * The projector on the wall laptop (issue 15, item 7): the chair makes a private link on the
 * console; a browser with no account opens it at 1920×1080 and 1280×720 and sees the whole
 * eight-clause motion without anything overflowing, the agenda and the speaker's countdown
 * running; the chair revokes the link and the wall stops showing the meeting. axe on both pages.
 */
describe.skipIf(!haveChromium && !process.env.CI)('the projector on the wall', () => {
  const demo = demoInBrowser('projector-browser', { after: noConfidenceBeforeTheMeeting });

  it('fits the demo’s motion, counts down, opens by a private link and stops when it is revoked', async () => {
    const chair = await demo.onDesk();
    await demo.signIn(chair, 'camden.chair@example.org');
    await chair.goto(`${demo.server.url}/meetings/${meetingId}/console`);
    await chair.getByRole('link', { name: 'Projector link' }).click();
    await expectAccessible(chair, 'the projector link page');
    await chair.getByRole('button', { name: 'Make a projector link' }).click();
    const address = await chair.locator('#projector-address').getAttribute('href');
    expect(address).toMatch(/\/projector\/[\w-]{40,}$/);
    await expectAccessible(chair, 'the projector link, shown once');

    // The wall laptop: a fresh browser, signed in as no one.
    const context = await demo.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await context.newPage();
    wall.setDefaultTimeout(10_000);
    const opened = await wall.goto(new URL(new URL(address!).pathname, demo.server.url).href);
    expect(opened?.status()).toBe(200);
    expect(await wall.locator('h1').textContent()).toBe('General meeting');
    expect(await wall.locator('main').textContent()).toContain('No confidence in the Leader');
    expect(await wall.locator('.agenda').textContent()).toContain('Rent control now');
    expect(await wall.locator('.agenda [aria-current]').textContent()).toContain(
      'No confidence in the Leader',
    );
    expect(await wall.getByRole('link', { name: 'Sign in' }).count()).toBe(0);

    // The countdown runs: about five minutes, and a second later less.
    const timer = wall.getByRole('timer');
    const first = (await timer.textContent())!;
    expect(first).toMatch(/^[45]:\d\d$/);
    await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(first);

    // At 1920×1080 nothing overflows, and all eight clauses are shown, at once or page by page.
    expect(await overflows(wall)).toEqual([]);
    let shown = await clausesShown(wall);
    if (shown.pager) expect(shown.pager).toMatch(new RegExp(`^Clauses 1–${shown.shown} of 8$`));
    else expect(shown.shown).toBe(8);
    await expectAccessible(wall, 'the projector at 1920×1080');

    // At 1280×720 too.
    await wall.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(() => overflows(wall), { timeout: 5_000 }).toEqual([]);
    shown = await clausesShown(wall);
    expect(shown.shown).toBeGreaterThan(0);
    if (shown.pager) expect(shown.pager).toMatch(/^Clauses 1–\d of 8$/);
    else expect(shown.shown).toBe(8);

    // The chair revokes the link: the wall hears of it and shows the meeting no more.
    await chair.getByRole('button', { name: 'Revoke the link' }).click();
    expect(await chair.locator('#projector-link-state').textContent()).toContain(
      'This meeting has no projector link.',
    );
    await expect
      .poll(() => wall.locator('main').textContent(), { timeout: 10_000 })
      .not.toContain('No confidence in the Leader');
    expect((await wall.reload())?.status()).toBe(404);
    await context.close();
    await chair.context().close();
  }, 120_000);
});
