import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import type { MemoryMailer } from '../../../test/factories.ts';
import { flushOutbox, testContext } from '../../../test/factories.ts';
import { actorFor, northfield, personIdOf } from '../../../test/story.ts';
import { loadActor } from '../common/actor.ts';
import { LOCALES } from '../../domain/language.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { chooseLanguage } from '../accounts/choose-language.ts';
import { cancelMeeting } from './cancel-meeting.ts';
import { giveMeetingNotice } from './give-notice.ts';
import { importMembers } from '../organisations/import-members.ts';
import { scheduleMeeting } from './schedule-meeting.ts';

/** Notice of a meeting reaches every member of the body by email, through the outbox. */
describeEachDatabase('notice of a meeting by email', (database) => {
  async function camdenOfThree(ctx: ReturnType<typeof testContext>) {
    const story = await northfield(ctx);
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      csv: 'Name,Email\nIsla Singh,isla@example.org\nBen Mensah,ben@example.org\nCara Lund,cara@example.org',
      dryRun: false,
    });
    return story;
  }
  const outbox = (ctx: ReturnType<typeof testContext>) =>
    ctx.db.selectFrom('outbox').select(['to', 'subject']).execute();

  it('emails every member the date, time, place, agenda so far and links when notice is given', async () => {
    const ctx = testContext(database());
    const mailer = ctx.mailer as MemoryMailer;
    const { admin, camdenId } = await camdenOfThree(ctx);
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: admin,
      bodyId: camdenId,
      title: 'July general meeting',
      startsAt: '2026-07-20T18:00:00Z',
      location: 'Camden Centre, Judd Street',
    });
    // Called without notice: nobody is told yet.
    expect(await outbox(ctx)).toEqual([]);
    await addAgendaItem(ctx, { actor: admin, meetingId, title: 'Apologies' });
    await addAgendaItem(ctx, { actor: admin, meetingId, title: 'Housing campaign' });

    const given = await giveMeetingNotice(ctx, { actor: admin, meetingId });
    expect(given.notified).toBe(3);
    // Queued in the notice's own transaction, then sent by the outbox.
    expect((await outbox(ctx)).map((m) => m.to).sort()).toEqual([
      'ben@example.org',
      'cara@example.org',
      'isla@example.org',
    ]);
    await flushOutbox(ctx);
    expect(mailer.sent).toHaveLength(3);
    const isla = mailer.sent.find((m) => m.to === 'isla@example.org')!;
    expect(isla.subject).toBe('Notice of meeting: Camden Town Group, July general meeting');
    expect(isla.text).toContain('Dear Isla Singh,');
    // ICU versions differ on the comma after the weekday.
    expect(isla.text).toMatch(/When: Monday,? 20 July 2026 at 19:00 \(Europe\/London\)/);
    expect(isla.text).toMatch(/Motions must be in by Friday,? 17 July 2026 at 23:59\./);
    expect(isla.text).toContain('Where: Camden Centre, Judd Street');
    expect(isla.text).toContain('  1. Apologies\n  2. Housing campaign');
    expect(isla.text).toContain(`http://seconded.test/meetings/${meetingId}\n`);
    expect(isla.text).toContain(`http://seconded.test/meetings/${meetingId}/meeting.ics`);

    // Notice is given once: giving it again sends nothing more.
    expect((await giveMeetingNotice(ctx, { actor: admin, meetingId })).notified).toBe(0);
    await flushOutbox(ctx);
    expect(mailer.sent).toHaveLength(3);
  });

  it('emails the notice when a meeting is called with notice, and nothing when calling it is refused', async () => {
    const ctx = testContext(database());
    const { admin, camdenId } = await camdenOfThree(ctx);
    const isla = await personIdOf(ctx, 'isla@example.org');
    await expect(
      scheduleMeeting(ctx, {
        actor: await loadActor(ctx.db, isla, '2026-07-01'),
        bodyId: camdenId,
        title: 'A meeting a member may not call',
        startsAt: '2026-07-20T18:00:00Z',
        giveNotice: true,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await outbox(ctx)).toEqual([]);

    await scheduleMeeting(ctx, {
      actor: admin,
      bodyId: camdenId,
      title: 'General meeting',
      startsAt: '2026-07-20T18:00:00Z',
      giveNotice: true,
    });
    const queued = await outbox(ctx);
    expect(queued).toHaveLength(3);
    expect(queued[0]!.subject).toBe('Notice of meeting: Camden Town Group, General meeting');
    await flushOutbox(ctx);
    const text = (ctx.mailer as MemoryMailer).sent[0]!.text;
    expect(text).toContain('No business is on the agenda yet.');
    expect(text).toContain('Where: to be announced');
  });

  it('tells every member given notice that the meeting is cancelled, and nobody when no notice was given', async () => {
    const ctx = testContext(database());
    const mailer = ctx.mailer as MemoryMailer;
    const { admin, camdenId } = await camdenOfThree(ctx);
    const quiet = await scheduleMeeting(ctx, {
      actor: admin,
      bodyId: camdenId,
      title: 'A meeting nobody heard of',
      startsAt: '2026-07-20T18:00:00Z',
    });
    expect(await cancelMeeting(ctx, { actor: admin, meetingId: quiet.meetingId })).toEqual({
      notified: 0,
    });
    expect(await outbox(ctx)).toEqual([]);

    const { meetingId } = await scheduleMeeting(ctx, {
      actor: admin,
      bodyId: camdenId,
      title: 'July general meeting',
      startsAt: '2026-07-20T18:00:00Z',
      giveNotice: true,
    });
    expect(await cancelMeeting(ctx, { actor: admin, meetingId })).toEqual({ notified: 3 });
    await flushOutbox(ctx);
    const cancellations = mailer.sent.filter((m) => m.subject.startsWith('Cancelled:'));
    expect(cancellations.map((m) => m.to).sort()).toEqual([
      'ben@example.org',
      'cara@example.org',
      'isla@example.org',
    ]);
    const isla = cancellations.find((m) => m.to === 'isla@example.org')!;
    expect(isla.subject).toBe('Cancelled: Camden Town Group, July general meeting');
    expect(isla.text).toContain('has been cancelled; it will not take place');
    expect(isla.text).toMatch(/When: Monday,? 20 July 2026 at 19:00 \(Europe\/London\)/);
    expect(isla.text).toContain(`http://seconded.test/meetings/${meetingId}`);
  });

  it('writes each member the notice in the language they chose, dated in the meeting’s time zone', async () => {
    const ctx = testContext(database());
    const { admin, camdenId } = await camdenOfThree(ctx);
    const people = await ctx.db.selectFrom('people').select(['id', 'email']).execute();
    const choose = async (email: string, locale: string) =>
      chooseLanguage(ctx, {
        actor: await actorFor(ctx, people.find((p) => p.email === email)!.id),
        locale,
        offered: LOCALES,
      });
    await choose('isla@example.org', 'fr');
    await choose('ben@example.org', 'en');
    const { meetingId } = await scheduleMeeting(ctx, {
      actor: admin,
      bodyId: camdenId,
      title: 'Assemblée de juillet',
      startsAt: '2026-07-20T18:00:00Z',
      location: 'Camden Centre, Judd Street',
    });
    await addAgendaItem(ctx, { actor: admin, meetingId, title: 'Excuses' });
    await giveMeetingNotice(ctx, { actor: admin, meetingId });

    const queued = await ctx.db.selectFrom('outbox').select(['to', 'subject', 'text']).execute();
    const to = (email: string) => queued.find((m) => m.to === email)!;
    expect(to('isla@example.org').subject).toBe(
      'Convocation\u202f: Camden Town Group, Assemblée de juillet',
    );
    expect(to('isla@example.org').text).toContain('Bonjour Isla Singh,');
    expect(to('isla@example.org').text).toContain(
      'Date\u202f: lundi 20 juillet 2026 à 19:00 (Europe/London)',
    );
    expect(to('isla@example.org').text).toContain('Lieu\u202f: Camden Centre, Judd Street');
    expect(to('isla@example.org').text).toContain(
      'Les motions doivent être déposées au plus tard le vendredi 17 juillet 2026 à 23:59.',
    );
    expect(to('isla@example.org').text).toContain('Ordre du jour à ce stade\u202f:\n  1. Excuses');
    // Who chose English, and who chose nothing, read the notice in English.
    for (const email of ['ben@example.org', 'cara@example.org']) {
      expect(to(email).subject).toBe('Notice of meeting: Camden Town Group, Assemblée de juillet');
      expect(to(email).text).toMatch(/When: Monday,? 20 July 2026 at 19:00 \(Europe\/London\)/);
    }
  });
});
