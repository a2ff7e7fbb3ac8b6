import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { loadActor } from '../app/common/actor.ts';
import { seedDemo } from './seed-demo.ts';
import { listMeetings, viewMeeting, viewMinutes } from '../app/meetings/view-meeting.ts';
import { findPersonByEmail } from '../db/queries/people.ts';
import { findOrganisationBySlug, listBodies } from '../db/queries/organisations.ts';

describeEachDatabase('the demo’s meetings', (database) => {
  it('leaves a held Camden meeting with the motion carried and its minutes, and one to run today', async () => {
    const ctx = testContext(database());
    await seedDemo(ctx);
    const org = await findOrganisationBySlug(ctx.db, 'northfield-movement');
    const camden = (await listBodies(ctx.db, org!.id)).find((b) => b.name === 'Camden Town Group')!;
    const chair = await findPersonByEmail(ctx.db, 'camden.chair@example.org');
    const actor = await loadActor(ctx.db, chair!.id, ctx.now().toISOString().slice(0, 10));
    const { meetings } = await listMeetings(ctx, { actor, bodyId: camden.id });
    expect(meetings.map((m) => [m.title, m.status])).toEqual([
      ['General meeting', 'scheduled'],
      ['July general meeting', 'closed'],
    ]);
    const held = meetings[1]!;
    const minutes = await viewMinutes(ctx, { actor, meetingId: held.id });
    expect(minutes.status).toBe('draft');
    expect(minutes.text).toContain(
      'was carried: simple majority of votes cast, 23–4, 2 abstentions',
    );
    expect(minutes.text).toContain('The amendment was lost: simple majority of votes cast, 8–18');
    expect(minutes.text).toContain('with 29 of 40 members present');
    const next = await viewMeeting(ctx, { actor, meetingId: meetings[0]!.id });
    expect(next.opening.allowed).toBe(true);
    expect(next.motions.map((m) => [m.title, m.status])).toEqual([
      ['Rent control now', 'on-agenda'],
    ]);
  });
});
