import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { flushOutbox, testContext, type MemoryMailer } from '../../../test/factories.ts';
import { api, client, signedIn } from '../../../test/http-client.ts';
import { northfield } from '../../../test/story.ts';
import { giveMeetingNotice } from '../../app/meetings/give-notice.ts';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.ts';
import { importMembers } from '../../app/organisations/import-members.ts';

/**
 * A member chooses which emails they get: every notice carries the one-click address that stops
 * its kind (List-Unsubscribe, RFC 8058), which works from a mail program without signing in; its
 * page lets them choose; and what they turned off is not sent again.
 */
describeEachDatabase('which emails a member gets', (database) => {
  async function camdenOfThree(ctx: ReturnType<typeof testContext>) {
    const story = await northfield(ctx);
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      csv: 'Name,Email\nIsla Singh,isla@example.org\nBen Mensah,ben@example.org\nCara Lund,cara@example.org',
      dryRun: false,
    });
    const notice = async (title: string) => {
      const { meetingId } = await scheduleMeeting(ctx, {
        actor: story.admin,
        bodyId: story.camdenId,
        title,
        startsAt: '2026-07-20T18:00:00Z',
      });
      return giveMeetingNotice(ctx, { actor: story.admin, meetingId });
    };
    return { ...story, notice };
  }
  const queuedTo = async (ctx: ReturnType<typeof testContext>, subject: string) =>
    (
      await ctx.db
        .selectFrom('outbox')
        .select(['to', 'list_unsubscribe'])
        .where('subject', 'like', `%${subject}%`)
        .orderBy('to')
        .execute()
    ).map((m) => m.to);

  it('stops notices of meetings in one click from the mail program, and no other kind', async () => {
    const ctx = testContext(database());
    const { notice } = await camdenOfThree(ctx);
    await notice('July general meeting');
    const isla = await ctx.db
      .selectFrom('outbox')
      .select('list_unsubscribe')
      .where('to', '=', 'isla@example.org')
      .executeTakeFirstOrThrow();
    const oneClick = isla.list_unsubscribe!;
    expect(oneClick).toMatch(/^http:\/\/seconded\.test\/mail\/[\w-]{20,}\/unsubscribe\/meetings$/);

    // The message as sent says it, in the headers mail programs read.
    await flushOutbox(ctx);
    const sent = (ctx.mailer as MemoryMailer).sent.find((m) => m.to === 'isla@example.org')!;
    expect(sent.listUnsubscribe).toBe(oneClick);

    const web = client(ctx);
    const path = new URL(oneClick).pathname;
    // Opened in a browser (or by a link scanner) it shows the settings and changes nothing.
    const opened = await web.request(path);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    expect(await opened.text()).toContain('Isla, choose which of Seconded');
    await notice('August general meeting');
    expect(await queuedTo(ctx, 'August')).toEqual([
      'ben@example.org',
      'cara@example.org',
      'isla@example.org',
    ]);

    // The mail provider posts it from its own servers: no Origin, no cookie.
    const stopped = await web.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(stopped.status).toBe(303);
    const given = await notice('September general meeting');
    expect(given.notified).toBe(2);
    expect(await queuedTo(ctx, 'September')).toEqual(['ben@example.org', 'cara@example.org']);
    const page = await (await web.request(path)).text();
    expect(page).toMatch(/id="mail-meetings"(?![^>]*checked)/);
    expect(page).toMatch(/id="mail-ballots"[^>]*checked/);
  });

  it('saves the choices made on the page, from the account or the address, and refuses a made-up one', async () => {
    const ctx = testContext(database());
    const { notice } = await camdenOfThree(ctx);
    await notice('July general meeting');
    const { list_unsubscribe } = await ctx.db
      .selectFrom('outbox')
      .select('list_unsubscribe')
      .where('to', '=', 'ben@example.org')
      .executeTakeFirstOrThrow();
    const settings = new URL(list_unsubscribe!).pathname.replace(/\/unsubscribe\/\w+$/, '');
    const web = client(ctx);
    // Only ballots ticked: notices of meetings and communications are turned off.
    const saved = await web.form(settings, { on: 'ballots' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${settings}?saved=1`);
    expect(await (await web.request(`${settings}?saved=1`)).text()).toContain('Saved:');
    await notice('August general meeting');
    expect(await queuedTo(ctx, 'August')).toEqual(['cara@example.org', 'isla@example.org']);
    // Ticked again, the notices come back.
    await web.form(settings, { on: 'meetings' });
    await notice('September general meeting');
    expect(await queuedTo(ctx, 'September')).toHaveLength(3);

    // A form from another site is refused as any other; a made-up token is not found, and a
    // made-up kind is refused.
    expect((await web.form(settings, { on: 'ballots' }, 'https://evil.example')).status).toBe(403);
    expect((await web.request('/mail/not-a-token')).status).toBe(404);
    expect(
      (
        await web.request(`${settings}/unsubscribe/everything`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        })
      ).status,
    ).toBe(400);
    // Signed out, the account's link asks to sign in first.
    expect((await web.request('/account/mail')).status).toBe(303);
  });

  it('reads and changes my own choices through the API', async () => {
    const ctx = testContext(database());
    await camdenOfThree(ctx);
    const me = api(await signedIn(ctx, 'admin@example.org'));
    const all = await me('GET', '/me/mail');
    expect(all.body.kinds).toEqual([
      { kind: 'meetings', on: true },
      { kind: 'ballots', on: true },
      { kind: 'communications', on: true },
    ]);
    const put = await me('PUT', '/me/mail', { on: ['ballots', 'meetings'] });
    expect(put.body.kinds.map((k: { on: boolean }) => k.on)).toEqual([true, true, false]);
    const stopped = await me('POST', '/me/mail/stop', { kind: 'ballots' });
    expect(stopped.body.kinds.map((k: { on: boolean }) => k.on)).toEqual([true, false, false]);
    expect((await me('POST', '/me/mail/stop', { kind: 'everything' })).status).toBe(400);
  });
});
