import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { findPersonByEmail } from '../db/queries/people.ts';
import { findOrganisationBySlug, listBodies } from '../db/queries/organisations.ts';
import { loadActor } from '../app/common/actor.ts';
import { seedDemo } from './seed-demo.ts';
import { viewInbox } from '../app/resolutions/view-inbox.ts';
import { viewResolution } from '../app/resolutions/view-resolution.ts';

// Each test seeds the whole demo, which takes well over the default 30 s on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

describeEachDatabase('the demo’s resolutions', (database) => {
  it('has Camden’s resolution carried by the Coordinating Group, a model motion in every local group, and two for the NEC to answer', async () => {
    const ctx = testContext(database());
    await seedDemo(ctx);
    const resolution = await viewResolution(ctx, {
      actor: null,
      organisationSlug: 'northfield-movement',
      slug: 'no-confidence-in-the-leader',
    });
    expect(resolution.declared).toBe('carried: simple majority of votes cast, 23–4, 2 abstentions');
    expect(
      resolution.deliveries.map((d) => [d.addressee, d.toBody?.organisation, d.status]),
    ).toEqual([
      ['the Northfield Party NEC', 'Northfield Party', 'sent'],
      ['the National Coordinating Group', 'Northfield Movement', 'carried'],
    ]);
    const today = ctx.now().toISOString().slice(0, 10);
    const secretaryOf = async (email: string) => {
      const person = await findPersonByEmail(ctx.db, email);
      const actor = await loadActor(ctx.db, person!.id, today);
      return { actor, bodyId: actor.memberships.find((m) => m.role === 'secretary')!.bodyId };
    };
    const nec = await secretaryOf('nec.secretary@example.org');
    const necInbox = await viewInbox(ctx, nec);
    expect(necInbox.items.map((i) => [i.from, i.legalEvents]).sort()).toEqual([
      ['Camden Town Group, Northfield Movement', ['acknowledge', 'rule']],
      ['National Coordinating Group, Northfield Movement', ['acknowledge', 'rule']],
    ]);
    const org = await findOrganisationBySlug(ctx.db, 'northfield-movement');
    const admin = await loadActor(
      ctx.db,
      (await findPersonByEmail(ctx.db, 'demo.admin@example.org'))!.id,
      today,
    );
    for (const body of (await listBodies(ctx.db, org!.id)).filter((b) => b.parent_id)) {
      const inbox = await viewInbox(ctx, { actor: admin, bodyId: body.id });
      expect(
        inbox.items.filter((i) => i.kind === 'model-motion').map((i) => i.status),
        body.name,
      ).toEqual(['sent']);
    }
  });
});
