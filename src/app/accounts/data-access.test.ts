import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { signedIn } from '../../../test/http-client.ts';
import {
  BEN,
  ISLA,
  membersWithAccounts,
  northfieldWithCamdenMembers,
} from '../../../test/story.ts';
import { assignRole } from '../organisations/assign-role.ts';
import { exportMyData } from './export-my-data.ts';

describeEachDatabase('who looked at my data', (database) => {
  it('records each look at the member list and shows it to the members listed, and only to them', async () => {
    const ctx = testContext(database());
    const story = await northfieldWithCamdenMembers(ctx, [
      ISLA,
      ['sam@example.org', 'Sam Secretary'],
    ]);
    await membersWithAccounts(ctx, story.admin, story.hackneyId, [BEN]);
    await assignRole(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      email: 'sam@example.org',
      role: 'secretary',
      holds: true,
    });
    const sam = await signedIn(ctx, 'sam@example.org');
    const admin = await signedIn(ctx, 'admin@example.org');
    const isla = await signedIn(ctx, 'isla@example.org');
    const ben = await signedIn(ctx, 'ben@example.org');

    expect(await (await isla.request('/account')).text()).toContain(
      'No one else has looked at your details.',
    );
    expect((await sam.request(`/bodies/${story.camdenId}/members`)).status).toBe(200);
    expect((await admin.request(`/api/v1/bodies/${story.camdenId}/members`)).status).toBe(200);
    // Isla cannot see the register: a refused look is not a look.
    expect((await isla.request(`/bodies/${story.camdenId}/members`)).status).toBe(403);

    const islaPage = await (await isla.request('/account')).text();
    expect(islaPage).toContain('Who has looked at my details');
    expect(islaPage).toContain('<td>1 July 2026 at 12:00</td><td>Sam Secretary</td>');
    expect(islaPage).toContain('<td>the member list of Camden Town Group</td>');
    expect(islaPage).toContain(
      '<td>Ada Admin</td><td>the member list of Camden Town Group, downloaded</td>',
    );
    const islaExport = (await (await isla.request('/account/export.json')).json()) as {
      seenBy: unknown[];
    };
    expect(islaExport.seenBy).toHaveLength(2);
    expect(islaExport.seenBy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          by: 'Sam Secretary',
          what: 'register',
          body: 'Camden Town Group',
        }),
        expect.objectContaining({ by: 'Ada Admin', what: 'register-export' }),
      ]),
    );

    // Sam's own look is not shown to Sam; Ben, of another branch, was not on that list.
    const samData = await exportMyData(ctx, { personId: (await loadId('sam@example.org'))! });
    expect(samData.seenBy.map((s) => s.by)).toEqual(['Ada Admin']);
    expect(await (await ben.request('/account')).text()).toContain(
      'No one else has looked at your details.',
    );

    // A member who joins later was not on the list that was seen before they joined.
    const later = testContext(database(), { now: () => new Date('2026-07-02T09:00:00Z') });
    await membersWithAccounts(later, story.admin, story.camdenId, [
      ['zoe@example.org', 'Zoe Young'],
    ]);
    const zoe = await exportMyData(later, { personId: (await loadId('zoe@example.org'))! });
    expect(zoe.seenBy).toEqual([]);

    // What is kept is the least that answers "who saw it, when": no address, no copy.
    const rows = await ctx.db.selectFrom('data_access').selectAll().execute();
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['at', 'body_id', 'id', 'kind', 'person_id', 'viewer_person_id'].sort(),
    );

    async function loadId(email: string) {
      return (
        await ctx.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst()
      )?.id;
    }
  });
});
