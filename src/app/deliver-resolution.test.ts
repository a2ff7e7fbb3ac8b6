import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { testContext } from '../../test/factories.ts';
import { carriedResolution, northfield } from '../../test/story.ts';
import { destinationsOf } from './deliver-resolution.ts';
import { importMembers } from './import-members.ts';
import { viewResolution } from './view-resolution.ts';

describeEachDatabase('delivering a carried resolution', (database) => {
  it('delivers once per body here, and records a body elsewhere as not deliverable', async () => {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    // The administrator drafts as a member of both branches.
    for (const bodyId of [story.camdenId, story.hackneyId])
      await importMembers(ctx, {
        actor: story.admin,
        bodyId,
        csv: 'Name,Email\nAda Admin,admin@example.org',
        dryRun: false,
      });
    const { text } = await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      text: {
        title: 'Support the tenants’ strike',
        clauses: [
          { kind: 'notes', text: 'that rents rose by a tenth' },
          { kind: 'calls-on', text: 'to support the strike', bodyId: story.nationalId },
          { kind: 'calls-on', text: 'to fund the strike', bodyId: story.nationalId },
          {
            kind: 'calls-on',
            text: 'to back the strike',
            bodyName: 'the Northfield Trades Council',
          },
        ],
      },
    });
    expect(destinationsOf(text).map((d) => [d.name, d.bodyId])).toEqual([
      ['National Coordinating Group', story.nationalId],
      ['the Northfield Trades Council', null],
    ]);
    const published = await viewResolution(ctx, {
      actor: null,
      organisationSlug: 'northfield-movement',
      slug: 'support-the-tenants-strike',
    });
    expect(published.deliveries.map((d) => [d.addressee, d.status, d.toBody?.name])).toEqual([
      ['National Coordinating Group', 'sent', 'National Coordinating Group'],
      ['the Northfield Trades Council', 'not-deliverable', undefined],
    ]);
    // A second resolution of the same title gets its own address.
    await carriedResolution(ctx, {
      actor: story.admin,
      bodyId: story.hackneyId,
      text: { title: 'Support the tenants’ strike', clauses: [{ kind: 'resolves', text: 'to' }] },
    });
    const second = await viewResolution(ctx, {
      actor: null,
      organisationSlug: 'northfield-movement',
      slug: 'support-the-tenants-strike-2',
    });
    expect(second.body.name).toBe('Hackney Group');
  });
});
