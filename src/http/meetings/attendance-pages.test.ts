import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { signedIn } from '../../../test/http-client.ts';
import {
  BEN,
  CARA,
  ISLA,
  meetsAtShortNotice,
  membersWithAccounts,
  northfieldWithCamdenMembers,
  shortNoticeRules,
} from '../../../test/story.ts';
import { upsertStandingOrders } from '../../db/queries/standing-orders.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import { importMembers } from '../../app/organisations/import-members.ts';

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describeEachDatabase('attendance at the door and notice, without JavaScript', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
    // Two Sam Smiths on the register without accounts: one has a member number.
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      csv: [
        'Member number,Name,Email',
        'C-042,Sam Smith,sam.smith@example.org',
        ',Sam Smith,smithy@example.net',
        ',Amara Xu,amara@example.org',
      ].join('\n'),
      dryRun: false,
    });
    await membersWithAccounts(ctx, story.admin, story.hackneyId, [CARA]);
    await meetsAtShortNotice(ctx, story.camdenId);
    const admin = await signedIn(ctx, 'admin@example.org');
    const called = await admin.form(`/bodies/${story.camdenId}/meetings`, {
      title: 'General meeting',
      startsAt: '2026-07-01T19:00',
      timeZone: 'Europe/London',
      giveNotice: '1',
    });
    expect(called.status).toBe(303);
    const meetingPath = called.headers.get('location')!;
    const meeting = await findMeeting(ctx.db, meetingPath.split('/').pop()!);
    return { ctx, story, admin, meetingPath, code: meeting!.sign_in_code! };
  }

  it('the secretary finds members and signs in the ticked ones at once; namesakes are told apart', async () => {
    const { admin, meetingPath, code } = await setUp();
    const list = `${meetingPath}/console/attendance`;
    const console = text(await (await admin.request(`${meetingPath}/console`)).text());
    expect(console).toContain(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(console).toContain('Sign in members at the door, many at once');

    let page = text(await (await admin.request(`${list}?q=sam`)).text());
    expect(page).toContain('Sam Smith member no. C-042');
    expect(page).toContain('Sam Smith s•••@example.net');
    expect(page).not.toContain('Isla Singh');
    const html = await (await admin.request(list)).text();
    const idOf = (name: string) =>
      new RegExp(`id="p-([^"]+)"[^>]*>\\s*<label[^>]*>${name}`).exec(html)![1]!;
    const ticked = new URLSearchParams([
      ['personId', idOf('Isla Singh')],
      ['personId', idOf('Amara Xu')],
      ['personId', idOf('Sam Smith <span class="kind">member no. C-042')],
    ]);
    const sent = await admin.request(list, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://seconded.test',
      },
      body: ticked.toString(),
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(list);
    page = text(await (await admin.request(list)).text());
    expect(page).toContain('3 of 5 members present; the quorum is 2.');
    expect(page).toMatch(/Isla Singh present/);
    // Nothing ticked: refused on the page, nothing changes.
    const none = await admin.form(list, {});
    expect(none.status).toBe(400);
    expect(text(await none.text())).toContain('Tick the members to sign in.');
  });

  it('a member signs in with the code from their phone; a visitor is told they are not a member', async () => {
    const { ctx, meetingPath, code } = await setUp();
    const ben = await signedIn(ctx, BEN[0]);
    const form = text(await (await ben.request(`/join?code=${code}`)).text());
    expect(form).toContain('Sign in to a meeting');
    const wrong = await ben.form('/join', { code: code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA' });
    expect(wrong.status).toBe(404);
    expect(text(await wrong.text())).toContain('No meeting taking sign-ins has that code.');
    const done = await ben.form('/join', { code: code.toLowerCase() });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(meetingPath);
    expect(text(await (await ben.request(meetingPath)).text())).toContain('You are signed in.');

    const cara = await signedIn(ctx, CARA[0]);
    const refused = await cara.form('/join', { code });
    expect(refused.status).toBe(422);
    expect(text(await refused.text())).toContain(
      'You are not a member of Camden Town Group, so you cannot sign in to its meeting.',
    );
    // Someone not signed in to an account is sent to sign in and brought back with the code.
    const anonymous = await (
      await import('../../../test/http-client.ts')
    )
      .client(ctx)
      .request(`/join?code=${code}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(
      `/sign-in?next=${encodeURIComponent(`/join?code=${code}`)}`,
    );
  });

  it('refuses a meeting called at too short notice with the earliest date; deadlines in its time zone', async () => {
    const { ctx, story, admin } = await setUp();
    await upsertStandingOrders(ctx.db, {
      body_id: story.camdenId,
      preset: 'citrine',
      rules: JSON.stringify(
        shortNoticeRules(2, { noticeDays: 7, motionDeadlineDays: 3, emergencyMeetings: true }),
      ),
      updated_at: ctx.now().toISOString(),
    });
    const call = (fields: Record<string, string>) =>
      admin.form(`/bodies/${story.camdenId}/meetings`, {
        title: 'Branch meeting',
        startsAt: '2026-07-04T19:00',
        timeZone: 'Europe/London',
        giveNotice: '1',
        ...fields,
      });
    const refused = await call({});
    expect(refused.status).toBe(422);
    expect(text(await refused.text())).toContain(
      'The earliest lawful date is 2026-07-09. Or call it as an emergency meeting, saying why.',
    );
    const noReason = await call({ emergency: '1' });
    expect(noReason.status).toBe(400);
    expect(text(await noReason.text())).toContain('Say why it is an emergency meeting');
    const emergency = await call({ emergency: '1', emergencyReason: 'Eviction notices.' });
    expect(emergency.status).toBe(303);

    const later = await call({ startsAt: '2026-07-10T19:00' });
    expect(later.status).toBe(303);
    const page = text(await (await admin.request(later.headers.get('location')!)).text());
    // Three days before 10 July: the end of 7 July in London, 23:59 BST (22:59 UTC).
    expect(page).toMatch(/Motions must be in by 7 July 2026 at 23:59 \(Europe\/London\)\./);
  });
});
