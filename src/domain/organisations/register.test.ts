import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { checkMemberDetails, csvCell, lapseDate, registerCsvLine } from './register.ts';

describe('a cell of the register’s CSV', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-1', "'-1"],
    ['@import', "'@import"],
    ['\tHidden', "'\tHidden"],
    ['\rHidden', `"'\rHidden"`],
  ])('makes %j text with a quote in front (OWASP, CSV injection)', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('Lovelace, Ada')).toBe('"Lovelace, Ada"');
    expect(csvCell('Ada "Countess" Lovelace')).toBe('"Ada ""Countess"" Lovelace"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('leaves an ordinary name, a date and an email as they are', () => {
    expect(csvCell('Zoë Müller')).toBe('Zoë Müller');
    expect(csvCell('2024-05-01')).toBe('2024-05-01');
    expect(csvCell('zoe@example.org')).toBe('zoe@example.org');
  });

  it('writes a lapsed member as Lapsed with the day, a current one as Active', () => {
    const row = { memberNumber: 'M1', name: 'Ada', email: 'a@example.org', branch: 'Camden' };
    expect(registerCsvLine({ ...row, joinedOn: null, leftOn: '2026-01-01' }, '2026-06-01')).toBe(
      'M1,Ada,a@example.org,Camden,,Lapsed,2026-01-01\r\n',
    );
    // Set to lapse later: still a member today.
    expect(registerCsvLine({ ...row, joinedOn: null, leftOn: '2026-12-31' }, '2026-06-01')).toBe(
      'M1,Ada,a@example.org,Camden,,Active,2026-12-31\r\n',
    );
  });
});

describe('a member’s details', () => {
  it('are tidied as an import tidies them', () => {
    expect(
      checkMemberDetails(
        {
          name: '  Ada   Lovelace ',
          email: ' Ada@Example.ORG ',
          memberNumber: ' ',
          joinedOn: '10/12/2015',
        },
        '2026-01-01',
      ),
    ).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      memberNumber: null,
      joinedOn: '2015-12-10',
    });
  });

  it('are refused with every problem named by its field', () => {
    let refusal: unknown;
    try {
      checkMemberDetails(
        { name: ' ', email: 'ada', memberNumber: 'x'.repeat(65), joinedOn: '2027-01-01' },
        '2026-01-01',
      );
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).problems.map((p) => p.path)).toEqual([
      'name',
      'email',
      'memberNumber',
      'joinedOn',
    ]);
  });
});

describe('the day a membership lapses', () => {
  it('is today unless given, and never before the member joined', () => {
    expect(lapseDate(undefined, '2020-01-01', '2026-01-01')).toBe('2026-01-01');
    expect(lapseDate('31/03/2025', '2020-01-01', '2026-01-01')).toBe('2025-03-31');
    expect(() => lapseDate('2019-12-31', '2020-01-01', '2026-01-01')).toThrow(
      'A membership cannot lapse before it began.',
    );
    expect(() => lapseDate('2025-02-30', null, '2026-01-01')).toThrow('That is not a date.');
  });
});
