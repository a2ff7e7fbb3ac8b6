import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/common/context.ts';
import { loadConfig } from '../../src/config.ts';
import { createHttpApp } from '../../src/http/app.tsx';
import { openApp } from '../../src/main.ts';
import { en, type MessageKey } from '../../src/messages/en.ts';
import { fr } from '../../src/messages/fr.ts';
import { t } from '../../src/messages/messages.ts';
import { sessionFor, silentLog } from '../factories.ts';
import { openCamdenMeeting } from '../live-room.ts';
import { CHROMIUM, CHROMIUM_ARGS, expectAccessible, haveChromium } from './browser.ts';

/**
 * Issue 15, "done when": the July meeting in French shows no English sentence on any page. The
 * Camden meeting is open with the motion of no confidence moved and seconded (test/live-room.ts);
 * then, in a real Chromium whose language is French and by people who chose French, the chair
 * moves an amendment to clause 3 from the console, it is seconded and lost on a show of hands, the
 * motion goes to a secret ballot of those present, members vote on their phones and the chair
 * closes it. At every stage each page the chair, a member and the wall see is read for English
 * and checked with axe.
 */

/** The French a page shows for the English words of the catalogue (its labels and buttons). */
const KEY_OF = new Map<string, MessageKey>();
for (const [key, words] of Object.entries(en) as [MessageKey, string][])
  if (!KEY_OF.has(words) && key !== 'app.name') KEY_OF.set(words, key);
function L(english: string): string {
  const key = KEY_OF.get(english);
  if (!key) throw new Error(`no message says “${english}”`);
  return t(key, {}, 'fr');
}

/**
 * English to look for: the literal stretches of every English message that French says
 * differently, of three words or more (placeholders split a message into stretches), and what
 * Seconded generates outside the catalogue (clause verbs, amendments, results, minutes).
 */
const FROM_THE_CATALOGUE = [
  ...new Set(
    (Object.keys(en) as MessageKey[])
      .filter((key) => en[key] !== fr[key])
      .flatMap((key) => en[key].split(/\{\w+\}/))
      .map((s) => s.replace(/^[\s,.:;()“”"–—-]+|[\s,.:;()“”"–—-]+$/g, ''))
      .filter((s) => s.split(/\s+/).length >= 3),
  ),
];
const GENERATED = [
  /\bnotes that\b/,
  /\bbelieves that\b/,
  /\bresolves to\b/,
  /\bcalls on\b/,
  /\binstructs\b/,
  /\bIn clause \d/i,
  /\bIn the amendment\b/i,
  /\b(insert|delete) “/i,
  /\bLeave out\b/i,
  /\bAdd a new clause\b/,
  /\bReplace (clause|the whole)\b/,
  /\bcarried\b/,
  /\blost\b/,
  /\bsimple majority\b/,
  /\bvotes cast\b/,
  // ("abstention" is French too.)
  /\b\d+ abstentions\b/,
  /\bmembers present\b/,
  /\bthe quorum is\b/,
  /\bThis meeting\b/,
  /\bThe question\b/,
  /\bshow of hands\b/,
  /\bsecret ballot\b/,
  /\bhave voted\b/,
];

describe.skipIf(!haveChromium && !process.env.CI)('the July meeting in French', () => {
  let workDir: string;
  let browser: Browser;
  let server: ServerType;
  let url: string;
  let ctx: AppContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'seconded-live-room-fr-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_FILE: join(workDir, 'seconded.sqlite'),
      LOG_LEVEL: 'error',
    });
    const app = await openApp(config, silentLog);
    ctx = app.ctx;
    close = () => app.database.close();
    const http = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 50 });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: http.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await close?.();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** A French browser signed in as `personId`: a desk, a phone or the wall. */
  async function frenchScreen(personId: string, viewport = { width: 1280, height: 900 }) {
    const phone = viewport.width < 500;
    const context = await browser.newContext({
      viewport,
      baseURL: url,
      locale: 'fr-FR',
      ...(phone ? { isMobile: true, hasTouch: true } : {}),
    });
    await context.addCookies([
      { name: 'seconded_session', value: await sessionFor(ctx, personId), url },
    ]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  it('shows no English sentence of Seconded’s on any page of the story', async () => {
    const room = await openCamdenMeeting(ctx, 6, { withMotion: true });
    // Everyone chose French on their account, as well as reading in a French browser.
    await ctx.db.updateTable('people').set({ locale: 'fr' }).execute();
    // What people wrote stays as they wrote it: the motion, names, titles; only Seconded's own
    // words around them are read.
    const theirs = await peoplesWords(ctx);
    const meetingUrl = `/meetings/${room.meetingId}`;
    const found: string[] = [];
    const checked = new Set<string>();
    const report = (line: string) => {
      if (!found.includes(line)) console.log(`English on a French page: ${line}`);
      found.push(line);
    };
    /** Reads the page for English and, once per kind of page and stage, checks it with axe. */
    async function read(page: Page, label: string) {
      await page.waitForLoadState('load');
      let text = await page.locator('body').innerText();
      for (const words of theirs) text = text.split(words).join(' ');
      for (const phrase of FROM_THE_CATALOGUE) {
        if (text.includes(phrase)) report(`${label} (${page.url()}): “${phrase}”`);
      }
      for (const english of GENERATED) {
        const hit = english.exec(text);
        if (hit)
          report(
            `${label} (${page.url()}): …${text.slice(Math.max(0, hit.index - 50), hit.index + 50).replace(/\s+/g, ' ')}…`,
          );
      }
      // axe once for each kind of page (the part of the label before the stage), to keep it quick.
      const kind = label.split(',')[0]!;
      if (!checked.has(kind)) {
        checked.add(kind);
        await expectAccessible(page, label);
      }
    }

    const chair = await frenchScreen(room.adminId);
    const wall = await frenchScreen(room.adminId, { width: 1920, height: 1080 });
    const phones = await Promise.all(
      room.members.map((m) => frenchScreen(m.personId, { width: 390, height: 844 })),
    );
    const member = phones[0]!;
    /** Every page of the meeting each of them sees at this stage. */
    async function readEverything(stage: string) {
      for (const [path, label] of [
        [`${meetingUrl}/console`, 'the console'],
        [meetingUrl, 'the meeting page'],
        [`${meetingUrl}/speakers`, 'the speakers list'],
        [`/motions/${room.motionId}`, 'the motion'],
      ] as const) {
        await chair.goto(path);
        await read(chair, `${label}, ${stage}`);
      }
      await wall.goto(`${meetingUrl}/projector`);
      await read(wall, `the projector, ${stage}`);
      for (const [path, label] of [
        [meetingUrl, 'the meeting page on a phone'],
        [`/motions/${room.motionId}`, 'the motion on a phone'],
      ] as const) {
        await member.goto(path);
        await read(member, `${label}, ${stage}`);
      }
    }

    await readEverything('with the motion moved and seconded');

    // An amendment to clause 3, moved from the console in French, seconded, and lost.
    await chair.goto(`${meetingUrl}/console`);
    await chair.locator('#amendment-mover').selectOption({ index: 1 });
    await chair.getByLabel(L('Clause'), { exact: true }).selectOption({ index: 2 });
    await chair.getByLabel(L('Kind of amendment')).selectOption('delete-and-insert');
    await chair.getByLabel(L('Words to delete')).fill('overruled');
    await chair.getByLabel(L('Words to insert')).fill('set aside');
    await chair.getByRole('button', { name: L('Move the amendment') }).click();
    await chair.locator('[id^="seconder-"]').first().selectOption({ index: 2 });
    await chair.getByRole('button', { name: L('Seconded'), exact: true }).click();
    expect(await chair.locator('main').innerText()).toContain('À la clause 3, supprimer');
    await readEverything('with the amendment before the meeting');

    await chair.goto(`${meetingUrl}/console`);
    await chair.getByRole('button', { name: L('Put the question (show of hands)') }).click();
    await chair.getByLabel(L('For'), { exact: true }).fill('1');
    await chair.getByLabel(L('Against'), { exact: true }).fill('4');
    await chair.getByLabel(L('Abstentions')).fill('1');
    await chair.getByRole('button', { name: L('Declare the result') }).click();
    expect(await chair.locator('#results').innerText()).toMatch(/rejeté/);
    await readEverything('with the amendment lost');

    // The motion goes to a secret ballot of those present; the members vote on their phones.
    await chair.goto(`${meetingUrl}/console`);
    await chair.getByRole('button', { name: L('Put to a secret ballot of those present') }).click();
    await read(chair, 'the console during the secret ballot');
    for (const [i, phone] of phones.entries()) {
      await phone.goto(meetingUrl);
      await phone.getByRole('link', { name: L('Vote now, by secret ballot') }).click();
      if (i === 0) await read(phone, 'the ballot paper on a phone');
      await phone.getByLabel(i < 5 ? L('For') : L('Against'), { exact: true }).check();
      await phone.getByRole('button', { name: L('Cast my vote') }).click();
      await expect.poll(() => phone.locator('.notice').first().innerText()).toMatch(/[0-9A-Z]{4}-/);
      if (i === 0) await read(phone, 'the receipt on a phone');
    }
    await readEverything('during the secret ballot');

    await chair.goto(`${meetingUrl}/console`);
    await chair.getByRole('button', { name: L('Close the vote and declare the result') }).click();
    await chair
      .getByRole('dialog')
      .getByRole('button', { name: L('Yes, close the ballot and count') })
      .click();
    await expect.poll(() => chair.locator('#results').innerText()).toMatch(/adoptée/);
    await readEverything('with the result declared');
    await member.reload();
    await read(member, 'the receipt after the close');

    expect([...new Set(found)]).toEqual([]);
  }, 600_000);
});

/** What people wrote or are called, longest first: the motion, titles, names. */
async function peoplesWords(ctx: AppContext): Promise<string[]> {
  const [motions, meetings, items, bodies, orgs, people] = await Promise.all([
    ctx.db.selectFrom('motions').select(['title', 'text']).execute(),
    ctx.db.selectFrom('meetings').select(['title', 'location']).execute(),
    ctx.db.selectFrom('agenda_items').select(['title']).execute(),
    ctx.db.selectFrom('bodies').select(['name']).execute(),
    ctx.db.selectFrom('organisations').select(['name']).execute(),
    ctx.db.selectFrom('people').select(['name']).execute(),
  ]);
  const clauses = motions.flatMap((m) => {
    const text = JSON.parse(m.text) as {
      clauses: { text: string; addressee?: { name?: string; officer?: string } }[];
    };
    return text.clauses.flatMap((c) => [c.text, c.addressee?.name ?? c.addressee?.officer ?? '']);
  });
  return [
    ...motions.map((m) => m.title),
    ...clauses,
    // The amendment's words.
    'overruled',
    'set aside',
    ...meetings.flatMap((m) => [m.title, m.location ?? '']),
    ...items.map((i) => i.title),
    ...[...bodies, ...orgs, ...people].map((r) => r.name),
  ]
    .filter((s) => s.trim().length > 2)
    .sort((a, b) => b.length - a.length);
}
