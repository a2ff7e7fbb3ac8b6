import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { openedWithMotionMoved } from '../../../test/meeting-in-session.ts';
import { testContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import { BEN, ISLA, meetsAtShortNotice, northfieldWithCamdenMembers } from '../../../test/story.ts';

/** Reordering and removing agenda items, through the API and the meeting page. */
describeEachDatabase('the agenda', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN]);
    await meetsAtShortNotice(ctx, story.camdenId);
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    const ben = await signedIn(ctx, 'ben@example.org');
    const secretary = api(admin);
    const called = await secretary('POST', `/bodies/${story.camdenId}/meetings`, {
      title: 'July general meeting',
      startsAt: new Date(ctx.now().getTime() + 3_600_000).toISOString(),
      giveNotice: true,
    });
    expect(called.status).toBe(201);
    const meetingId = called.body.meetingId as string;
    const drafted = await api(isla)('POST', `/bodies/${story.camdenId}/motions`, {
      meetingId,
      title: 'Housing',
      clauses: [{ kind: 'resolves', text: 'to campaign for council housing' }],
    });
    const motionId = drafted.body.motionId as string;
    expect((await api(ben)('POST', `/motions/${motionId}/second`)).status).toBe(200);
    expect((await api(isla)('POST', `/motions/${motionId}/submit`)).status).toBe(200);
    for (const item of [{ title: 'Apologies' }, { title: 'Reports' }, { motionId }]) {
      expect((await secretary('POST', `/meetings/${meetingId}/agenda`, item)).status).toBe(201);
    }
    const agenda = async () =>
      (await secretary('GET', `/meetings/${meetingId}`)).body.agenda as {
        id: string;
        title: string;
      }[];
    return { ctx, ...story, admin, isla, ben, api, secretary, meetingId, motionId, agenda };
  }

  it('moves items up and down and takes them off, through the API', async () => {
    const { api, isla, secretary, meetingId, motionId, agenda } = await setUp();
    const titles = async () => (await agenda()).map((a) => a.title);
    expect(await titles()).toEqual(['Apologies', 'Reports', 'Motion: Housing']);
    const [apologies, reports, motion] = await agenda();

    const up = await secretary('POST', `/meetings/${meetingId}/agenda/${reports!.id}/move`, {
      direction: 'up',
    });
    expect(up).toEqual({ status: 200, body: { ok: true } });
    expect(await titles()).toEqual(['Reports', 'Apologies', 'Motion: Housing']);
    // The first item cannot go higher; the agenda stays as it is.
    await secretary('POST', `/meetings/${meetingId}/agenda/${reports!.id}/move`, {
      direction: 'up',
    });
    expect(await titles()).toEqual(['Reports', 'Apologies', 'Motion: Housing']);
    await secretary('POST', `/meetings/${meetingId}/agenda/${apologies!.id}/move`, {
      direction: 'down',
    });
    expect(await titles()).toEqual(['Reports', 'Motion: Housing', 'Apologies']);
    // Only those who run the body's meetings change the agenda.
    const refused = await api(isla)('POST', `/meetings/${meetingId}/agenda/${reports!.id}/move`, {
      direction: 'down',
    });
    expect(refused.body).toMatchObject({ ok: false, error: 'FORBIDDEN' });
    expect(
      (await api(isla)('DELETE', `/meetings/${meetingId}/agenda/${reports!.id}`)).body.error,
    ).toBe('FORBIDDEN');
    expect(
      (await secretary('DELETE', `/meetings/${meetingId}/agenda/no-such-item`)).body.error,
    ).toBe('NOT_FOUND');

    // Taking the motion off the agenda sends it back to submitted; it can go on again.
    const removed = await secretary('DELETE', `/meetings/${meetingId}/agenda/${motion!.id}`);
    expect(removed).toEqual({ status: 200, body: { ok: true } });
    expect(await titles()).toEqual(['Reports', 'Apologies']);
    expect((await secretary('GET', `/motions/${motionId}`)).body.status).toBe('submitted');
    expect((await secretary('POST', `/meetings/${meetingId}/agenda`, { motionId })).status).toBe(
      201,
    );
    expect(await titles()).toEqual(['Reports', 'Apologies', 'Motion: Housing']);
  });

  it('keeps the item of a motion the meeting has taken up, and freezes the agenda of a cancelled meeting', async () => {
    const { ctx, camdenId, api, isla, ben, secretary, meetingId, motionId, agenda } = await setUp();
    await openedWithMotionMoved({ secretary, meetingId, motionId }, [api(isla), api(ben)]);
    const item = (await agenda()).find((a) => a.title === 'Motion: Housing')!;
    expect((await secretary('DELETE', `/meetings/${meetingId}/agenda/${item.id}`)).body).toEqual(
      expect.objectContaining({ ok: false, error: 'AGENDA_ITEM_TAKEN_UP' }),
    );
    // While the meeting is open, other items can still move.
    const reports = (await agenda()).find((a) => a.title === 'Reports')!;
    expect(
      (
        await secretary('POST', `/meetings/${meetingId}/agenda/${reports.id}/move`, {
          direction: 'down',
        })
      ).status,
    ).toBe(200);

    const other = await secretary('POST', `/bodies/${camdenId}/meetings`, {
      title: 'August general meeting',
      startsAt: new Date(ctx.now().getTime() + 7 * 86_400_000).toISOString(),
    });
    const otherId = other.body.meetingId as string;
    const added = await secretary('POST', `/meetings/${otherId}/agenda`, { title: 'Apologies' });
    expect((await secretary('POST', `/meetings/${otherId}/cancel`)).status).toBe(200);
    const frozen = await secretary(
      'DELETE',
      `/meetings/${otherId}/agenda/${added.body.agendaItemId as string}`,
    );
    expect(frozen.body.error).toBe('ILLEGAL_TRANSITION');
  });

  it('reorders and removes items with buttons on the meeting page, without JavaScript', async () => {
    const { admin, isla, meetingId, agenda } = await setUp();
    const [apologies, reports] = await agenda();
    let page = await (await admin.request(`/meetings/${meetingId}`)).text();
    expect(page).toContain('Move “Reports” up');
    expect(page).toContain('Move “Reports” down');
    expect(page).not.toContain('Move “Apologies” up');
    expect(page).toContain('Take “Apologies” off the agenda');
    // A member who does not run meetings sees the agenda without the buttons.
    expect(await (await isla.request(`/meetings/${meetingId}`)).text()).not.toContain(
      'Move “Reports” up',
    );

    const moved = await admin.form(`/meetings/${meetingId}/agenda/${apologies!.id}/move`, {
      direction: 'down',
    });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`/meetings/${meetingId}`);
    expect((await agenda()).map((a) => a.title)).toEqual([
      'Reports',
      'Apologies',
      'Motion: Housing',
    ]);
    const remove = `/meetings/${meetingId}/agenda/${reports!.id}/remove`;
    const asked = await admin.form(remove, {});
    expect(await asked.text()).toContain('Take “Reports” off the agenda?');
    expect((await agenda()).map((a) => a.title)).toContain('Reports');
    const removed = await admin.form(remove, { confirm: 'yes' });
    expect(removed.status).toBe(303);
    expect((await agenda()).map((a) => a.title)).toEqual(['Apologies', 'Motion: Housing']);
    page = await (await admin.request(`/meetings/${meetingId}`)).text();
    expect(page).not.toContain('Reports');
    // A refusal is shown on the page.
    const refused = await isla.form(`/meetings/${meetingId}/agenda/${apologies!.id}/remove`, {});
    expect(refused.status).toBe(403);
  });
});
