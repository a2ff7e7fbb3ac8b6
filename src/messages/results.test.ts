import { describe, expect, it } from 'vitest';
import {
  decideQuestion,
  describeResult,
  type Threshold,
  type DecideQuestionInput,
} from '../domain/meetings/thresholds.ts';
import { declaredWords, resultWords } from './results.ts';

const NARROW = '\u202f';

const THRESHOLDS: readonly Threshold[] = [
  'simple-majority-of-votes-cast',
  'two-thirds-of-votes-cast',
  'two-thirds-of-members-present',
  'absolute-majority-of-members',
];

/** Results of every kind: each threshold carried and lost, and each way a tie is settled. */
const cases: DecideQuestionInput[] = [
  ...THRESHOLDS.flatMap((threshold) => [
    {
      counts: { for: 23, against: 4, abstain: 2 },
      threshold,
      tieRule: 'lost' as const,
      present: 29,
      members: 40,
    },
    {
      counts: { for: 8, against: 18, abstain: 1 },
      threshold,
      tieRule: 'lost' as const,
      present: 29,
      members: 40,
    },
    {
      counts: { for: 12, against: 10, abstain: 0 },
      threshold,
      tieRule: 'lost' as const,
      present: 29,
      members: 40,
    },
  ]),
  {
    counts: { for: 5, against: 5, abstain: 1 },
    threshold: 'simple-majority-of-votes-cast',
    tieRule: 'lost' as const,
    present: 11,
    members: 40,
  },
  {
    counts: { for: 5, against: 5, abstain: 1 },
    threshold: 'simple-majority-of-votes-cast',
    tieRule: 'not-carried' as const,
    present: 11,
    members: 40,
  },
  {
    counts: { for: 5, against: 5, abstain: 1 },
    threshold: 'simple-majority-of-votes-cast',
    tieRule: 'casting-vote' as const,
    castingVote: 'for' as const,
    present: 11,
    members: 40,
  },
];

describe('a declared result in the reader’s language', () => {
  it('is in English the very sentence the domain declares, for every kind of result', () => {
    for (const input of cases) {
      const result = decideQuestion(input);
      expect(resultWords(result, 'en')).toBe(describeResult(result));
    }
  });

  it('is in French with French words, plurals and typography', () => {
    const carried = decideQuestion(cases[0]!);
    expect(resultWords(carried, 'fr')).toBe(
      `adoptée${NARROW}: majorité simple des suffrages exprimés, 23–4, 2 abstentions`,
    );
    const one = decideQuestion({ ...cases[0]!, counts: { for: 9, against: 1, abstain: 1 } });
    expect(resultWords(one, 'fr')).toBe(
      `adoptée${NARROW}: majorité simple des suffrages exprimés, 9–1, 1 abstention`,
    );
    const tie = decideQuestion(cases.at(-3)!);
    expect(resultWords(tie, 'fr')).toBe(
      `rejetée${NARROW}: égalité des voix, 5–5, 1 abstention${NARROW}; l’égalité vaut rejet`,
    );
    for (const input of cases) {
      expect(resultWords(decideQuestion(input), 'fr')).not.toMatch(/carried|lost|votes|needed/);
    }
  });

  it('is worded from the stored result, and a row stored with words only is shown as it was', () => {
    const result = decideQuestion(cases[0]!);
    expect(declaredWords('carried: …', JSON.stringify(result), 'fr')).toBe(
      resultWords(result, 'fr'),
    );
    expect(declaredWords('carried: as stored', null, 'fr')).toBe('carried: as stored');
  });
});
