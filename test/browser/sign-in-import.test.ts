import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible, haveChromium } from './browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/main.ts';

/**
 * The issue 3 walk-through in a real browser (Debian's Chromium, driven by playwright-core):
 * first-admin setup, an organisation with a branch, a CSV import with its dry run, the member
 * register, signing out and in again. Every page visited must pass axe with no violations.
 */

const CAMDEN_CSV = fileURLToPath(
  new URL('../../examples/members/camden-branch-register.csv', import.meta.url),
);

describe.skipIf(!haveChromium && !process.env.CI)('in a real browser', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let workDir: string;

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(`CI must run the browser tests, but ${CHROMIUM} is missing`);
    }
    if (!existsSync(CAMDEN_CSV)) throw new Error(`${CAMDEN_CSV} is missing (examples/members)`);
    workDir = mkdtempSync(join(tmpdir(), 'seconded-browser-'));
    server = await startServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        BASE_URL: 'http://127.0.0.1:0',
        SQLITE_FILE: join(workDir, 'seconded.sqlite'),
        LOG_LEVEL: 'error',
      }),
    );
    context = await chromium.launchPersistentContext(join(workDir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('sets up, imports the Camden register, and signs in again', { timeout: 120_000 }, async () => {
    expect(server.setupLink, 'a fresh database should print a setup link').toBeTruthy();

    // First administrator
    await page.goto(server.setupLink!);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Set up Seconded');
    await expectAccessible(page, 'the setup page');
    await page.getByLabel('Name', { exact: true }).fill('Ada Admin');
    await page.getByLabel('Email address').fill('ada@example.org');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create administrator' }).click();

    // Organisation and its top body
    await page.waitForURL('**/organisations/new');
    await expectAccessible(page, 'the new organisation page');
    await page.getByLabel('Organisation name').fill('Northfield Movement');
    await page.getByLabel('Name of its top body').fill('National Coordinating Group');
    await page.getByRole('button', { name: 'Create organisation' }).click();

    await page.waitForURL('**/bodies/*');
    await expect.poll(() => page.locator('h1').textContent()).toBe('National Coordinating Group');
    await expectAccessible(page, 'the top body page');

    // A branch below it
    await page.getByRole('link', { name: 'Add a body below this one' }).click();
    await page.waitForURL('**/bodies/*/bodies/new');
    await expectAccessible(page, 'the new body page');
    await page.getByLabel('Name', { exact: true }).fill('Camden Town Group');
    await page.getByLabel('Kind of body').selectOption('branch');
    await page.getByRole('button', { name: 'Add body' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Camden Town Group');
    await expectAccessible(page, 'the branch page');

    // Import: upload, dry run, confirm
    await page.getByRole('link', { name: 'Import members' }).click();
    await page.waitForURL('**/bodies/*/import');
    await expectAccessible(page, 'the import page');
    await page.getByLabel('CSV file').setInputFiles(CAMDEN_CSV);
    await page.getByRole('button', { name: 'Check the file' }).click();

    const summary = page.getByRole('status');
    await expect.poll(() => summary.textContent()).toMatch(/Nothing has been saved yet/);
    const dryRun = (await summary.textContent()) ?? '';
    expect(dryRun).toContain('Checked 40 rows');
    expect(dryRun).toContain('38 would be added');
    expect(dryRun).toContain('2 rejected');
    const rejectedLines = await page
      .locator('h2:text-is("Rows that cannot be imported") + .table-wrap tbody tr td:first-child')
      .allTextContents();
    expect(rejectedLines.map((s) => s.trim())).toEqual(['19', '33']);
    await expectAccessible(page, 'the dry-run report');

    await page.getByRole('button', { name: 'Import these members' }).click();
    await expect.poll(() => summary.textContent()).toMatch(/^Imported 40 rows: 38 added/);
    await expectAccessible(page, 'the import result');

    // The register
    await page.getByRole('link', { name: 'See the member register' }).click();
    await page.waitForURL('**/bodies/*/members');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Members of Camden Town Group');
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(38);
    expect(await page.locator('main').textContent()).toContain('38 current members.');
    await expectAccessible(page, 'the member register');

    await page.getByRole('link', { name: 'My account' }).click();
    await page.waitForURL('**/account');
    await expectAccessible(page, 'my account');

    // Sign out, and in again
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await expectAccessible(page, 'the sign-in page');
    await page.goto(new URL('/account', server.url).href);
    await expect.poll(() => page.locator('main').textContent()).toMatch(/[Ss]ign in/);
    await page.goto(new URL('/sign-in', server.url).href);
    await page.getByLabel('Email address').fill('ada@example.org');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('What needs you');
    expect(await page.getByRole('heading', { name: 'Your organisations' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Northfield Movement' }).count()).toBe(1);
    await expectAccessible(page, 'the home page after signing in');
  });
});
