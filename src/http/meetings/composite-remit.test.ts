import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { api, signedIn } from '../../../test/http-client.ts';
import {
  BEN,
  CARA,
  ISLA,
  northfieldWithCamdenMembers,
  shortNoticeRules,
} from '../../../test/story.ts';

/**
 * Compositing motions on the agenda into one (every source kept and linked) and remitting a
 * motion, from the chair's console and through the API.
 */
describeEachDatabase('compositing and remitting', (database) => {
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [ISLA, BEN, CARA]);
    const admin = await signedIn(ctx, 'admin@example.org');
    const members = await Promise.all(
      ['isla', 'ben', 'cara'].map((n) => signedIn(ctx, `${n}@example.org`)),
    );
    const secretary = api(admin);
    await secretary('PUT', `/bodies/${story.camdenId}/standing-orders`, shortNoticeRules());
    const meetingId = (
      await secretary('POST', `/bodies/${story.camdenId}/meetings`, {
        title: 'General meeting',
        startsAt: new Date(ctx.now().getTime() + 3_600_000).toISOString(),
        giveNotice: true,
      })
    ).body.meetingId as string;
    const motion = async (i: number, title: string, clauses: unknown[]) => {
      const who = api(members[i]!);
      const motionId = (
        await who('POST', `/bodies/${story.camdenId}/motions`, { meetingId, title, clauses })
      ).body.motionId as string;
      expect((await who('POST', `/motions/${motionId}/submit`)).status).toBe(200);
      expect((await secretary('POST', `/meetings/${meetingId}/agenda`, { motionId })).status).toBe(
        201,
      );
      return motionId;
    };
    const housing = await motion(0, 'Council housing', [
      { kind: 'notes', text: 'that waiting lists have doubled' },
      { kind: 'resolves', text: 'to campaign for council housing' },
    ]);
    const rents = await motion(1, 'Rent control', [
      { kind: 'believes', text: 'that rents are too high' },
      { kind: 'resolves', text: 'to campaign for rent control' },
    ]);
    const parks = await motion(2, 'Parks', [{ kind: 'resolves', text: 'to defend our parks' }]);
    return { ctx, ...story, admin, members, api, secretary, meetingId, housing, rents, parks };
  }

  it('composites two motions from the console into one that keeps every clause and links both', async () => {
    const { admin, api, members, secretary, meetingId, housing, rents, parks } = await setUp();
    const console = await (await admin.request(`/meetings/${meetingId}/console`)).text();
    expect(console).toContain('Composite the chosen motions');
    const done = await admin.form(`/meetings/${meetingId}/console/composite`, {
      [`composite.${housing}`]: '1',
      [`composite.${rents}`]: '1',
      title: 'Housing and rents',
    });
    expect(done.status).toBe(303);

    const meeting = (await secretary('GET', `/meetings/${meetingId}`)).body;
    // The composite took the first source's place; the second source's item went.
    expect(meeting.agenda.map((a: { title: string }) => a.title)).toEqual([
      'Motion: Housing and rents',
      'Motion: Parks',
    ]);
    const compositeId = meeting.agenda[0].motionId as string;
    const composite = (await api(members[2]!)('GET', `/motions/${compositeId}`)).body;
    expect(composite).toMatchObject({
      title: 'Housing and rents',
      status: 'on-agenda',
      proposer: { name: 'Isla Singh' },
      seconder: { name: 'Ben Mensah' },
    });
    expect(composite.compositedFrom).toHaveLength(2);
    expect(composite.compositedFrom).toEqual(
      expect.arrayContaining([
        { id: housing, title: 'Council housing' },
        { id: rents, title: 'Rent control' },
      ]),
    );
    // Preamble first, then operative clauses, every one kept.
    expect(composite.text.clauses.map((c: { sentence: string }) => c.sentence)).toEqual([
      'notes that waiting lists have doubled',
      'believes that rents are too high',
      'resolves to campaign for council housing',
      'resolves to campaign for rent control',
    ]);
    for (const source of [housing, rents]) {
      const s = (await secretary('GET', `/motions/${source}`)).body;
      expect(s).toMatchObject({ status: 'composited', composite: { id: compositeId } });
    }
    const page = await (await admin.request(`/motions/${compositeId}`)).text();
    expect(page).toContain(`href="/motions/${housing}"`);
    expect(page).toContain(`href="/motions/${rents}"`);
    const sourcePage = await (await admin.request(`/motions/${rents}`)).text();
    expect(sourcePage).toContain(`Composited into <a href="/motions/${compositeId}">`);

    // A source composited once cannot be composited again; one motion alone is no composite.
    const again = await secretary('POST', `/meetings/${meetingId}/composites`, {
      motionIds: [housing, parks],
    });
    expect(again).toMatchObject({ status: 409, body: { error: 'ILLEGAL_TRANSITION' } });
    const alone = await secretary('POST', `/meetings/${meetingId}/composites`, {
      motionIds: [parks, parks],
    });
    expect(alone).toMatchObject({ status: 400, body: { error: 'VALIDATION_FAILED' } });
    // Only those who run the body's meetings composite.
    const byMember = await api(members[2]!)('POST', `/meetings/${meetingId}/composites`, {
      motionIds: [compositeId, parks],
    });
    expect(byMember.body.error).toBe('FORBIDDEN');
    // Through the API, with the default title.
    const viaApi = await secretary('POST', `/meetings/${meetingId}/composites`, {
      motionIds: [compositeId, parks],
    });
    expect(viaApi).toMatchObject({
      status: 201,
      body: { title: 'Composite: Housing and rents; Parks' },
    });
  });

  it('remits a motion from the console only with its mover’s consent', async () => {
    const { admin, api, members, secretary, meetingId, parks } = await setUp();
    for (const m of members) await api(m)('POST', `/meetings/${meetingId}/attendance`, {});
    await secretary('POST', `/meetings/${meetingId}/open`);
    await api(members[2]!)('POST', `/motions/${parks}/steps`, { type: 'move' });
    await api(members[0]!)('POST', `/motions/${parks}/steps`, { type: 'second' });
    const console = await (await admin.request(`/meetings/${meetingId}/console`)).text();
    expect(console).toContain('Remit the motion');

    const refused = await admin.form(`/meetings/${meetingId}/console/motion-step`, {
      motionId: parks,
      type: 'remit',
      to: 'the executive committee',
    });
    const refusal = await refused.text();
    expect(refusal.match(/<p[^>]*>[^<]*agree[^<]*<\/p>/)?.[0] ?? refusal.slice(0, 3000)).toContain(
      'only if its mover agrees',
    );
    expect(refused.status).toBe(409);
    const remitted = await admin.form(`/meetings/${meetingId}/console/motion-step`, {
      motionId: parks,
      type: 'remit',
      to: 'the executive committee',
      moverConsents: '1',
    });
    expect(remitted.status).toBe(303);
    expect((await secretary('GET', `/motions/${parks}`)).body.status).toBe('remitted');
    await secretary('POST', `/meetings/${meetingId}/close`);
    const minutes = JSON.stringify((await secretary('GET', `/meetings/${meetingId}/minutes`)).body);
    expect(minutes).toContain('the executive committee');
  });
});
