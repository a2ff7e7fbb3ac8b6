import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commonFailure,
  guessMapping,
  mappingProblems,
  parseCalendarDate,
  planImport,
  readStatus,
  type RegisteredMember,
  type SourceRow,
} from './member-import.ts';

describe('guessing the column mapping', () => {
  it.each([
    [
      'a branch register kept in a spreadsheet',
      ['Membership Number', 'Full Name', 'Email', 'Branch', 'Joined', 'Status'],
      {
        memberNumber: 'Membership Number',
        name: 'Full Name',
        email: 'Email',
        branch: 'Branch',
        joined: 'Joined',
        status: 'Status',
      },
    ],
    [
      'a campaigning CRM export with split names',
      ['first_name', 'last_name', 'email', 'zip_code', 'created_at', 'tags'],
      { firstName: 'first_name', lastName: 'last_name', email: 'email', joined: 'created_at' },
    ],
    [
      'French headings with accents',
      ['Nom', 'Prénom', 'Courriel', 'Adhésion'],
      { lastName: 'Nom', firstName: 'Prénom', email: 'Courriel', joined: 'Adhésion' },
    ],
  ])('reads %s', (_, headings, mapping) => expect(guessMapping(headings)).toEqual(mapping));

  it('asks for a hand mapping when it cannot find emails or names', () => {
    expect(mappingProblems(guessMapping(['A', 'B']), ['A', 'B'])).toHaveLength(2);
    expect(mappingProblems({ email: 'B', name: 'Z' }, ['A', 'B'])[0]).toContain('"Z"');
  });
});

describe('reading dates from registers', () => {
  it.each([
    ['2023-02-28', '2023-02-28'],
    ['2016-06-27 10:00:00', '2016-06-27'],
    ['2016-06-27T10:00:00Z', '2016-06-27'],
    ['28/02/2023', '2023-02-28'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (raw, date) => expect(parseCalendarDate(raw)).toBe(date));

  it.each(['2023-02-30', '2023-13-01', '2023-02-00', '31/04/2023', 'yesterday', '2023/02/28x'])(
    'refuses %s',
    (raw) => {
      expect(parseCalendarDate(raw)).toBeNull();
    },
  );

  it('reads every real day of every month and refuses the day after the last', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(parseCalendarDate(iso)).toBe(iso);
        },
      ),
    );
  });
});

const target = { id: 'camden', name: 'Camden Town Group', slug: 'camden-town-group' };
const mapping = {
  memberNumber: 'No',
  name: 'Name',
  email: 'Email',
  branch: 'Branch',
  joined: 'Joined',
};
const row = (line: number, values: Record<string, string>): SourceRow => ({
  line,
  values: { No: '', Name: '', Email: '', Branch: '', Joined: '', ...values },
});
const registered = (over: Partial<RegisteredMember>): RegisteredMember => ({
  membershipId: 'm1',
  personId: 'p1',
  bodyId: 'camden',
  name: 'Isla Singh',
  email: 'isla@example.org',
  memberNumber: 'M1',
  joinedOn: '2016-05-04',
  leftOn: null,
  hasAccount: false,
  ...over,
});
const plan = (
  rows: SourceRow[],
  register: RegisteredMember[] = [],
  owners: [string, string][] = [],
) =>
  planImport({
    rows,
    mapping,
    bodies: [target, { id: 'kentish', name: 'Kentish Town Group', slug: 'kentish-town-group' }],
    register,
    emailOwners: new Map(owners),
  });

describe('planning an import', () => {
  it('adds new members and rejects bad rows with their line and reason', () => {
    const p = plan([
      row(2, { No: 'M1', Name: 'Isla Singh', Email: 'ISLA@example.org ', Joined: '2016-05-04' }),
      row(3, { No: 'M2', Name: 'Xavi Chowdhury', Email: '' }),
      row(4, { No: 'M3', Name: 'Nell Kowalski', Email: 'nell@example.org', Joined: '2023-02-30' }),
      row(5, { No: 'M4', Name: '', Email: 'x@example.org' }),
      row(6, { No: 'M5', Name: 'Bad Mail', Email: 'not-an-address' }),
    ]);
    expect(p.add.map((m) => [m.line, m.email, m.bodyId])).toEqual([
      [2, 'isla@example.org', 'camden'],
    ]);
    expect(p.rejected).toEqual([
      { line: 3, reason: 'no email address', field: 'email' },
      { line: 4, reason: 'joined date "2023-02-30" is not a real date', field: 'joined' },
      { line: 5, reason: 'no name', field: 'name' },
      { line: 6, reason: '"not-an-address" is not an email address', field: 'email' },
    ]);
  });

  it('changes nothing when the register already holds the same members', () => {
    const p = plan(
      [row(2, { No: 'M1', Name: 'Isla Singh', Email: 'isla@example.org', Joined: '2016-05-04' })],
      [registered({})],
    );
    expect([p.add.length, p.update.length, p.unchanged.length]).toEqual([0, 0, 1]);
  });

  it('matches by member number first, so a changed email is an update', () => {
    const p = plan(
      [row(2, { No: 'M1', Name: 'Isla Singh', Email: 'isla.new@example.org' })],
      [registered({})],
    );
    expect(p.update[0]?.changes).toEqual(['email']);
  });

  it('does not overwrite the name or email of a member who has signed up', () => {
    const p = plan(
      [row(2, { No: 'M1', Name: 'Isla S.', Email: 'other@example.org' })],
      [registered({ hasAccount: true })],
    );
    expect(p.update).toEqual([]);
    expect(p.unchanged).toHaveLength(1);
  });

  it('refuses to move an email that belongs to someone else', () => {
    const p = plan(
      [row(2, { No: 'M1', Name: 'Isla Singh', Email: 'taken@example.org' })],
      [registered({})],
      [['taken@example.org', 'p2']],
    );
    expect(p.rejected[0]?.reason).toContain('belongs to another person');
  });

  it('places rows in the branch they name, and rejects branches outside the target', () => {
    const p = plan([
      row(2, { Name: 'A B', Email: 'a@example.org', Branch: 'kentish town group' }),
      row(3, { Name: 'C D', Email: 'c@example.org', Branch: 'Hackney Group' }),
    ]);
    expect(p.add.map((m) => m.bodyId)).toEqual(['kentish']);
    expect(p.rejected).toEqual([
      {
        line: 3,
        reason: 'branch "Hackney Group" is not Camden Town Group or a body below it',
        field: 'branch',
      },
    ]);
  });

  it('rejects a second row for the same member in one file', () => {
    const p = plan([
      row(2, { Name: 'A B', Email: 'a@example.org' }),
      row(9, { Name: 'A B', Email: 'A@example.org' }),
    ]);
    expect(p.rejected).toEqual([{ line: 9, reason: 'the same member as line 2' }]);
  });

  it('marks a member who had left and is in the file again as rejoined', () => {
    const p = plan(
      [row(2, { No: 'M1', Name: 'Isla Singh', Email: 'isla@example.org' })],
      [registered({ leftOn: '2025-01-01' })],
    );
    expect(p.update[0]?.changes).toEqual(['rejoined']);
  });

  it('imports a row whose Status says lapsed as lapsed, and lapses a current member', () => {
    const withStatus = (rows: SourceRow[], register: RegisteredMember[] = []) =>
      planImport({
        rows,
        mapping: { ...mapping, status: 'Status' },
        bodies: [target],
        register,
        emailOwners: new Map(),
      });
    const fresh = withStatus([
      row(2, { No: 'M1', Name: 'Isla Singh', Email: 'isla@example.org', Status: 'Lapsed' }),
      row(3, { No: 'M2', Name: 'Xavi Chowdhury', Email: 'x@example.org', Status: 'Current' }),
      row(4, { No: 'M3', Name: 'Nell Kowalski', Email: 'n@example.org', Status: 'Suspended' }),
    ]);
    expect(fresh.add.map((m) => [m.line, m.lapsed])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(fresh.rejected).toEqual([
      { line: 4, reason: 'status "Suspended" is neither current nor lapsed', field: 'status' },
    ]);
    const lapsing = withStatus(
      [row(2, { No: 'M1', Name: 'Isla Singh', Email: 'isla@example.org', Status: 'lapsed' })],
      [registered({})],
    );
    expect(lapsing.update[0]?.changes).toEqual(['lapsed']);
    // Lapsed in the file and on the register: nothing to do, and not "rejoined".
    const still = withStatus(
      [row(2, { No: 'M1', Name: 'Isla Singh', Email: 'isla@example.org', Status: 'Lapsed' })],
      [registered({ leftOn: '2025-01-01' })],
    );
    expect([still.update, still.unchanged.length]).toEqual([[], 1]);
  });

  it('reads the words registers use for a status', () => {
    expect(['Active', 'current', '', 'Actif'].map(readStatus)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['Lapsed', 'LEFT', 'Expired', 'Ancien'].map(readStatus)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(readStatus('Pending')).toBeNull();
  });

  it('names the column most rows failed on when no row can be imported, and only then', () => {
    const elsewhere = plan([
      row(2, { Name: 'A B', Email: 'a@example.org', Branch: 'Hackney Group' }),
      row(3, { Name: 'C D', Email: 'c@example.org', Branch: 'Hackney Group' }),
    ]);
    expect(commonFailure(elsewhere, 2)).toMatchObject({ field: 'branch', rows: 2 });
    const mixed = plan([
      row(2, { Name: 'A B', Email: 'a@example.org', Branch: 'Hackney Group' }),
      row(3, { Name: 'C D', Email: '' }),
    ]);
    expect(commonFailure(mixed, 2)).toBeNull();
    const mostly = plan([
      row(2, { Name: 'A B', Email: 'a@example.org', Branch: 'Hackney Group' }),
      row(3, { Name: 'C D', Email: '' }),
      row(4, { Name: 'E F', Email: 'e@example.org', Branch: 'Hackney Group' }),
    ]);
    expect(commonFailure(mostly, 3)).toMatchObject({
      field: 'branch',
      rows: 2,
      first: { line: 2 },
    });
    const someFine = plan([
      row(2, { Name: 'A B', Email: 'a@example.org', Branch: 'Hackney Group' }),
      row(3, { Name: 'C D', Email: 'c@example.org' }),
    ]);
    expect(commonFailure(someFine, 2)).toBeNull();
    expect(commonFailure(plan([]), 0)).toBeNull();
  });

  it('accounts for every row exactly once, whatever the file holds', () => {
    const cell = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('a@example.org', 'b@example.org', '2023-02-30', 'Kentish Town Group'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.record({ No: cell, Name: cell, Email: cell, Branch: cell, Joined: cell }), {
          maxLength: 30,
        }),
        (records) => {
          const rows = records.map((values, i) => ({ line: i + 2, values }));
          const p = plan(rows);
          const lines = [
            ...p.add.map((m) => m.line),
            ...p.update.map((u) => u.member.line),
            ...p.unchanged.map((m) => m.line),
            ...p.rejected.map((r) => r.line),
          ];
          expect(lines.sort((a, b) => a - b)).toEqual(rows.map((r) => r.line));
        },
      ),
    );
  });
});
