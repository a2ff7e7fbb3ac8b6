import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { outcomeOf, testContext } from '../../../test/factories.ts';
import { actorFor, northfield, personWithAccount } from '../../../test/story.ts';
import { listAuditEvents } from '../../db/queries/audit.ts';
import { listOutbox } from '../../db/queries/outbox.ts';
import { castBallot } from '../ballots/cast-ballot.ts';
import { closeBallot } from '../ballots/close-ballot.ts';
import { createBallot } from '../ballots/create-ballot.ts';
import { openBallot } from '../ballots/open-ballot.ts';
import { assignRole } from './assign-role.ts';
import { addMember } from './add-member.ts';
import { editMember } from './edit-member.ts';
import { exportRegister } from './export-register.ts';
import { importMembers } from './import-members.ts';
import { inviteMember } from './invite-member.ts';
import { lapseMember } from './lapse-member.ts';
import { viewRegisterPage } from './page-register.ts';
import { removeMember } from './remove-member.ts';

describeEachDatabase('keeping the register one member at a time', (database) => {
  /** Northfield, with Camden's secretary (Sam) and a helper to add members as Sam. */
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
    const sam = await actorFor(ctx, samId);
    const add = (
      name: string,
      email: string,
      more: { memberNumber?: string; joinedOn?: string } = {},
    ) => addMember(ctx, { actor: sam, bodyId: story.camdenId, name, email, ...more });
    const page = (more: Partial<Parameters<typeof viewRegisterPage>[1]> = {}) =>
      viewRegisterPage(ctx, { actor: sam, bodyId: story.camdenId, ...more });
    return { ctx, ...story, sam, samId, add, page };
  }

  it('adds a member, who is then on the register, and audits it without their name', async () => {
    const { ctx, organisation, add, page } = await setUp();
    const { personId, outcome } = await add('  Isla   Singh ', 'Isla@Example.org', {
      memberNumber: 'M1',
      joinedOn: '04/05/2016',
    });
    expect(outcome).toBe('added');
    const isla = (await page({ search: 'isla' })).members;
    expect(isla).toEqual([
      expect.objectContaining({
        personId,
        name: 'Isla Singh',
        email: 'isla@example.org',
        memberNumber: 'M1',
        joinedOn: '2016-05-04',
        lapsed: false,
        hasAccount: false,
      }),
    ]);
    const events = await listAuditEvents(ctx.db, organisation.organisationId);
    const last = events[events.length - 1]!;
    expect([last.action, JSON.parse(last.data)]).toEqual(['member.added', { personId }]);
    expect(last.data).not.toContain('Isla');
  });

  it('refuses a member twice, a number another member holds, and a bad email, naming the field', async () => {
    const { add } = await setUp();
    await add('Isla Singh', 'isla@example.org', { memberNumber: 'M1' });
    await expect(add('Isla S', 'isla@example.org')).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      problems: [{ path: 'email', message: 'Already a member here.' }],
    });
    await expect(
      add('Ben Mensah', 'ben@example.org', { memberNumber: 'M1' }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS', problems: [{ path: 'memberNumber' }] });
    await expect(add('', 'not-an-email', { joinedOn: '2023-02-30' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ path: 'name' }, { path: 'email' }, { path: 'joinedOn' }],
    });
  });

  it('edits a member’s details, and refuses to change the name of someone who signed up', async () => {
    const { ctx, camdenId, sam, samId, add, page } = await setUp();
    const { personId } = await add('Ben Mensah', 'ben@example.org');
    const edited = await editMember(ctx, {
      actor: sam,
      bodyId: camdenId,
      personId,
      name: 'Ben Mensah-Ola',
      email: 'ben.mo@example.org',
      memberNumber: 'M7',
      joinedOn: '2021-10-25',
    });
    expect(edited.changed).toEqual(['name', 'email', 'memberNumber', 'joinedOn']);
    expect((await page({ search: 'm7' })).members[0]).toMatchObject({
      name: 'Ben Mensah-Ola',
      email: 'ben.mo@example.org',
      joinedOn: '2021-10-25',
    });
    await expect(
      editMember(ctx, {
        actor: sam,
        bodyId: camdenId,
        personId: samId,
        name: 'Someone Else',
        email: 'sam@example.org',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lapses a member: out of the current register, kept in history with the date', async () => {
    const { ctx, camdenId, sam, add, page } = await setUp();
    const { personId } = await add('Cara Lund', 'cara@example.org', { joinedOn: '2020-01-01' });
    await expect(
      lapseMember(ctx, { actor: sam, bodyId: camdenId, personId, leftOn: '2019-12-31' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', problems: [{ path: 'leftOn' }] });
    const { leftOn } = await lapseMember(ctx, { actor: sam, bodyId: camdenId, personId });
    expect(leftOn).toBe(ctx.now().toISOString().slice(0, 10));
    expect((await page()).members.map((m) => m.name)).toEqual(['Sam Secretary']);
    expect((await page({ status: 'lapsed' })).members).toEqual([
      expect.objectContaining({ personId, leftOn, lapsed: true }),
    ]);
    expect(await outcomeOf(lapseMember(ctx, { actor: sam, bodyId: camdenId, personId }))).toBe(
      'CONFLICT',
    );
    // Adding them again makes them current again: the same membership, rejoined.
    expect((await add('Cara Lund', 'cara@example.org')).outcome).toBe('rejoined');
    expect((await page({ search: 'cara' })).members[0]).toMatchObject({ leftOn: null });
  });

  it('removes a member altogether, but not one holding an office', async () => {
    const { ctx, camdenId, sam, samId, add, page } = await setUp();
    const { personId } = await add('Dan Mistake', 'dan@example.org');
    await removeMember(ctx, { actor: sam, bodyId: camdenId, personId });
    expect((await page({ status: 'all', search: 'dan' })).members).toEqual([]);
    expect(await outcomeOf(removeMember(ctx, { actor: sam, bodyId: camdenId, personId }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await outcomeOf(removeMember(ctx, { actor: sam, bodyId: camdenId, personId: samId })),
    ).toBe('CONFLICT');
    expect(
      await outcomeOf(lapseMember(ctx, { actor: sam, bodyId: camdenId, personId: samId })),
    ).toBe('CONFLICT');
  });

  it('leaves a vote already given alone when its voter lapses or is removed, and keeps them off later electorates', async () => {
    const { ctx, camdenId, sam, samId, add } = await setUp();
    const cara = await add('Cara Lund', 'cara@example.org');
    const dan = await add('Dan Ode', 'dan@example.org');
    const ballot = async () => {
      const { ballotId } = await createBallot(ctx, {
        actor: sam,
        bodyId: camdenId,
        question: 'That this branch affiliates.',
        options: { kind: 'yes-no' },
        secret: true,
      });
      return { ballotId, ...(await openBallot(ctx, { actor: sam, ballotId })) };
    };
    const before = await ballot();
    expect(before.electorate).toBe(3);
    for (const personId of [cara.personId, dan.personId, samId]) {
      await castBallot(ctx, {
        actor: { personId, isSiteAdmin: false, memberships: [] },
        ballotId: before.ballotId,
        choice: 'for',
      });
    }
    await lapseMember(ctx, { actor: sam, bodyId: camdenId, personId: cara.personId });
    await removeMember(ctx, { actor: sam, bodyId: camdenId, personId: dan.personId });
    expect(
      await closeBallot(ctx, { actor: sam, ballotId: before.ballotId, confirmed: true }),
    ).toMatchObject({
      for: 3,
    });
    expect((await ballot()).electorate).toBe(1);
  });

  it('invites one member with the invitation mail, and not someone who signed up', async () => {
    const { ctx, camdenId, sam, samId, add } = await setUp();
    const { personId } = await add('Isla Singh', 'isla@example.org');
    await inviteMember(ctx, { actor: sam, bodyId: camdenId, personId });
    const mail = (await listOutbox(ctx.db)).filter((m) => m.to === 'isla@example.org');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toMatch(/\/invite\/[\w-]+/);
    expect(
      await outcomeOf(inviteMember(ctx, { actor: sam, bodyId: camdenId, personId: samId })),
    ).toBe('CONFLICT');
  });

  it('lets only those who manage members change the register, and keeps it from other branches', async () => {
    const { ctx, camdenId, hackneyId, admin, add } = await setUp();
    const { personId } = await add('Isla Singh', 'isla@example.org');
    await importMembers(ctx, {
      actor: admin,
      bodyId: hackneyId,
      csv: 'Name,Email\nHana Ito,hana@example.org',
      dryRun: false,
    });
    const hanaId = await personWithAccount(ctx, 'hana@example.org', { name: 'Hana Ito' });
    const hana = await actorFor(ctx, hanaId);
    const isla = { actor: hana, bodyId: camdenId, personId };
    expect(await outcomeOf(lapseMember(ctx, isla))).toBe('FORBIDDEN');
    expect(await outcomeOf(viewRegisterPage(ctx, isla))).toBe('FORBIDDEN');
    expect(
      await outcomeOf(removeMember(ctx, { ...isla, bodyId: hackneyId, personId: hanaId })),
    ).toBe('FORBIDDEN');
  });

  it('pages the register in name order by cursor, forward and back, with a search', async () => {
    const { add, page } = await setUp();
    for (const [i, [name, email]] of (
      [
        ['adam Zed', 'a@example.org'],
        ['Beth Young', 'b@example.org'],
        ['beth young', 'b2@example.org'],
        ['Cleo 100%_', 'c@example.org'],
        ['Dev Patel', 'd@example.org'],
      ] as const
    ).entries())
      await add(name, email, { memberNumber: `N-${i}` });
    const names = (p: { members: readonly { name: string }[] }) => p.members.map((m) => m.name);
    const first = await page({ limit: 2 });
    expect(first.total).toBe(6);
    expect(names(first)).toEqual(['adam Zed', expect.stringMatching(/^beth young$/i)]);
    expect(first.previous).toBeNull();
    const second = await page({ limit: 2, after: first.next! });
    const third = await page({ limit: 2, after: second.next! });
    expect([...names(first), ...names(second), ...names(third)]).toHaveLength(6);
    expect(names(third)).toEqual(['Dev Patel', 'Sam Secretary']);
    expect(third.next).toBeNull();
    expect(names(await page({ limit: 2, before: third.previous! }))).toEqual(names(second));
    expect(names(await page({ search: '100%_' }))).toEqual(['Cleo 100%_']);
    expect(names(await page({ search: '%' }))).toEqual(['Cleo 100%_']);
    expect(names(await page({ search: 'n-4' }))).toEqual(['Dev Patel']);
    expect(names(await page({ search: 'B2@EXAMPLE' }))).toEqual(['beth young']);
    await expect(page({ after: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ path: 'after' }],
    });
  });

  it('exports the register as CSV that imports again unchanged', async () => {
    const { ctx, camdenId, sam, add } = await setUp();
    await add('Ada, Lovelace', 'ada@example.org', {
      memberNumber: 'M "1"',
      joinedOn: '2020-02-02',
    });
    const file = await exportRegister(ctx, { actor: sam, bodyId: camdenId });
    expect(file.filename).toBe('camden-town-group-members.csv');
    expect(file.csv.split('\r\n')).toEqual([
      'Membership Number,Full Name,Email,Branch,Joined,Status,Left',
      '"M ""1""","Ada, Lovelace",ada@example.org,Camden Town Group,2020-02-02,Active,',
      ',Sam Secretary,sam@example.org,Camden Town Group,,Active,',
      '',
    ]);
    const again = await importMembers(ctx, {
      actor: sam,
      bodyId: camdenId,
      csv: file.csv,
      dryRun: true,
    });
    expect([again.rows, again.added, again.updated, again.unchanged, again.rejected]).toEqual([
      2,
      0,
      0,
      2,
      [],
    ]);
  });

  it('exports formula-like cells as text, a quote in front (OWASP CSV injection)', async () => {
    const { ctx, camdenId, sam, add } = await setUp();
    await add('=HYPERLINK("http://evil.example","click")', 'eve@example.org', {
      memberNumber: '+44',
    });
    await add('@SUM(A1)', 'sum@example.org', { memberNumber: '-1' });
    const lines = (await exportRegister(ctx, { actor: sam, bodyId: camdenId })).csv.split('\r\n');
    expect(lines).toContain(
      `'+44,"'=HYPERLINK(""http://evil.example"",""click"")",eve@example.org,Camden Town Group,,Active,`,
    );
    expect(lines).toContain(`'-1,'@SUM(A1),sum@example.org,Camden Town Group,,Active,`);
  });
});
