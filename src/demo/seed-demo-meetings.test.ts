import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { loadActor } from '../app/common/actor.ts';
import { seedDemo } from './seed-demo.ts';
import { listMeetings, viewMeeting } from '../app/meetings/view-meeting.ts';
import { viewMinutes } from '../app/meetings/view-minutes.ts';
import { findPersonByEmail } from '../db/queries/people.ts';
import { findOrganisationBySlug, listBodies } from '../db/queries/organisations.ts';
import { rolesInBody } from '../db/queries/meetings.ts';
import { countMembers } from '../db/queries/memberships.ts';
import { loadRules } from '../app/meetings/meeting-support.ts';

// Each test seeds the whole demo, which takes well over the default 30 s on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

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

  it('gives Camden the story’s standing orders, and accounts for a plain member, a scrutineer and the NEC’s chair', async () => {
    const ctx = testContext(database());
    const { accounts } = await seedDemo(ctx);
    const bodyNamed = async (slug: string, name: string) => {
      const org = await findOrganisationBySlug(ctx.db, slug);
      return (await listBodies(ctx.db, org!.id)).find((b) => b.name === name)!;
    };
    const camden = await bodyNamed('northfield-movement', 'Camden Town Group');
    const nec = await bodyNamed('northfield-party', 'National Executive Committee');
    const rules = await loadRules(ctx.db, camden.id);
    expect([rules.quorum, rules.tieRule]).toEqual([{ kind: 'count', members: 10 }, 'casting-vote']);
    expect(await countMembers(ctx.db, camden.id)).toBe(40);

    const today = ctx.now().toISOString().slice(0, 10);
    const rolesOf = async (email: string, bodyId: string) =>
      (await rolesInBody(ctx.db, bodyId, (await findPersonByEmail(ctx.db, email))!.id, today))
        .slice()
        .sort();
    expect(await rolesOf('camden.member@example.org', camden.id)).toEqual(['member']);
    expect(await rolesOf('camden.scrutineer@example.org', camden.id)).toEqual([
      'member',
      'scrutineer',
    ]);
    expect(await rolesOf('nec.chair@example.org', nec.id)).toEqual(['chair', 'member']);
    expect(accounts.map((a) => a.email)).toEqual(
      expect.arrayContaining([
        'camden.member@example.org',
        'camden.scrutineer@example.org',
        'nec.chair@example.org',
      ]),
    );
  });
});
