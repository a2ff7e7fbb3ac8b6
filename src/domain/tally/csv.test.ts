import { describe, expect, it } from 'vitest';
import { rankingsOf } from './ballots.ts';
import { readRankingCsv } from './csv.ts';

describe('readRankingCsv', () => {
  it('reads rank numbers per candidate, equal ranks, weights and quoting', () => {
    const p = readRankingCsv(
      'weight,Ada,"Ben ""B"" Jones",Cal\r\n2,1,2,\r\n1,2,,1\r\n1,1,1,2\r\n',
      { seats: 1, title: 't' },
    );
    expect(p.candidates).toEqual(['Ada', 'Ben "B" Jones', 'Cal']);
    expect(rankingsOf(p.ballots)).toEqual([
      { weight: 2, ranking: [0, 1] },
      { weight: 1, ranking: [2, 0] },
      { weight: 1, ranking: [[0, 1], 2] },
    ]);
  });

  it('stops the preferences at the first missing number, as on a paper ballot', () => {
    const p = readRankingCsv('A,B,C\n1,2,4\n', { seats: 1 });
    expect(rankingsOf(p.ballots)).toEqual([{ weight: 1, ranking: [0, 1] }]);
  });

  it('names the line of every problem', () => {
    expect(() => readRankingCsv('', { seats: 1 })).toThrow(/line 1: empty file/);
    expect(() => readRankingCsv('A,B\n1,x\n', { seats: 1 })).toThrow(
      /line 2: the rank for B must be a whole number/,
    );
    expect(() => readRankingCsv('A,B\n1\n', { seats: 1 })).toThrow(
      /line 2: expected 2 fields, found 1/,
    );
    expect(() => readRankingCsv('A,A\n', { seats: 1 })).toThrow(
      /line 1: candidate "A" appears twice/,
    );
    expect(() => readRankingCsv('A,B\n"1,2\n', { seats: 1 })).toThrow(
      /line 2: a quoted field is not closed/,
    );
  });
});
