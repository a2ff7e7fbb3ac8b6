import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { loadActor } from '../app/common/actor.ts';
import { viewConference } from '../app/conference/view-conference.ts';
import { findPersonByEmail } from '../db/queries/people.ts';
import { seedDemo } from './seed-demo.ts';

// Each test seeds the whole demo, which takes well over the default 30 s on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

describeEachDatabase('the demo’s conference', (database) => {
  it('shows a reference back of the ruling on Housing, moved by Camden and carried, beside the open card vote', async () => {
    const ctx = testContext(database());
    await seedDemo(ctx);
    const meeting = await ctx.db
      .selectFrom('meetings')
      .select('id')
      .where('title', '=', 'Northfield Party annual conference')
      .executeTakeFirstOrThrow();
    const secretary = await findPersonByEmail(ctx.db, 'nec.secretary@example.org');
    const actor = await loadActor(ctx.db, secretary!.id, ctx.now().toISOString().slice(0, 10));
    const v = await viewConference(ctx, { actor, meetingId: meeting.id });
    expect(v.referencesBack).toEqual([
      expect.objectContaining({
        titles: ['Housing: public ownership now'],
        mover: 'Camden Town Group',
        status: 'carried',
        decidedBy: 'show-of-hands',
      }),
    ]);
    // Carried, Housing is back before the committee; the rest of the report stands.
    const statuses = v.submissions.map((s) => [s.title, s.status]);
    expect(statuses).toContainEqual(['Housing: public ownership now', 'submitted']);
    expect(statuses).toContainEqual(['Rail: public ownership now', 'in-order']);
    expect(v.cardVotes.map((x) => [x.title, x.open])).toEqual([
      ['Two-thirds for rule changes', true],
    ]);
  });
});
