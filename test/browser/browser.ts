import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AppContext } from '../../src/app/common/context.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { loadConfig } from '../../src/config.ts';
import { openApp, startServer, type RunningServer } from '../../src/main.ts';
import { silentLog } from '../factories.ts';
import { afterAll, beforeAll, expect } from 'vitest';

/** What every real-browser test shares: Debian's Chromium, its flags, and the axe check. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! ${CHROMIUM} is missing: the real-browser tests in test/browser are SKIPPED.\n!! Install it: apt-get install chromium\n${line}\n`,
  );
}

/** Runs axe on the page as it stands and fails with a readable list of every violation. */
export async function expectAccessible(page: Page, label: string) {
  // Live pages reload themselves when the meeting moves on; if that happens mid-check, wait for
  // the new page and check it instead.
  let results: Awaited<ReturnType<AxeBuilder['analyze']>> | undefined;
  for (let attempt = 1; !results; attempt++) {
    try {
      results = await new AxeBuilder({ page }).analyze();
    } catch (error) {
      if (attempt >= 3 || !/context was destroyed|navigat/i.test(String(error))) throw error;
      await page.waitForLoadState('load');
    }
  }
  const { violations, passes } = results;
  expect(passes.length, `axe did not run on ${label}`).toBeGreaterThan(0);
  const report = violations
    .map((v) =>
      [
        `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map(
          (n) =>
            `      ${n.target.join(' ')}\n        ${n.html}\n        ${n.failureSummary?.replace(/\n/g, '\n        ') ?? ''}`,
        ),
      ].join('\n'),
    )
    .join('\n');
  expect(
    violations.length,
    `axe found ${violations.length} violation(s) on ${label} (${page.url()}):\n${report}`,
  ).toBe(0);
}

/** A running server on a fresh SQLite file loaded with the demo, and a headless Chromium. */
export interface DemoInBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The demo accounts' password. */
  readonly password: string;
  stop(): Promise<void>;
}

/**
 * Starts the demo in a browser before the tests of the enclosing `describe` and stops it after
 * them. What it started is read through the object returned, once the tests run.
 */
export function demoInBrowser(
  label: string,
  opts: {
    /** Runs once the demo is loaded, before the server starts: more of the story, as needed. */
    after?: (ctx: AppContext) => Promise<void>;
  } = {},
) {
  let demo: DemoInBrowser | undefined;
  beforeAll(async () => {
    demo = await startDemoInBrowser(label, opts.after);
  });
  afterAll(async () => {
    await demo?.stop();
  });
  const started = () => {
    if (!demo) throw new Error(`the ${label} demo has not started`);
    return demo;
  };
  return {
    get server() {
      return started().server;
    },
    get browser() {
      return started().browser;
    },
    /** A page in a new desktop window 1280 wide (close it with `page.context().close()`). */
    onDesk: async (height = 900) =>
      await pageIn(await started().browser.newContext({ viewport: { width: 1280, height } })),
    /** A page in a new small touch phone, 360 wide. */
    onPhone: async (height = 740) =>
      await pageIn(
        await started().browser.newContext({
          viewport: { width: 360, height },
          isMobile: true,
          hasTouch: true,
        }),
      ),
    /** Signs a page in with a demo account through the sign-in form, as a person would. */
    async signIn(page: Page, email: string) {
      const { server, password } = started();
      await page.goto(`${server.url}/sign-in`);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${server.url}/`);
    },
  };
}

/** A new page of a browser context, giving each step up to 10 seconds. */
async function pageIn(context: BrowserContext) {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

async function startDemoInBrowser(
  label: string,
  after?: (ctx: AppContext) => Promise<void>,
): Promise<DemoInBrowser> {
  if (!haveChromium) throw new Error(`CI must run the browser tests, but ${CHROMIUM} is missing`);
  const workDir = mkdtempSync(join(tmpdir(), `seconded-${label}-`));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SQLITE_FILE: join(workDir, 'seconded.sqlite'),
    LOG_LEVEL: 'error',
  });
  const { ctx, database } = await openApp(config, silentLog);
  const { password } = await seedDemo(ctx);
  await after?.(ctx);
  await database.close();
  const server = await startServer(config, silentLog);
  // launch() gives every run a fresh temporary profile.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    server,
    browser,
    password,
    async stop() {
      await browser.close();
      await server.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * On the chair's console: puts the question before the meeting to a show of hands and enters
 * the counts, leaving the result to be declared.
 */
export async function enterShowOfHands(
  chair: Page,
  counts: { for: number; against: number; abstentions: number },
) {
  await chair.getByRole('button', { name: 'Put the question (show of hands)' }).click();
  await chair.getByLabel('For', { exact: true }).fill(String(counts.for));
  await chair.getByLabel('Against', { exact: true }).fill(String(counts.against));
  await chair.getByLabel('Abstentions').fill(String(counts.abstentions));
}

/**
 * From the chair's console: ticks the next `count` members not yet present on the attendance
 * list, signs them in at once, and comes back to the console.
 */
export async function signInAtConsole(chairConsole: Page, count: number) {
  const back = chairConsole.url();
  await chairConsole
    .getByRole('link', { name: 'Sign in members at the door, many at once' })
    .click();
  const boxes = chairConsole.locator('#attendance-members input[type=checkbox]');
  for (let i = 0; i < count; i++) await boxes.nth(i).check();
  await chairConsole.getByRole('button', { name: 'Sign in the ticked members' }).click();
  await chairConsole.goto(back);
}

/**
 * On a model motion's page in a body's inbox: adopts it as the body's motion with clause 6
 * ("believes") changed to "that every member must be heard", checking the form with axe.
 */
export async function adoptWithClause6Changed(secretary: Page) {
  await secretary.getByRole('link', { name: 'Adopt it as our motion' }).click();
  await expectAccessible(secretary, 'the adoption form');
  await secretary
    .getByRole('textbox', { name: 'Clause 6: believes' })
    .fill('that every member must be heard');
  await secretary.getByRole('button', { name: 'Adopt as our motion' }).click();
  expect(await secretary.locator('#communication-state').textContent()).toContain(
    'adopted as a motion',
  );
}
