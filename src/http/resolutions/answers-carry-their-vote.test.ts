import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { movableContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import {
  actorFor,
  carriedResolution,
  personIdOf,
  membersWithAccounts,
  noConfidenceClauses,
  northfield,
} from '../../../test/story.ts';
import { decrypt, setUpKeys, vote } from '../../../test/e2e-devices.ts';
import { listOutbox } from '../../db/queries/outbox.ts';
import { runBallotTimetable } from '../../app/ballots/ballot-timetable.ts';
import { closeE2eBallot } from '../../app/ballots/close-e2e-ballot.ts';
import { openE2eBallot } from '../../app/ballots/open-e2e-ballot.ts';
import { assignRole } from '../../app/organisations/assign-role.ts';
import { createOrganisation } from '../../app/organisations/create-organisation.ts';
import { importMembers } from '../../app/organisations/import-members.ts';

/**
 * DESIGN.md section 2, step 7, with the answer carrying its vote (issue 16): the Northfield
 * Party NEC receives Camden's resolution, rules it in order and puts it to a secret ballot of
 * its members; they vote, the ballot closes, and Camden's resolution page shows the NEC's
 * figures and rule, with nobody typing them in. An outcome recorded by hand needs a reason and
 * says so. Through the API and the pages (forms without JavaScript), on both databases.
 */

const NEC_MEMBERS = [
  ['nec.secretary@example.org', 'Nadia Secretary'],
  ['nec.one@example.org', 'Omar One'],
  ['nec.two@example.org', 'Tess Two'],
  ['nec.three@example.org', 'Theo Three'],
  ['nec.four@example.org', 'Fay Four'],
] as const;

describeEachDatabase('answers carry their vote (DESIGN.md §2, step 7)', (database) => {
  /** Camden's resolution of no confidence, carried and delivered; the NEC's secretary signed in. */
  async function delivered() {
    const ctx = movableContext(database());
    const story = await northfield(ctx);
    const party = await createOrganisation(ctx, {
      actor: story.admin,
      name: 'Northfield Party',
      topBodyName: 'National Executive Committee',
      preset: 'citrine',
    });
    const admin = await actorFor(ctx, story.adminId);
    await membersWithAccounts(ctx, admin, party.topBodyId, NEC_MEMBERS);
    await assignRole(ctx, {
      actor: admin,
      bodyId: party.topBodyId,
      email: NEC_MEMBERS[0][0],
      role: 'secretary',
      holds: true,
    });
    // The administrator drafts Camden's motion as one of its members.
    await importMembers(ctx, {
      actor: admin,
      bodyId: story.camdenId,
      csv: 'Name,Email\nAda Admin,admin@example.org',
      dryRun: false,
    });
    const { resolutionId } = await carriedResolution(ctx, {
      actor: await actorFor(ctx, story.adminId),
      bodyId: story.camdenId,
      text: {
        title: 'No confidence in the Leader',
        clauses: noConfidenceClauses({ necId: party.topBodyId, nationalId: story.nationalId }),
      },
    });
    ctx.setNow('2026-07-10T09:00:00Z');
    const browser = await signedIn(ctx, NEC_MEMBERS[0][0]);
    const secretary = api(browser);
    const inbox = await secretary('GET', `/bodies/${party.topBodyId}/inbox`);
    expect(inbox.status).toBe(200);
    const communicationId = inbox.body.items[0].id as string;
    const reader = api(await signedIn(ctx, 'admin@example.org'));
    /** Camden's delivery to the NEC, as anyone reads it on the resolution. */
    const delivery = async () => {
      const view = await reader('GET', `/resolutions/${resolutionId}`);
      expect(view.status).toBe(200);
      return view.body.deliveries.find((d: { addressee: string }) =>
        d.addressee.includes('NEC'),
      ) as {
        status: string;
        history: { status: string; note: string | null; written: unknown }[];
      };
    };
    return { ctx, party, secretary, browser, communicationId, resolutionId, delivery };
  }

  it('puts it to a secret ballot of the NEC; the close sends the figures and rule to Camden', async () => {
    const { ctx, party, secretary, browser, communicationId, delivery } = await delivered();
    const ruled = await secretary('POST', `/communications/${communicationId}/answers`, {
      type: 'rule',
      inOrder: true,
    });
    expect(ruled.body).toMatchObject({ status: 'ruled-in' });
    // The page offers the ballot, a form that works without JavaScript.
    const form = await (await browser.request(`/communications/${communicationId}`)).text();
    expect(form).toContain(`action="/communications/${communicationId}/ballot"`);
    expect(form).toContain('Put it to a ballot of our members');
    // Beside it, the agenda: one of the NEC's meetings, none yet, or a link to call one.
    expect(form).toContain(`action="/communications/${communicationId}/agenda"`);
    expect(form).toContain(`href="/bodies/${party.topBodyId}/meetings"`);

    const put = await secretary('POST', `/communications/${communicationId}/ballot`, {
      secret: true,
    });
    expect(put).toMatchObject({ status: 201, body: { status: 'balloting' } });
    const { motionId, ballotId } = put.body as { motionId: string; ballotId: string };
    const seen = await secretary('GET', `/communications/${communicationId}`);
    expect(seen.body).toMatchObject({
      status: 'balloting',
      motion: { id: motionId, status: 'question-put' },
      ballot: { id: ballotId, state: 'draft', secret: true },
    });
    expect((await delivery()).status).toBe('balloting');
    // The ballot is a yes/no ballot of the NEC's members on its own motion, under its rules.
    const ballot = await secretary('GET', `/ballots/${ballotId}`);
    expect(ballot.body).toMatchObject({ kind: 'yes-no', secret: true });

    expect((await secretary('POST', `/ballots/${ballotId}/open`)).status).toBe(200);
    const choices = ['for', 'for', 'for', 'against', 'abstain'];
    for (const [i, [email]] of NEC_MEMBERS.entries()) {
      const voter = api(await signedIn(ctx, email));
      expect(
        (await voter('POST', `/ballots/${ballotId}/votes`, { choice: choices[i] })).status,
      ).toBe(201);
    }
    // Before the close, the sender sees only that it is being balloted on.
    expect((await delivery()).status).toBe('balloting');
    ctx.setNow('2026-07-12T09:00:00Z');
    expect((await secretary('POST', `/ballots/${ballotId}/close`)).status).toBe(200);

    // The NEC's own motion is decided by the ballot ...
    const motion = await secretary('GET', `/motions/${motionId}`);
    expect(motion.body.status).toBe('carried');
    const motionPage = await browser.request(`/motions/${motionId}`);
    expect(motionPage.status).toBe(200);
    // ... and Camden's resolution shows the NEC's figures and rule, with no hand typing them.
    const declared = 'carried: simple majority of votes cast, 3–1, 1 abstention';
    const toNec = await delivery();
    expect(toNec.status).toBe('carried');
    expect(toNec.history.map((h) => h.status)).toEqual([
      'sent',
      'ruled-in',
      'balloting',
      'carried',
    ]);
    expect(toNec.history.at(-1)!.note).toContain(declared);
    expect(toNec.history.at(-1)!.note).not.toContain('recorded by hand');
    const html = await (
      await browser.request('/r/northfield-movement/no-confidence-in-the-leader')
    ).text();
    expect(html).toContain(declared);
    // The NEC, having carried it, has its own resolution.
    const necResolutions = await secretary('GET', `/bodies/${party.topBodyId}/resolutions`);
    expect(necResolutions.body.resolutions).toHaveLength(1);
  });

  it('puts it to a ballot through the page form, which closes by its own timetable', async () => {
    const { ctx, browser, secretary, communicationId, delivery } = await delivered();
    await secretary('POST', `/communications/${communicationId}/answers`, {
      type: 'rule',
      inOrder: true,
    });
    // Opening at noon and closing at 6 p.m. the next day, London time (BST, UTC+1).
    const posted = await browser.form(`/communications/${communicationId}/ballot`, {
      weighted: '',
      opensAt: '2026-07-10T12:00',
      closesAt: '2026-07-11T18:00',
      timeZone: 'Europe/London',
    });
    expect(posted.status).toBe(303);
    const seen = await secretary('GET', `/communications/${communicationId}`);
    // An open ballot: the form's box for a secret ballot was not ticked.
    expect(seen.body).toMatchObject({
      status: 'balloting',
      ballot: { state: 'draft', secret: false },
    });
    const page = await (await browser.request(`/communications/${communicationId}`)).text();
    expect(page).toContain(`href="/ballots/${seen.body.ballot.id}"`);
    const ballotId = seen.body.ballot.id as string;
    const timetable = () => runBallotTimetable(ctx, { reminderBeforeMs: 0 });
    ctx.setNow('2026-07-10T11:00:01Z');
    expect(await timetable()).toMatchObject({ opened: 1 });
    const voter = api(await signedIn(ctx, NEC_MEMBERS[1][0]));
    expect((await voter('POST', `/ballots/${ballotId}/votes`, { choice: 'against' })).status).toBe(
      201,
    );
    // Its closing time passes: the timetable closes it, and the motion is decided with it.
    ctx.setNow('2026-07-11T17:00:01Z');
    expect(await timetable()).toMatchObject({ closed: 1 });
    const toNec = await delivery();
    expect(toNec.status).toBe('lost');
    expect(toNec.history.at(-1)!.note).toContain('lost: simple majority of votes cast, 0–1');
  });

  it('puts it to an end-to-end ballot with key holders; its declared count sends the figures and rule to Camden', async () => {
    const { ctx, secretary, browser, communicationId, delivery } = await delivered();
    await secretary('POST', `/communications/${communicationId}/answers`, {
      type: 'rule',
      inOrder: true,
    });
    // The form offers it, with the key holders to name.
    const form = await (await browser.request(`/communications/${communicationId}`)).text();
    expect(form).toContain('name="endToEnd"');
    expect(form).toContain('name="trustees"');
    const path = `/communications/${communicationId}/ballot`;
    // No key holders, or opening it before they have made their keys: refused, nothing changes.
    const before = await delivery();
    for (const refused of [
      { endToEnd: true },
      { endToEnd: true, trustees: [NEC_MEMBERS[1][0]] },
      { endToEnd: true, trustees: [NEC_MEMBERS[1][0], NEC_MEMBERS[2][0]], openNow: true },
    ])
      expect(await secretary('POST', path, refused)).toMatchObject({
        status: 400,
        body: { error: 'VALIDATION_FAILED' },
      });
    expect(await delivery()).toEqual(before);

    const holdersEmails = [NEC_MEMBERS[1][0], NEC_MEMBERS[2][0]];
    const put = await secretary('POST', path, { endToEnd: true, trustees: holdersEmails });
    expect(put).toMatchObject({ status: 201, body: { status: 'balloting', ballotState: 'draft' } });
    const { motionId, ballotId } = put.body as { motionId: string; ballotId: string };
    const actorOf = async (email: string) => actorFor(ctx, await personIdOf(ctx, email));
    const holders = await Promise.all(holdersEmails.map(actorOf));
    const officer = await actorOf(NEC_MEMBERS[0][0]);
    const shares = await setUpKeys(ctx, ballotId, holders);
    await openE2eBallot(ctx, { actor: officer, ballotId });
    // 0 for, 1 against, 2 abstain, sealed on each voter's device.
    const choices = [0, 0, 0, 1, 2];
    for (const [i, [email]] of NEC_MEMBERS.entries())
      await vote(ctx, await actorOf(email), ballotId, choices[i]!);
    await closeE2eBallot(ctx, { actor: officer, ballotId });
    // Closed but not yet counted: the motion waits for the key holders.
    expect((await delivery()).status).toBe('balloting');
    for (const [i, holder] of holders.entries()) await decrypt(ctx, holder, ballotId, shares[i]!);

    expect((await secretary('GET', `/motions/${motionId}`)).body.status).toBe('carried');
    const toNec = await delivery();
    expect(toNec.status).toBe('carried');
    expect(toNec.history.at(-1)!.note).toContain(
      'carried: simple majority of votes cast, 3–1, 1 abstention',
    );
    // Each of the NEC's electors is emailed the count, as after a plain ballot.
    const results = (await listOutbox(ctx.db)).filter((m) => m.subject.startsWith('Result: '));
    expect(results.map((m) => m.to).sort()).toEqual(NEC_MEMBERS.map(([email]) => email).sort());
  });

  it('opens the ballot at once when asked on the page form, and refuses a time as well', async () => {
    const { ctx, secretary, browser, communicationId } = await delivered();
    await secretary('POST', `/communications/${communicationId}/answers`, {
      type: 'rule',
      inOrder: true,
    });
    const form = await (await browser.request(`/communications/${communicationId}`)).text();
    expect(form).toContain('name="openNow"');
    // Open now and at a time: one or the other.
    const both = await secretary('POST', `/communications/${communicationId}/ballot`, {
      openNow: true,
      opensAt: '2026-07-11T12:00',
      timeZone: 'Europe/London',
    });
    expect(both).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    const posted = await browser.form(`/communications/${communicationId}/ballot`, {
      secret: '1',
      openNow: '1',
    });
    expect(posted.status).toBe(303);
    const seen = await secretary('GET', `/communications/${communicationId}`);
    expect(seen.body).toMatchObject({ status: 'balloting', ballot: { state: 'open' } });
    // Every member may vote at once.
    const voter = api(await signedIn(ctx, NEC_MEMBERS[3][0]));
    expect(
      (await voter('POST', `/ballots/${seen.body.ballot.id}/votes`, { choice: 'for' })).status,
    ).toBe(201);
  });

  it('opens the ballot at once through the API, telling how many may vote', async () => {
    const { secretary, communicationId } = await delivered();
    await secretary('POST', `/communications/${communicationId}/answers`, {
      type: 'rule',
      inOrder: true,
    });
    const put = await secretary('POST', `/communications/${communicationId}/ballot`, {
      openNow: true,
    });
    expect(put).toMatchObject({
      status: 201,
      body: { status: 'balloting', ballotState: 'open', electorate: NEC_MEMBERS.length },
    });
  });

  it('refuses an outcome recorded by hand without a reason; with one, Camden sees it was by hand', async () => {
    const { browser, secretary, communicationId, delivery } = await delivered();
    await secretary('POST', `/communications/${communicationId}/answers`, {
      type: 'rule',
      inOrder: true,
    });
    const before = await delivery();
    for (const reason of [undefined, '   ']) {
      const refused = await secretary('POST', `/communications/${communicationId}/answers`, {
        type: 'record-outcome',
        outcome: 'noted',
        ...(reason === undefined ? {} : { reason }),
      });
      expect(refused).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    }
    // The form says what is missing, at its field; and nothing changed.
    const form = await browser.form(`/communications/${communicationId}/answers`, {
      type: 'record-outcome',
      outcome: 'noted',
      reason: '',
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Say why it is recorded by hand.');
    expect(await delivery()).toEqual(before);

    const recorded = await secretary('POST', `/communications/${communicationId}/answers`, {
      type: 'record-outcome',
      outcome: 'noted',
      reason: 'Noted by the officers on 11 July; the NEC does not meet until September.',
    });
    expect(recorded).toMatchObject({ status: 200, body: { status: 'noted' } });
    const toNec = await delivery();
    expect(toNec.status).toBe('noted');
    const said =
      'recorded by hand: Noted by the officers on 11 July; the NEC does not meet until September.';
    expect(toNec.history.at(-1)!.note).toBe(said);
    const html = await (
      await browser.request('/r/northfield-movement/no-confidence-in-the-leader')
    ).text();
    expect(html).toContain(said);
    // In French too.
    const french = await (
      await browser.request('/r/northfield-movement/no-confidence-in-the-leader', {
        headers: { 'accept-language': 'fr' },
      })
    ).text();
    // (French sets a narrow no-break space before the colon.)
    expect(french).toMatch(/enregistré à la main\s:\sNoted by the officers/);
  });
});
