import { expect, it } from 'vitest';
import { assignRole } from '../../app/organisations/assign-role.ts';
import { addMember } from '../../app/organisations/add-member.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { addMembers, testContext } from '../../../test/factories.ts';
import { api, expectFormRefused, signedIn } from '../../../test/http-client.ts';
import { northfield, personWithAccount } from '../../../test/story.ts';

describeEachDatabase('the register over HTTP', (database) => {
  /** Northfield with Sam, Camden's secretary, signed in through the sign-in form. */
  async function setUp() {
    const ctx = testContext(database());
    const story = await northfield(ctx);
    const samId = await personWithAccount(ctx, 'sam@example.org', { name: 'Sam Secretary' });
    await addMember(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      name: 'Sam Secretary',
      email: 'sam@example.org',
    });
    await assignRole(ctx, {
      actor: story.admin,
      bodyId: story.camdenId,
      personId: samId,
      role: 'secretary',
      holds: true,
    });
    const sam = await signedIn(ctx, 'sam@example.org');
    return { ctx, ...story, sam, samApi: api(sam) };
  }

  it('lets a secretary add, correct, invite, lapse and remove a member with forms alone', async () => {
    const { camdenId, sam } = await setUp();
    const members = `/bodies/${camdenId}/members`;
    expect(await (await sam.request(`${members}/new`)).text()).toContain('Add the member');
    const added = await sam.form(`${members}/new`, {
      name: 'Isla Singh',
      email: 'isla@example.org',
      memberNumber: 'M1',
      joinedOn: '2016-05-04',
    });
    expect(added.status).toBe(303);
    const memberPage = added.headers.get('location')!;
    expect(memberPage).toMatch(new RegExp(`^${members}/[\\w-]+\\?done=added$`));
    const path = memberPage.split('?')[0]!;
    const shown = await (await sam.request(memberPage)).text();
    expect(shown).toContain('The member is on the register.');
    expect(shown).toContain('isla@example.org');

    const edited = await sam.form(path, {
      name: 'Isla Singh-Patel',
      email: 'isla@example.org',
      memberNumber: 'M1',
      joinedOn: '2016-05-04',
    });
    expect(edited.headers.get('location')).toBe(`${path}?done=edited`);
    expect(await (await sam.request(members)).text()).toContain('Isla Singh-Patel');

    expect((await sam.form(`${path}/invitation`, {})).headers.get('location')).toBe(
      `${path}?done=invited`,
    );
    await expectFormRefused(
      await sam.form(`${path}/lapse`, { leftOn: '2015-01-01' }),
      'A membership cannot lapse before it began.',
    );
    expect((await sam.form(`${path}/lapse`, { leftOn: '' })).headers.get('location')).toBe(
      `${path}?done=lapsed`,
    );
    expect(await (await sam.request(members)).text()).not.toContain('Isla Singh-Patel');
    expect(await (await sam.request(`${members}?status=lapsed`)).text()).toContain(
      'Isla Singh-Patel',
    );
    expect(await (await sam.form(`${path}/remove`, {})).text()).toContain(
      'Remove Isla Singh-Patel from the register?',
    );
    expect((await sam.form(`${path}/remove`, { confirm: 'yes' })).headers.get('location')).toBe(
      `${members}?done=removed`,
    );
    expect((await sam.request(path)).status).toBe(404);
  });

  it('shows a refused form again with what was typed and what is wrong', async () => {
    const { camdenId, sam } = await setUp();
    await expectFormRefused(
      await sam.form(`/bodies/${camdenId}/members/new`, { name: 'Ben', email: 'not an email' }),
      '&quot;not an email&quot; is not an email address.',
      'value="Ben"',
    );
  });

  it('pages the register 50 at a time with previous and next links, and searches it', async () => {
    const { ctx, camdenId, sam } = await setUp();
    await addMembers(ctx, camdenId, 60);
    const first = await (await sam.request(`/bodies/${camdenId}/members`)).text();
    expect(first.match(/<tr>/g)).toHaveLength(51);
    expect(first).toContain('61 current members.');
    expect(first).not.toContain('Previous page');
    const next = /href="([^"]+)" rel="next"/.exec(first)![1]!.replace(/&amp;/g, '&');
    const second = await (await sam.request(next)).text();
    expect(second.match(/<tr>/g)).toHaveLength(12);
    expect(second).toContain('Previous page');
    expect(second).not.toContain('Next page');
    expect(second).toContain('Sam Secretary');
    const found = await (await sam.request(`/bodies/${camdenId}/members?search=member+007`)).text();
    expect(found.match(/<tr>/g)).toHaveLength(2);
    expect(found).toContain('Member 007');
    // A cursor this server did not give is refused as a client's mistake, never a 500.
    expect((await sam.request(`/bodies/${camdenId}/members?after=%%%`)).status).toBe(400);
  });

  it('pages the register in the API by cursor, and keeps it one member at a time', async () => {
    const { camdenId, samApi } = await setUp();
    const added = await samApi('POST', `/bodies/${camdenId}/members`, {
      name: 'Ben Mensah',
      email: 'ben@example.org',
    });
    expect(added).toMatchObject({ status: 201, body: { ok: true, outcome: 'added' } });
    const ben = added.body.personId as string;
    await samApi('POST', `/bodies/${camdenId}/members`, {
      name: 'Cara Lund',
      email: 'c@example.org',
    });
    const first = await samApi('GET', `/bodies/${camdenId}/members?limit=2`);
    expect(first.body).toMatchObject({ total: 3, totalCapped: false, previous: null });
    expect(first.body.members.map((m: { name: string }) => m.name)).toEqual([
      'Ben Mensah',
      'Cara Lund',
    ]);
    const second = await samApi(
      'GET',
      `/bodies/${camdenId}/members?limit=2&after=${first.body.next}`,
    );
    expect(second.body).toMatchObject({ next: null, members: [{ name: 'Sam Secretary' }] });
    const search = await samApi('GET', `/bodies/${camdenId}/members?search=C%40EXAMPLE`);
    expect(search.body.members).toEqual([expect.objectContaining({ name: 'Cara Lund' })]);
    expect((await samApi('GET', `/bodies/${camdenId}/members?after=nonsense`)).status).toBe(400);

    const member = `/bodies/${camdenId}/members/${ben}`;
    expect(
      await samApi('PUT', member, {
        name: 'Ben Mensah',
        email: 'ben@example.org',
        memberNumber: 'B2',
      }),
    ).toMatchObject({ status: 200, body: { changed: ['memberNumber'] } });
    expect((await samApi('GET', member)).body).toMatchObject({ memberNumber: 'B2', lapsed: false });
    expect(await samApi('POST', `${member}/invitation`)).toMatchObject({ status: 200 });
    expect(await samApi('POST', `${member}/lapse`, { leftOn: '2026-01-01' })).toMatchObject({
      status: 200,
      body: { leftOn: '2026-01-01' },
    });
    expect(await samApi('POST', `${member}/lapse`, {})).toMatchObject({
      status: 409,
      body: { error: 'CONFLICT' },
    });
    expect(await samApi('DELETE', member)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await samApi('GET', member)).status).toBe(404);
  });

  it('downloads the register as CSV, formula-like cells made text', async () => {
    const { camdenId, sam, samApi } = await setUp();
    await samApi('POST', `/bodies/${camdenId}/members`, {
      name: '=cmd|"/c calc"!A1',
      email: 'eve@example.org',
    });
    const res = await sam.request(`/bodies/${camdenId}/members.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="camden-town-group-members.csv"',
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte-order mark first, so that Excel reads UTF-8; then the import's own headings.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Membership Number,Full Name,Email')).toBe(true);
    expect(text).toContain(`,"'=cmd|""/c calc""!A1",eve@example.org,Camden Town Group,`);
  });

  it('refuses the register to a member who does not keep it', async () => {
    const { ctx, camdenId, admin } = await setUp();
    await personWithAccount(ctx, 'isla@example.org', { name: 'Isla Singh' });
    await addMember(ctx, {
      actor: admin,
      bodyId: camdenId,
      name: 'Isla Singh',
      email: 'isla@example.org',
    });
    const isla = api(await signedIn(ctx, 'isla@example.org'));
    expect((await isla('GET', `/bodies/${camdenId}/members`)).status).toBe(403);
    expect(
      (await isla('POST', `/bodies/${camdenId}/members`, { name: 'X', email: 'x@example.org' }))
        .status,
    ).toBe(403);
  });
});
