import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { profileFromRankings, rankingsOf } from './ballots.ts';
import { BltReader, readBlt, writeBlt } from './blt.ts';

describe('readBlt', () => {
  it('reads the classic example of Hill, Wichmann and Woodall', () => {
    const p = readBlt(
      '4 2\n-2\n3 1 3 4 0\n4 1 3 2 0\n2 4 1 3 0\n1 2 0\n2 2 4 3 1 0\n1 3 4 2 0\n0\n"Adam"\n"Basil"\n"Charlotte"\n"Donald"\n"Title"\n',
    );
    expect(p.seats).toBe(2);
    expect(p.candidates).toEqual(['Adam', 'Basil', 'Charlotte', 'Donald']);
    expect(p.withdrawn).toEqual([1]);
    expect(p.title).toBe('Title');
    expect(p.ballots.total).toBe(13);
    expect(rankingsOf(p.ballots)[0]).toEqual({ weight: 3, ranking: [0, 2, 3] });
  });

  it('merges identical ballots into one group', () => {
    const p = readBlt('2 1\n1 1 2 0\n1 1 2 0\n3 2 0\n0\n"A"\n"B"\n"t"\n');
    expect(p.ballots.count).toBe(2);
    expect(p.ballots.total).toBe(5);
  });

  it('reads equal rankings, nicknames, tie order, withdrawn option, comments, IDs and skips', () => {
    const p = readBlt(
      [
        '# a comment line',
        '4 2',
        '[nick a b c d]',
        '[tie d c b a]',
        '[withdrawn c]',
        '5 a b=c d 0  # trailing comment',
        '(ballot-7) 1 b - a 0',
        '0',
        '"Ann \\"the\\" Chair"',
        '"Bob # not a comment"',
        '"Cy"',
        '"Di"',
        '"Title"',
        '"Source"',
      ].join('\r\n'),
    );
    expect(p.tieOrder).toEqual([3, 2, 1, 0]);
    expect(p.withdrawn).toEqual([2]);
    expect(p.candidates[0]).toBe('Ann "the" Chair');
    expect(p.candidates[1]).toBe('Bob # not a comment');
    expect(p.notes).toEqual(['Source']);
    expect(p.ballots.hasEqualRankings).toBe(true);
    expect(rankingsOf(p.ballots)).toEqual([
      { weight: 5, ranking: [0, [1, 2], 3] },
      { weight: 1, ranking: [1, 0] },
    ]);
  });

  it('keeps free text after the title (Wichmann test files carry notes)', () => {
    const p = readBlt('1 1\n1 1 0\n0\n"A"\n"T"\n"source"\nFirst Prefs\n  1\n');
    expect(p.notes).toEqual(['source', 'First Prefs', '  1']);
  });

  const malformed: [string, string, RegExp][] = [
    ['empty file', '', /line 1: empty file/],
    ['bad header', 'three 2\n', /line 1: expected "candidates seats"/],
    ['more seats than candidates', '2 3\n', /line 1: 3 seats but only 2 candidates/],
    ['no seats', '2 0\n', /line 1: there must be at least one seat/],
    [
      'candidate out of range',
      '2 1\n1 1 3 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: no candidate 3 \(there are 2\)/,
    ],
    [
      'missing terminator',
      '2 1\n1 1 2\n0\n"A"\n"B"\n"t"\n',
      /line 2: a ballot line must end with 0/,
    ],
    [
      'repeated candidate',
      '2 1\n1 1 2 1 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: candidate 1 is ranked more than once/,
    ],
    [
      'fractional weight',
      '2 1\n1.5 1 2 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: the ballot weight must be a whole number/,
    ],
    [
      'zero weight',
      '2 1\n0 1 2 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: a ballot weight must be at least 1/,
    ],
    [
      'text in a ballot',
      '2 1\n1 1 x 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: "x" is not a candidate number/,
    ],
    [
      'dangling equals',
      '2 1\n1 1= 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: "=" must stand between two candidates/,
    ],
    ['junk after the 0', '2 1\n1 1 0 2\n0\n"A"\n"B"\n"t"\n', /line 2: unexpected "2" after the 0/],
    ['no end of ballots', '2 1\n1 1 0\n', /line 3: the file ended before the "0" line/],
    ['missing names', '2 1\n1 1 0\n0\n"A"\n', /line 5: expected 2 candidate names, found 1/],
    [
      'unquoted name',
      '2 1\n1 1 0\n0\n"A"\nB\n"t"\n',
      /line 5: expected the quoted name of candidate 2/,
    ],
    [
      'missing title',
      '2 1\n1 1 0\n0\n"A"\n"B"\n',
      /line 6: the quoted title of the election is missing/,
    ],
    ['unclosed quote', '2 1\n1 1 0\n0\n"A\n"B"\n"t"\n', /line 4: the name has no closing quote/],
    ['bad withdrawn', '2 1\n-3\n1 1 0\n0\n"A"\n"B"\n"t"\n', /line 2: no candidate 3 to withdraw/],
    [
      'unknown option',
      '2 1\n[colour red]\n1 1 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: unknown option \[colour\]/,
    ],
    [
      'unknown nickname',
      '2 1\n[nick a b]\n1 a c 0\n0\n"A"\n"B"\n"t"\n',
      /line 3: unknown candidate "c"/,
    ],
    [
      'negative preference',
      '2 1\n1 1 -2 0\n0\n"A"\n"B"\n"t"\n',
      /line 2: "-2 0": a preference cannot be negative|line 2: "-2": a preference cannot be negative/,
    ],
  ];
  for (const [what, text, message] of malformed) {
    it(`names the line of a malformed file: ${what}`, () => {
      let caught: unknown;
      try {
        readBlt(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe('MALFORMED_FILE');
      expect((caught as DomainError).message).toMatch(message);
    });
  }
});

describe('BltReader', () => {
  const sample = [
    '\uFEFF# a comment line',
    '4 2',
    '[nick a b c d]',
    '5 a b=c d 0  # trailing comment',
    '(ballot-7) 1 b - a 0',
    '2 1 2 3 4 0',
    '3\t4 3 0',
    '1 2=3 0',
    '2 1 2 3 4 0\r',
    '0',
    '"Ann \\"the\\" Chair"',
    '"Bob"',
    '"Cy"',
    '"Di"',
    '"Title"',
  ].join('\n');

  it('reads the same whichever way the file is cut into chunks', () => {
    const bytes = new TextEncoder().encode(sample);
    const whole = readBlt(sample);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 }), (cuts) => {
        const reader = new BltReader();
        let at = 0;
        for (const cut of cuts) {
          reader.push(bytes.subarray(at, at + cut));
          at += cut;
        }
        reader.push(bytes.subarray(at));
        expect(reader.end()).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('names the line of an error found while chunks arrive', () => {
    const reader = new BltReader();
    const bytes = new TextEncoder().encode('2 1\n1 1 2 0\n1 2 ');
    reader.push(bytes);
    expect(() => reader.push(new TextEncoder().encode('3 0\n'))).toThrow(
      /line 3: no candidate 3 \(there are 2\)/,
    );
  });

  it('counts the bytes and the ballot papers read so far', () => {
    const reader = new BltReader();
    reader.push(new TextEncoder().encode('2 1\n3 1 2 0\n4 2 0\n1 1'));
    expect(reader.bytesRead).toBe(21);
    expect(reader.papersRead).toBe(7);
  });
});

describe('writeBlt', () => {
  // up to 24 candidates, so that long rankings (hashed, not keyed exactly: more than 8 entries
  // at 24 candidates) are read and merged too; every ballot twice, so that merging is checked
  it('round-trips any profile', () => {
    const profileArb = fc.integer({ min: 1, max: 24 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        seats: fc.integer({ min: 1, max: n }),
        names: fc.array(fc.string({ maxLength: 8 }), { minLength: n, maxLength: n }),
        title: fc.string({ maxLength: 12 }),
        ballots: fc.array(
          fc.record({
            weight: fc.integer({ min: 1, max: 5 }),
            order: fc.shuffledSubarray([...Array(n).keys()]),
            equal: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          }),
          { maxLength: 20 },
        ),
      }),
    );
    fc.assert(
      fc.property(profileArb, ({ seats, names, title, ballots }) => {
        const profile = profileFromRankings({
          candidates: names.map((s) => s.replace(/\n|\r/g, ' ')),
          seats,
          title: title.replace(/\n|\r/g, ' '),
          ballots: ballots.flatMap((b) => {
            const ranking: number[][] = [];
            b.order.forEach((c, i) => {
              if (i > 0 && b.equal[i]) ranking[ranking.length - 1]!.push(c);
              else ranking.push([c]);
            });
            return [
              { weight: b.weight, ranking },
              { weight: 1, ranking },
            ];
          }),
        });
        const back = readBlt(writeBlt(profile));
        expect(profile.ballots.count).toBeLessThanOrEqual(ballots.length);
        expect(back.candidates).toEqual(profile.candidates.map((s) => s));
        expect(back.title).toEqual(profile.title);
        expect(rankingsOf(back.ballots)).toEqual(rankingsOf(profile.ballots));
        // each ballot line twice in the file: the reader merges them, at twice the weight
        const lines = writeBlt(profile).split('\n');
        const end = lines.indexOf('0');
        const doubled = [...lines.slice(0, end), ...lines.slice(1, end), ...lines.slice(end)];
        expect(rankingsOf(readBlt(doubled.join('\n')).ballots)).toEqual(
          rankingsOf(profile.ballots).map((b) => ({ ...b, weight: 2 * (b.weight ?? 1) })),
        );
      }),
      { numRuns: 200 },
    );
  });
});
