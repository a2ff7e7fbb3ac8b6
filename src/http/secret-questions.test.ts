import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { client } from '../../test/http-client.ts';
import { northfield, personWithAccount } from '../../test/story.ts';
import { importMembers } from '../app/import-members.ts';
import { presetStandingOrders } from '../domain/standing-orders.ts';

/**
 * A motion of no confidence, where the standing orders make such questions secret: the question
 * is never put in the room (SECRET_BALLOT_REQUIRED); the console sends the chair to a ballot.
 */
describeEachDatabase('secret questions', (database) => {
  it('refuses to put a no-confidence question in the room when the standing orders make it secret', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const { camdenId } = story;
    await personWithAccount(ctx, 'isla@example.org', { name: 'Isla Singh' });
    await personWithAccount(ctx, 'ben@example.org', { name: 'Ben Mensah' });
    await importMembers(ctx, {
      actor: story.admin,
      bodyId: camdenId,
      csv: 'Name,Email\nIsla Singh,isla@example.org\nBen Mensah,ben@example.org',
      dryRun: false,
    });
    const signedIn = async (email: string) => {
      const who = client(ctx);
      await who.form('/sign-in', { email, password: 'correct horse battery' });
      return who;
    };
    const admin = await signedIn('admin@example.org');
    const isla = await signedIn('isla@example.org');
    const ben = await signedIn('ben@example.org');
    const api = (who: typeof admin) => async (method: string, path: string, body?: unknown) => {
      const res = await who.json(method, `/api/v1${path}`, body);
      return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const secretary = api(admin);
    const rules = {
      ...presetStandingOrders('citrine'),
      quorum: { kind: 'count', members: 2 },
      noticeDays: 0,
      motionDeadlineDays: 0,
      secretQuestions: ['elections', 'no-confidence'],
    };
    expect((await secretary('PUT', `/bodies/${camdenId}/standing-orders`, rules)).status).toBe(200);
    const called = await secretary('POST', `/bodies/${camdenId}/meetings`, {
      title: 'Special general meeting',
      startsAt: new Date(ctx.now().getTime() + 3_600_000).toISOString(),
      giveNotice: true,
    });
    const meetingId = called.body.meetingId as string;
    const drafted = await api(isla)('POST', `/bodies/${camdenId}/motions`, {
      meetingId,
      title: 'No confidence in the Treasurer',
      secretKind: 'no-confidence',
      clauses: [{ kind: 'resolves', text: 'that this branch has no confidence in the Treasurer' }],
    });
    expect(drafted.status).toBe(201);
    const motionId = drafted.body.motionId as string;
    expect((await api(isla)('GET', `/motions/${motionId}`)).body.secretKind).toBe('no-confidence');
    const editor = await (await isla.request(`/motions/${motionId}`)).text();
    expect(editor).toContain('name="secretKind"');
    expect(editor).toContain('A motion of no confidence');
    expect((await api(ben)('POST', `/motions/${motionId}/second`)).status).toBe(200);
    expect((await api(isla)('POST', `/motions/${motionId}/submit`)).status).toBe(200);
    expect((await secretary('POST', `/meetings/${meetingId}/agenda`, { motionId })).status).toBe(
      201,
    );
    await api(isla)('POST', `/meetings/${meetingId}/attendance`, {});
    await api(ben)('POST', `/meetings/${meetingId}/attendance`, {});
    expect((await secretary('POST', `/meetings/${meetingId}/open`)).body.ok).toBe(true);
    expect(
      (await api(isla)('POST', `/motions/${motionId}/steps`, { type: 'move' })).body.status,
    ).toBe('moved');
    expect(
      (await api(ben)('POST', `/motions/${motionId}/steps`, { type: 'second' })).body.status,
    ).toBe('seconded');

    // Not in the room: a clear code, and the motion is still before the meeting.
    const refused = await secretary('POST', `/motions/${motionId}/question`, {
      mode: 'show-of-hands',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, error: 'SECRET_BALLOT_REQUIRED' });
    expect((await api(isla)('GET', `/motions/${motionId}`)).body.status).toBe('seconded');
    const view = await secretary('GET', `/meetings/${meetingId}`);
    expect(view.body.current).toMatchObject({ secretKind: 'no-confidence', secretBallot: true });

    // The console offers no vote in the room, and sends the chair to a secret ballot.
    const consoleHtml = await (await admin.request(`/meetings/${meetingId}/console`)).text();
    expect(consoleHtml).toContain('Draft a secret ballot for it');
    expect(consoleHtml).toContain(`href="/bodies/${camdenId}/ballots"`);
    expect(consoleHtml).not.toContain('Put the question (show of hands)');
    const byForm = await admin.form(`/meetings/${meetingId}/console/put`, {
      motionId,
      mode: 'show-of-hands',
    });
    expect(byForm.status).toBe(409);

    // Standing orders that do not make it secret let the question be put in the room.
    await secretary('PUT', `/bodies/${camdenId}/standing-orders`, {
      ...rules,
      secretQuestions: ['elections'],
    });
    const put = await secretary('POST', `/motions/${motionId}/question`, { mode: 'show-of-hands' });
    expect(put.status).toBe(201);
  });
});
