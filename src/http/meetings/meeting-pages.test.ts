import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { signedIn } from '../../../test/http-client.ts';
import { BEN, ISLA, meetsAtShortNotice, northfieldWithCamdenMembers } from '../../../test/story.ts';
import { importMembers } from '../../app/organisations/import-members.ts';

describeEachDatabase('meeting pages', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
    // Amara is on the register without an account: she sends her apologies.
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      csv: 'Name,Email\nAmara Xu,amara@example.org',
      dryRun: false,
    });
    await meetsAtShortNotice(ctx, story.camdenId);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    const ben = await signedIn(ctx, 'ben@example.org');
    return { ctx, ...story, admin, isla, ben };
  }

  it('drafts a motion clause by clause, runs the meeting from the console and drafts the minutes, without JavaScript', async () => {
    const { camdenId, admin, isla, ben } = await setUp();
    // The secretary calls a meeting for this evening (local time, Europe/London), with notice.
    const called = await admin.form(`/bodies/${camdenId}/meetings`, {
      title: 'July general meeting',
      startsAt: '2026-07-01T13:30',
      location: 'Camden Centre',
      timeZone: 'Europe/London',
      giveNotice: '1',
      // Called today: at short notice, under the emergency rule the Citrine preset allows.
      emergency: '1',
      emergencyReason: 'The council votes on the estate tomorrow.',
    });
    expect(called.status).toBe(303);
    const meetingPath = called.headers.get('location')!;
    const meetingId = meetingPath.split('/').pop()!;
    const list = await (await isla.request(`/bodies/${camdenId}/meetings`)).text();
    expect(list).toContain('July general meeting');
    const ics = await isla.request(`${meetingPath}/meeting.ics`);
    expect(await ics.text()).toContain('DTSTART:20260701T123000Z');
    const feed = await (await isla.request(`/bodies/${camdenId}/meetings.ics`)).text();
    expect(feed).toContain('X-WR-CALNAME:Camden Town Group meetings');

    // Isla drafts a motion: add, reorder and remove clauses with buttons.
    const drafted = await isla.form(`/bodies/${camdenId}/motions`, {
      title: 'Housing',
      meetingId,
    });
    expect(drafted.status).toBe(303);
    const motionPath = drafted.headers.get('location')!;
    let editor = await (await isla.request(motionPath)).text();
    expect(editor).toContain('Clause 1');
    const fields = (clauses: [string, string][]) =>
      Object.fromEntries(
        clauses.flatMap(([kind, text], i) => [
          [`clauses.${i}.kind`, kind],
          [`clauses.${i}.text`, text],
        ]),
      );
    expect(
      (
        await isla.form(motionPath, {
          title: 'Housing',
          ...fields([['notes', 'rents rose']]),
          op: 'add',
        })
      ).status,
    ).toBe(303);
    editor = await (await isla.request(motionPath)).text();
    expect(editor).toContain('Clause 2');
    await isla.form(motionPath, {
      title: 'Housing',
      ...fields([
        ['resolves', 'to campaign for rent control'],
        ['notes', 'that rents rose'],
      ]),
      op: 'down:0',
    });
    editor = await (await isla.request(motionPath)).text();
    expect(editor.indexOf('that rents rose')).toBeLessThan(editor.indexOf('to campaign'));
    await isla.form(motionPath, {
      title: 'Housing',
      ...fields([
        ['notes', 'that rents rose'],
        ['resolves', 'to campaign for rent control'],
        ['believes', 'nothing'],
      ]),
      op: 'remove:2',
    });
    editor = await (await isla.request(motionPath)).text();
    expect(editor).not.toContain('nothing');
    // Submitting without an operative clause is refused with the problem shown.
    const incomplete = await isla.form(motionPath, {
      title: 'Housing',
      ...fields([['notes', 'that rents rose']]),
      op: 'submit',
    });
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('at least one operative clause');
    // Ben seconds it; Isla submits it.
    expect((await ben.form(`${motionPath}/second`, {})).status).toBe(303);
    const submitted = await isla.form(motionPath, {
      title: 'Housing',
      ...fields([
        ['notes', 'that rents rose'],
        ['resolves', 'to campaign for rent control'],
      ]),
      op: 'submit',
    });
    expect(submitted.status).toBe(303);
    const motionId = motionPath.split('/').pop()!;

    // On the agenda; Isla signs herself in; the chair signs Ben in and opens the meeting.
    expect((await admin.form(`${meetingPath}/agenda`, { motionId })).status).toBe(303);
    expect((await isla.form(`${meetingPath}/sign-in`, {})).status).toBe(303);
    const benId = /id="p-([^"]+)"[^>]*>\s*<label[^>]*>Ben Mensah/.exec(
      await (await admin.request(`${meetingPath}/console/attendance?q=ben`)).text(),
    )![1]!;
    await admin.form(`${meetingPath}/console/attendance`, { personId: benId });
    const opened = await admin.form(`${meetingPath}/console/open`, {});
    expect(opened.status, await opened.clone().text()).toBe(303);
    let console = await (await admin.request(`${meetingPath}/console`)).text();
    expect(console).toContain('2 of 3 members present; the quorum is 2.');
    expect(console).toContain('Moved by its proposer');
    // A member cannot use the console's steps.
    expect((await ben.form(`${meetingPath}/console/put`, { motionId })).status).toBe(403);

    await admin.form(`${meetingPath}/console/motion-step`, { motionId, type: 'move' });
    console = await (await admin.request(`${meetingPath}/console`)).text();
    expect(console).toContain('Seconded');
    expect(console).not.toContain('Put the question');
    await admin.form(`${meetingPath}/console/motion-step`, { motionId, type: 'second', by: benId });
    console = await (await admin.request(`${meetingPath}/console`)).text();
    expect(console).toContain('The question before the meeting: the motion');
    expect(console).toContain('notes that rents rose');
    // Members see the question before the meeting and the text on the meeting page.
    const memberView = await (await ben.request(meetingPath)).text();
    expect(memberView).toContain('The question before the meeting: the motion');
    expect(memberView).toContain('resolves to campaign for rent control');
    // Put to a roll call: the console asks each member present for their answer by name.
    await admin.form(`${meetingPath}/console/put`, { motionId, mode: 'roll-call' });
    console = await (await admin.request(`${meetingPath}/console`)).text();
    const questionId = /name="questionId" value="([^"]+)"/.exec(console)![1]!;
    expect(console).toContain('<legend>Isla Singh</legend>');
    const islaId = [...console.matchAll(/name="choice\.([^"]+)"/g)]
      .map((m) => m[1]!)
      .find((id) => id !== benId)!;
    const stranger = await admin.form(`${meetingPath}/console/vote`, {
      questionId,
      mode: 'roll-call',
      'choice.not-a-member': 'for',
    });
    expect(stranger.status).toBeGreaterThanOrEqual(400);
    expect(stranger.status).toBeLessThan(500);
    await admin.form(`${meetingPath}/console/vote`, {
      questionId,
      mode: 'roll-call',
      [`choice.${islaId}`]: 'for',
      [`choice.${benId}`]: 'for',
    });
    console = await (await admin.request(`${meetingPath}/console`)).text();
    expect(console).toContain('carried: simple majority of votes cast, 2–0, no abstentions');
    const asked = await (await admin.form(`${meetingPath}/console/close`, {})).text();
    expect(asked).toContain('Close the meeting?');
    expect((await admin.form(`${meetingPath}/console/close`, { confirm: 'yes' })).status).toBe(303);

    // The minutes: drafted, edited by the secretary.
    const minutes = await (await admin.request(`${meetingPath}/minutes`)).text();
    expect(minutes).toContain('Draft: not yet approved');
    expect(minutes).toContain('Isla Singh moved the motion “Housing”, seconded by Ben Mensah.');
    const saved = await admin.form(`${meetingPath}/minutes`, {
      's.0.new': 'Apologies were received from Amara Xu.',
    });
    expect(saved.status).toBe(303);
    expect(await (await isla.request(`${meetingPath}/minutes`)).text()).toContain(
      'Apologies were received from Amara Xu.',
    );
  });
});
