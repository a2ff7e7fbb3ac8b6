import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/common/context.ts';
import type { Role } from '../../src/domain/organisations/policy.ts';
import { loadConfig } from '../../src/config.ts';
import { createHttpApp } from '../../src/http/app.tsx';
import { openApp } from '../../src/main.ts';
import { giveAccounts, sessionFor, silentLog } from '../factories.ts';
import { northfield, personWithAccount, exampleText } from '../story.ts';
import {
  adoptWithClause6Changed,
  CHROMIUM,
  CHROMIUM_ARGS,
  enterShowOfHands,
  expectAccessible,
  haveChromium,
  signInAtConsole,
} from './browser.ts';

/**
 * DESIGN.md section 2, steps 2–6, in a real browser with nine screens open at once: the Camden
 * secretary sets the standing orders, imports 40 members and calls the July general meeting with
 * notice; a member drafts the motion of no confidence clause by clause, another seconds it, and
 * it goes on the agenda. A week later (the server's clock is moved on), three members sign
 * themselves in on their phones and the secretary signs in the rest, 29 in all; the projector on
 * the wall follows everything live; members ask to speak, a point of order jumps the queue and
 * the chair calls speakers with a countdown; an amendment to clause 3 is lost; the motion is
 * carried 23–4–2, and the wall shows the result without anyone touching it. Step 5: the
 * resolution is at its public address. Step 6: the National Coordinating Group's secretary calls
 * the Group's meeting, takes the resolution from the inbox onto its agenda and, a week later,
 * runs the meeting from the chair's console, where the Group votes to support it; the Group
 * publishes its resolution as a model motion to every local group; Hackney's secretary adopts it
 * with clause 6 changed and Camden's as it stands, and the model motion's page shows the 2
 * adoptions and the words Hackney changed. Every page is checked with axe.
 */
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';
// The register was saved on Windows (CRLF line endings); the two rows added to it keep them, or
// the file mixes line endings and the CSV reader runs the last rows together into one.
const TWO_MORE = [
  'M100900,Robin Hale,robin.hale@example.org,Camden Town Group,2019-03-02,Active',
  'M100901,Sam Okafor,sam.okafor@example.org,Camden Town Group,2020-11-15,Active',
].join('\r\n');
const NCG_MEMBERS = [
  'Noor Ahmed',
  'Owen Price',
  'Priya Shah',
  'Quinn Taylor',
  'Rosa Lind',
  'Tomas Berg',
  'Uma Reid',
];

describe.skipIf(!haveChromium && !process.env.CI)('the meeting room in a browser', () => {
  let workDir: string;
  let browser: Browser;
  let server: ServerType;
  let url: string;
  let ctx: AppContext;
  let nationalId: string;
  let hackneyId: string;
  let camdenId: string;
  let chairId: string;
  let close: () => Promise<void>;
  // The server's clock runs a week and a day behind, until the day of the meeting.
  let offset = -8 * DAY;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'seconded-live-room-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SQLITE_FILE: join(workDir, 'seconded.sqlite'),
      LOG_LEVEL: 'error',
    });
    const app = await openApp(config, silentLog);
    // The server's clock is ours to move, so the meeting can be held a week after its notice.
    ctx = { ...app.ctx, now: () => new Date(Date.now() + offset) };
    close = () => app.database.close();
    const story = await northfield(ctx);
    const joinBody = (bodyId: string, personId: string, role: Role) =>
      ctx.db
        .insertInto('memberships')
        .values({
          id: `${personId}-${bodyId}-${role}`,
          body_id: bodyId,
          person_id: personId,
          role,
          member_number: null,
          joined_on: null,
          left_on: null,
          vote_weight: null,
          created_at: ctx.now().toISOString(),
        })
        .execute();
    for (const [email, role, name] of [
      ['camden.secretary@example.org', 'secretary', 'Sasha Secretary'],
      ['camden.chair@example.org', 'chair', 'Charlie Chair'],
    ] as const) {
      const personId = await personWithAccount(ctx, email, { name });
      for (const r of ['member', role] as const) await joinBody(story.camdenId, personId, r);
      if (role === 'chair') chairId = personId;
    }
    // The National Coordinating Group's secretary, who will find the resolution in its inbox, and
    // seven more members of the Group, enough for its quorum of 7 when it meets on it.
    const ncgSecretary = await personWithAccount(ctx, 'ncg.secretary@example.org', {
      name: 'Nadia National',
    });
    for (const r of ['member', 'secretary'] as const)
      await joinBody(story.nationalId, ncgSecretary, r);
    for (const name of NCG_MEMBERS) {
      const email = `${name.toLowerCase().replace(' ', '.')}@example.org`;
      await joinBody(story.nationalId, await personWithAccount(ctx, email, { name }), 'member');
    }
    // Hackney's secretary, who will adopt the Group's model motion.
    const hackneySecretary = await personWithAccount(ctx, 'hackney.secretary@example.org', {
      name: 'Hana Hackney',
    });
    for (const r of ['member', 'secretary'] as const)
      await joinBody(story.hackneyId, hackneySecretary, r);
    nationalId = story.nationalId;
    camdenId = story.camdenId;
    hackneyId = story.hackneyId;
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

  async function screen(viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport, baseURL: url });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }
  async function signIn(page: Page, email: string) {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/`);
  }
  /**
   * A member who set a password when invited and signed in on their phone earlier (their
   * account and session are made directly): with an account, they vote online.
   */
  async function memberOnPhone(email: string) {
    const person = await ctx.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    await giveAccounts(ctx, [person.id]);
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      baseURL: url,
    });
    await context.addCookies([
      { name: 'seconded_session', value: await sessionFor(ctx, person.id), url },
    ]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  /** The first `n` of Camden's members by name who have no account yet. */
  async function membersWithoutAccounts(n: number) {
    const rows = await ctx.db
      .selectFrom('memberships')
      .innerJoin('people', 'people.id', 'memberships.person_id')
      .leftJoin('accounts', 'accounts.person_id', 'people.id')
      .select(['people.id', 'people.name'])
      .where('memberships.body_id', '=', camdenId)
      .where('memberships.role', '=', 'member')
      .where('accounts.person_id', 'is', null)
      .orderBy('people.name')
      .limit(n)
      .execute();
    expect(rows).toHaveLength(n);
    return rows.map((r) => r.id);
  }
  /** A request to the JSON API from a member's own phone (signed in, from our origin). */
  async function asMember(personId: string, method: string, path: string, body: unknown) {
    return fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        origin: url,
        cookie: `seconded_session=${await sessionFor(ctx, personId)}`,
      },
      body: JSON.stringify(body),
    });
  }

  it('plays steps 2–6: the meeting room live, then the Coordinating Group and its model motion', async () => {
    // ---- Step 2: the secretary sets the standing orders, imports 40 members, calls the meeting.
    const { page: secretary } = await screen();
    await signIn(secretary, 'camden.secretary@example.org');
    await secretary.getByRole('link', { name: 'Northfield Movement' }).click();
    await secretary.getByRole('link', { name: 'Camden Town Group' }).click();
    await expectAccessible(secretary, 'the body page');
    const camden = secretary.url();
    await secretary.goto(`${camden}/standing-orders`);
    await secretary.getByLabel('Members needed (when a number)').fill('10');
    await secretary.getByLabel('Clear days of notice for a meeting').fill('7');
    await expectAccessible(secretary, 'the standing orders form');
    await secretary.getByRole('button', { name: 'Save standing orders' }).click();

    await secretary.goto(camden);
    await secretary.getByRole('link', { name: 'Import members' }).click();
    const csv = join(workDir, 'camden.csv');
    writeFileSync(
      csv,
      `${exampleText('members/camden-branch-register.csv').trimEnd()}\r\n${TWO_MORE}\r\n`,
    );
    await secretary.getByLabel('CSV file').setInputFiles(csv);
    await secretary.getByRole('button', { name: 'Check the file' }).click();
    const importPage = () => secretary.locator('main').textContent();
    // The answer to each step is a new page: wait for it, not the page the button was on.
    await expect.poll(importPage).toMatch(/Checked 42 rows: 40 would be added/);
    await expectAccessible(secretary, 'the import dry run');
    await secretary.getByRole('button', { name: 'Import these members' }).click();
    await expect.poll(importPage).toMatch(/Imported 42 rows: 40 added/);

    await secretary.goto(camden);
    await secretary.getByRole('link', { name: 'Meetings' }).click();
    const startsAt = new Date(Date.now());
    await secretary.getByLabel('Title').fill('July general meeting');
    await secretary
      .getByLabel('Date and time it starts')
      .fill(`${startsAt.toISOString().slice(0, 10)}T19:00`);
    await secretary.getByLabel('Place').fill('Camden Centre, Judd Street');
    await secretary.getByLabel('Give notice to the members now').check();
    await expectAccessible(secretary, 'the form to call a meeting');
    await secretary.getByRole('button', { name: 'Call the meeting' }).click();
    await secretary.waitForURL(/\/meetings\/[^/]+$/);
    const meetingUrl = secretary.url();
    expect(await secretary.locator('main').textContent()).toContain('Notice given on');

    // ---- Step 3: Isla drafts the motion of no confidence, Farah seconds it, it is on the agenda.
    const isla = await memberOnPhone('isla.singh0@example.org');
    const farah = await memberOnPhone('farah.young1@example.org');
    const yusuf = await memberOnPhone('yusuf.zielinski2@example.org');
    await isla.goto(camden);
    await isla.getByRole('link', { name: 'Motions' }).click();
    await isla.getByLabel('Title of the motion').fill('No confidence in the Leader');
    await isla.getByLabel('For the meeting').selectOption({ label: 'July general meeting' });
    await isla.getByRole('button', { name: 'Start drafting' }).click();
    const clauses: [string, string, string?][] = [
      ['notes', 'that the Leader promised to consult the members on policy'],
      ['notes', 'that no consultation has taken place in two years'],
      ['notes', 'that the Leader overruled the conference decision on local democracy'],
      ['believes', 'that the Leader has lost the trust of the members'],
      ['believes', 'that a party run from the top cannot win'],
      ['believes', 'that the members must be heard'],
      ['calls-on', 'to pass a motion of no confidence in the Leader', 'the Northfield Party NEC'],
      [
        'calls-on',
        'to support this demand and publicise its support to all local groups',
        'National Coordinating Group',
      ],
    ];
    for (const [i, [kind, text, addressee]] of clauses.entries()) {
      if (i > 0) await isla.getByRole('button', { name: 'Add a clause' }).click();
      await isla.locator(`[id="clauses.${i}.kind"]`).selectOption(kind);
      await isla.locator(`[id="clauses.${i}.text"]`).fill(text);
      if (addressee) {
        await isla.getByRole('button', { name: 'Save the draft' }).click();
        if (addressee.startsWith('the '))
          await isla.locator(`[id="clauses.${i}.bodyName"]`).fill(addressee);
        else await isla.locator(`[id="clauses.${i}.bodyId"]`).selectOption({ label: addressee });
      }
    }
    await isla.getByRole('button', { name: 'Save the draft' }).click();
    await expectAccessible(isla, 'the motion editor on a phone');
    const motionUrl = isla.url();
    // Isla sends Farah the link: the draft is in no list, but a member of the body can open it.
    await farah.goto(motionUrl);
    await expectAccessible(farah, 'a draft motion a member is asked to second');
    await farah.getByRole('button', { name: 'Second this motion' }).click();
    expect(await farah.locator('main').textContent()).toContain('Farah');
    await isla.goto(motionUrl);
    await isla.getByRole('button', { name: 'Submit the motion' }).click();
    expect(await isla.locator('main').textContent()).toContain('calls on the Northfield Party NEC');
    await secretary.goto(meetingUrl);
    await secretary
      .getByRole('button', { name: 'Put “No confidence in the Leader” on the agenda' })
      .click();
    await expectAccessible(secretary, 'the meeting page with its agenda');

    // ---- Step 4: a week later, the meeting.
    offset = 0;
    const { page: chair } = await screen();
    await signIn(chair, 'camden.chair@example.org');
    await chair.goto(`${meetingUrl}/console`);
    await expectAccessible(chair, 'the console before the meeting');
    // Most members sign themselves in with the code shown in the room: three here on real
    // phones, and fifteen more who set their passwords when they were invited, from theirs.
    const code = (await chair.locator('#sign-in-code .code').textContent())!.trim();
    for (const phone of [isla, farah, yusuf]) {
      await phone.goto('/join');
      await phone.getByLabel('Meeting code').fill(code.toLowerCase());
      await phone.getByRole('button', { name: 'Sign me in' }).click();
      expect(await phone.getByText('You are signed in.').count()).toBe(1);
    }
    await expectAccessible(yusuf, 'the meeting page on a phone, signed in');
    const fifteen = await membersWithoutAccounts(15);
    await giveAccounts(ctx, fifteen);
    for (const personId of fifteen)
      expect((await asMember(personId, 'POST', '/api/v1/join', { code })).status).toBe(200);
    await secretary.goto(meetingUrl);
    await secretary.getByRole('button', { name: 'Sign me in' }).click();
    // Nineteen present: the chair opens the meeting (and is signed in by opening it), then the
    // secretary signs in at the door, at once, the nine who came without a phone.
    await secretary.goto(`${meetingUrl}/console`);
    await chair.getByRole('button', { name: 'Open the meeting' }).click();
    // The secretary's console follows the opening by itself.
    await expect
      .poll(() => secretary.locator('main').textContent(), { timeout: 10_000 })
      .toContain('In session');
    await signInAtConsole(secretary, 9);
    expect(await secretary.locator('#quorum').textContent()).toContain(
      '29 of 42 members present; the quorum is 10.',
    );
    await chair.reload();
    await chair.getByRole('button', { name: 'Moved by its proposer' }).click();
    await chair.locator('#motion-seconder').selectOption({ index: 1 });
    await chair.getByRole('button', { name: 'Seconded', exact: true }).click();

    // The projector on the wall, which nobody touches from now on.
    const { page: wall } = await screen({ width: 1920, height: 1080 });
    await signIn(wall, 'camden.secretary@example.org');
    await wall.goto(`${meetingUrl}/projector`);
    await expectAccessible(wall, 'the projector view');
    const onWall = () => wall.locator('main').textContent();
    expect(await onWall()).toContain('The question before the meeting: the motion');
    expect(await onWall()).toContain('29 of 42 members present.');

    // Members ask to speak; a point of order goes to the head of the queue.
    for (const [phone, button] of [
      [farah, 'For the motion'],
      [yusuf, 'Against the motion'],
    ] as const) {
      await phone.goto(`${meetingUrl}/speakers`);
      await phone.getByLabel(button).check();
      await phone.getByRole('button', { name: 'Put my name down' }).click();
    }
    await isla.goto(`${meetingUrl}/speakers`);
    await isla.getByRole('button', { name: 'Rise on a point of order' }).click();
    await expectAccessible(isla, 'the speakers list on a phone');
    await expect
      .poll(onWall, { timeout: 10_000 })
      .toMatch(/Isla Singh \(point of order\).*Farah Young \(for\).*Yusuf Zielinski \(against\)/);
    await chair.goto(`${meetingUrl}/speakers`);
    await chair.getByRole('button', { name: 'Call the next speaker' }).click();
    await chair.getByLabel('Time limit (minutes)').fill('2');
    await chair.getByRole('button', { name: 'Call the next speaker' }).click();
    await expectAccessible(chair, 'the speakers list, chair');
    await expect.poll(onWall, { timeout: 10_000 }).toContain('Farah Young has the floor (for).');
    expect(await wall.locator('.countdown').textContent()).toMatch(/^[12]:\d\d$/);

    // An amendment to clause 3 is moved, seconded, put and lost 8–18–3.
    await chair.goto(`${meetingUrl}/console`);
    await chair.locator('#amendment-mover').selectOption({ index: 1 });
    await chair.getByLabel('Clause').selectOption({ index: 2 });
    await chair.getByLabel('Kind of amendment').selectOption('delete-and-insert');
    await chair.getByLabel('Words to delete').fill('overruled');
    await chair.getByLabel('Words to insert').fill('set aside');
    await chair.getByRole('button', { name: 'Move the amendment' }).click();
    await chair.locator('[id^="seconder-"]').first().selectOption({ index: 3 });
    await chair.getByRole('button', { name: 'Seconded', exact: true }).click();
    await expect.poll(onWall, { timeout: 10_000 }).toContain('the amendment');
    // The chair types 80 for 8: refused, the form kept as typed. The secretary then adds an
    // item to the agenda: the chair's console, showing the answer to a refused form, follows by
    // reading its own address afresh, and never sends the refused form again.
    await enterShowOfHands(chair, { for: 80, against: 18, abstentions: 3 });
    await chair.getByRole('button', { name: 'Declare the result' }).click();
    await expect
      .poll(() => chair.locator('main').textContent())
      .toContain('101 votes and abstentions were entered, but only 29 are present.');
    expect(await chair.getByLabel('For', { exact: true }).inputValue()).toBe('80');
    const sentByChair: string[] = [];
    const watch = (r: { method(): string; url(): string }) => {
      if (r.method() !== 'GET') sentByChair.push(`${r.method()} ${r.url()}`);
    };
    chair.on('request', watch);
    await secretary.goto(meetingUrl);
    await secretary.getByLabel('Item', { exact: true }).fill('Any other business');
    await secretary.getByRole('button', { name: 'Add to the agenda' }).click();
    await expect
      .poll(() => chair.locator('main').textContent(), { timeout: 10_000 })
      .toContain('Any other business');
    expect(chair.url()).toBe(`${meetingUrl}/console`);
    expect(sentByChair).toEqual([]);
    chair.off('request', watch);
    await chair.getByLabel('For', { exact: true }).fill('8');
    await chair.getByLabel('Against', { exact: true }).fill('18');
    await chair.getByLabel('Abstentions').fill('3');
    await chair.getByRole('button', { name: 'Declare the result' }).click();
    expect(await chair.locator('#results').textContent()).toContain('lost');

    // The motion goes to a secret ballot of those present: the 20 with an account vote online,
    // the 9 without one on numbered papers; 23 for, 4 against, 2 abstentions in all.
    await chair.getByRole('button', { name: 'Put to a secret ballot of those present' }).click();
    const turnout = chair.locator('#turnout');
    expect(await turnout.textContent()).toContain('0 of 29 have voted.');
    expect(await chair.locator('#paper').textContent()).toContain(
      'Of 29 present: 20 vote online, of whom 0 have voted; 9 vote on paper.',
    );
    await expectAccessible(chair, 'the console during a secret ballot of those present');
    await chair.getByRole('button', { name: 'Issue and print 9 paper ballots' }).click();
    // Nine numbered papers, one a page, ready for the printer.
    await expect
      .poll(() => chair.locator('main').textContent())
      .toContain('Ballot paper No. 9 of 9');
    await expectAccessible(chair, 'the printed paper ballots');
    await chair.goto(`${meetingUrl}/console`);

    // On the phones, the link from the meeting page; each voter keeps a receipt.
    const votesOnPhones = [
      [isla, 'For'],
      [farah, 'For'],
      [yusuf, 'Against'],
      [secretary, 'For'],
    ] as const;
    for (const [phone, choice] of votesOnPhones) {
      await phone.goto(meetingUrl);
      await phone.getByRole('link', { name: 'Vote now, by secret ballot' }).click();
      await phone.getByLabel(choice, { exact: true }).check();
      await phone.getByRole('button', { name: 'Cast my vote' }).click();
      await expect
        .poll(() => phone.locator('.notice').first().textContent())
        .toMatch(/Your receipt: [0-9A-Z]{4}-/);
    }
    await expectAccessible(isla, 'a receipt on a phone');
    const ballotId = /\/ballots\/([^/?#]+)/.exec(isla.url())![1]!;
    const islaReceipt = await isla.locator('.notice').first().textContent();
    const sentByIsla: string[] = [];
    isla.on('request', (r) => {
      if (r.method() !== 'GET') sentByIsla.push(`${r.method()} ${r.url()}`);
    });
    // The other sixteen online: the chair and the fifteen, from their phones (12 for, 2 against,
    // 1 abstaining among the fifteen; the chair for).
    const online = ['for', ...Array<string>(12).fill('for'), 'against', 'against', 'abstain'];
    const voters = [chairId, ...fifteen];
    for (const [i, personId] of voters.entries()) {
      const res = await asMember(personId, 'POST', `/api/v1/ballots/${ballotId}/votes`, {
        choice: online[i],
      });
      expect(res.status).toBe(201);
    }
    await expect
      .poll(() => turnout.textContent(), { timeout: 10_000 })
      .toContain('20 of 29 have voted.');

    // The tellers count the nine papers (7 for, 1 against, 1 abstaining) and the secretary enters
    // it; the chair's console offers no such link, the count not being the chair's to enter.
    await chair.reload();
    expect(await chair.getByRole('link', { name: 'Enter the paper count' }).count()).toBe(0);
    await secretary.goto(`${meetingUrl}/console`);
    await secretary.getByRole('link', { name: 'Enter the paper count' }).click();
    await secretary.getByLabel('For', { exact: true }).fill('7');
    await secretary.getByLabel('Against', { exact: true }).fill('1');
    await secretary.getByLabel('Abstain', { exact: true }).fill('1');
    await secretary.getByLabel('Spoilt papers').fill('0');
    await expectAccessible(secretary, 'the paper count');
    await secretary.getByRole('button', { name: 'Enter the paper count' }).click();
    await chair.reload();

    // Closing asks first, and then declares; the wall shows it by itself.
    await chair.getByRole('button', { name: 'Close the vote and declare the result' }).click();
    await expect.poll(() => chair.getByRole('dialog').count()).toBeGreaterThan(0);
    await expectAccessible(chair, 'the confirmation before closing the ballot');
    await chair
      .getByRole('dialog')
      .getByRole('button', { name: 'Yes, close the ballot and count' })
      .click();
    await expect
      .poll(() => chair.locator('#results').textContent(), { timeout: 10_000 })
      .toContain('carried: simple majority of votes cast, 23–4, 2 abstentions');
    await expect
      .poll(onWall, { timeout: 10_000 })
      .toContain('carried: simple majority of votes cast, 23–4, 2 abstentions');
    await expectAccessible(wall, 'the projector with the declared result');
    // Isla's receipt is still on her screen, and her phone sent nothing again.
    expect(await isla.locator('.notice').first().textContent()).toBe(islaReceipt);
    expect(sentByIsla).toEqual([]);
    await yusuf.goto(meetingUrl);
    await expectAccessible(yusuf, 'the meeting page after the vote');

    // ---- Step 5: the resolution at its permanent public address, delivered to the NCG; the
    // NEC is named by name only, so it is recorded as not deliverable on this server.
    const { page: reader } = await screen();
    await reader.goto('/r/northfield-movement/no-confidence-in-the-leader');
    const published = await reader.locator('main').textContent();
    expect(published).toContain('calls on the Northfield Party NEC');
    expect(published).toContain('23 for, 4 against, 2 abstentions');
    expect(published).toContain('National Coordinating Group');
    await expectAccessible(reader, 'the public resolution');

    // ---- Step 6: the NCG's secretary calls the Group's meeting with its 7 days' notice, finds
    // the resolution in the inbox, acknowledges it, rules it in order and puts it on that
    // meeting's agenda; Camden sees each step.
    const { page: national } = await screen();
    await signIn(national, 'ncg.secretary@example.org');
    await national.goto(`/bodies/${nationalId}`);
    await national.getByRole('link', { name: 'Meetings' }).click();
    const ncgDay = new Date(Date.now() + 8 * DAY).toISOString().slice(0, 10);
    await national.getByLabel('Title').fill('Meeting of the Coordinating Group');
    await national.getByLabel('Date and time it starts').fill(`${ncgDay}T19:00`);
    await national.getByLabel('Place').fill('Northfield House');
    await national.getByLabel('Give notice to the members now').check();
    await national.getByRole('button', { name: 'Call the meeting' }).click();
    await national.waitForURL(/\/meetings\/[^/]+$/);
    const ncgMeetingUrl = national.url();
    await national.goto(`/bodies/${nationalId}/inbox`);
    await expectAccessible(national, 'the inbox');
    await national.getByRole('link', { name: 'No confidence in the Leader' }).click();
    await expectAccessible(national, 'a communication in the inbox');
    await national.getByRole('button', { name: 'Acknowledge receipt' }).click();
    await national.getByRole('button', { name: 'Rule in order' }).click();
    await national.getByLabel('Meeting').selectOption({ index: 1 });
    await national.getByRole('button', { name: 'Put it on the agenda as our motion' }).click();
    await reader.reload();
    expect(await reader.locator('main').textContent()).toContain('on the agenda as a motion');

    // A week later the Group meets: its secretary signs in its eight members at the chair's
    // console, opens the meeting, and the Group votes to support the demand, 7–0–1.
    offset = 8 * DAY;
    await national.goto(`${ncgMeetingUrl}/console`);
    await expectAccessible(national, 'the Group’s console before its meeting');
    await signInAtConsole(national, 8);
    expect(await national.locator('#quorum').textContent()).toContain(
      '8 of 8 members present; the quorum is 7.',
    );
    await national.getByRole('button', { name: 'Open the meeting' }).click();
    await national.getByRole('button', { name: 'Moved by its proposer' }).click();
    await national.locator('#motion-seconder').selectOption({ label: 'Owen Price' });
    await national.getByRole('button', { name: 'Seconded', exact: true }).click();
    await enterShowOfHands(national, { for: 7, against: 0, abstentions: 1 });
    await national.getByRole('button', { name: 'Declare the result' }).click();
    expect(await national.locator('#results').textContent()).toContain(
      'carried: simple majority of votes cast, 7–0, 1 abstention',
    );
    await expectAccessible(national, 'the Group’s console with its declared result');

    // The Group publishes its resolution as a model motion to every local group.
    await national.goto('/r/northfield-movement/no-confidence-in-the-leader-2');
    expect(await national.locator('main').textContent()).toContain('7 for, 0 against');
    await expectAccessible(national, 'the Group’s resolution, ready to be a model motion');
    await national
      .getByRole('button', {
        name: 'Publish as a model motion and publicise it to every body below',
      })
      .click();
    await national.waitForURL(/\/model$/);
    const modelUrl = national.url();
    expect(await national.locator('#model-counts').textContent()).toContain(
      'Publicised to 2 bodies. Adopted by 0;',
    );
    await expectAccessible(national, 'the model motion, not yet adopted');

    // Hackney's secretary adopts it with clause 6 changed; Camden's adopts it as it stands.
    const { page: hackney } = await screen();
    await signIn(hackney, 'hackney.secretary@example.org');
    await hackney.goto(`/bodies/${hackneyId}/inbox`);
    await expectAccessible(hackney, 'Hackney’s inbox with the model motion');
    await hackney
      .getByRole('row', { name: /Model motion/ })
      .getByRole('link')
      .click();
    await expectAccessible(hackney, 'the model motion in Hackney’s inbox');
    await adoptWithClause6Changed(hackney);
    // Camden's secretary signed in over a fortnight ago, so her session has run out.
    await signIn(secretary, 'camden.secretary@example.org');
    await secretary.goto(`${camden}/inbox`);
    await secretary
      .getByRole('row', { name: /Model motion/ })
      .getByRole('link')
      .click();
    await secretary.getByRole('link', { name: 'Adopt it as our motion' }).click();
    await secretary.getByRole('button', { name: 'Adopt as our motion' }).click();
    expect(await secretary.locator('#communication-state').textContent()).toContain(
      'adopted as a motion',
    );

    // The model motion shows the 2 adoptions and how Hackney's text differs.
    await national.goto(modelUrl);
    expect(await national.locator('#model-counts').textContent()).toContain(
      'Publicised to 2 bodies. Adopted by 2;',
    );
    expect(await national.locator('main').textContent()).toContain(
      'How the text of Hackney Group differs from the model',
    );
    expect(await national.locator('ins').allTextContents()).toEqual(['every member']);
    await expectAccessible(national, 'the model motion with its adoptions');
  }, 420_000);
});
