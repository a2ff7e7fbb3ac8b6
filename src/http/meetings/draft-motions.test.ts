import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import { BEN, ISLA, membersWithAccounts, northfield } from '../../../test/story.ts';

/**
 * A draft motion is listed only to its proposer, its seconder and those who run the body's
 * meetings, and readable by members of the body who have its link; once submitted, every member
 * of the body sees it listed.
 */
describeEachDatabase('draft motions', (database) => {
  it('are listed only to the proposer, the seconder and those who run meetings, and read by link within the body, until submitted', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const { camdenId } = story;
    await membersWithAccounts(ctx, story.admin, story.hackneyId, [
      ['hal@example.org', 'Hal Byrne'],
    ]);
    await membersWithAccounts(ctx, story.admin, camdenId, [
      ISLA,
      BEN,
      ['amara@example.org', 'Amara Xu'],
    ]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    const ben = await signedIn(ctx, 'ben@example.org');
    const amara = await signedIn(ctx, 'amara@example.org');

    const called = await api(admin)('POST', `/bodies/${camdenId}/meetings`, {
      title: 'July general meeting',
      startsAt: new Date(ctx.now().getTime() + 30 * 86_400_000).toISOString(),
    });
    const meetingId = called.body.meetingId as string;
    const drafted = await api(isla)('POST', `/bodies/${camdenId}/motions`, {
      meetingId,
      title: 'Housing',
      clauses: [{ kind: 'resolves', text: 'to campaign for council housing' }],
    });
    expect(drafted.status).toBe(201);
    const motionId = drafted.body.motionId as string;
    const listed = async (who: typeof admin) =>
      ((await api(who)('GET', `/bodies/${camdenId}/motions`)).body.motions as { id: string }[])
        .map((m) => m.id)
        .includes(motionId);
    const inMeeting = async (who: typeof admin) =>
      ((await api(who)('GET', `/meetings/${meetingId}`)).body.motions as { id: string }[])
        .map((m) => m.id)
        .includes(motionId);

    // Another member of the body: the draft is in no list; with its link they can read it
    // (that is how a proposer asks for a seconder), but not change it.
    expect(await listed(amara)).toBe(false);
    expect((await api(amara)('GET', `/motions/${motionId}`)).status).toBe(200);
    const asked = await (await amara.request(`/motions/${motionId}`)).text();
    expect(asked).toContain(`action="/motions/${motionId}/second"`);
    // Someone outside the body: the draft does not exist.
    const outsider = await signedIn(ctx, 'hal@example.org');
    expect((await api(outsider)('GET', `/motions/${motionId}`)).body).toMatchObject({
      ok: false,
      error: 'NOT_FOUND',
    });
    expect((await outsider.request(`/motions/${motionId}`)).status).toBe(404);
    expect(await inMeeting(amara)).toBe(false);
    // The proposer and those who run the body's meetings see it.
    expect((await api(isla)('GET', `/motions/${motionId}`)).status).toBe(200);
    expect((await admin.request(`/motions/${motionId}`)).status).toBe(200);
    expect(await listed(isla)).toBe(true);
    expect(await listed(admin)).toBe(true);
    expect(await inMeeting(admin)).toBe(true);

    // Asked by the proposer (who sends the link), Ben seconds it, and from then on sees it listed.
    expect(await listed(ben)).toBe(false);
    expect((await api(ben)('POST', `/motions/${motionId}/second`)).status).toBe(200);
    expect(await listed(ben)).toBe(true);
    expect(await listed(amara)).toBe(false);

    // Once submitted, every member of the body sees it.
    expect((await api(isla)('POST', `/motions/${motionId}/submit`)).status).toBe(200);
    const seen = await api(amara)('GET', `/motions/${motionId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('submitted');
    expect(await listed(amara)).toBe(true);
    expect(await inMeeting(amara)).toBe(true);
    expect((await amara.request(`/motions/${motionId}`)).status).toBe(200);
  });
});
