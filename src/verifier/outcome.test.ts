import { describe, expect, it } from 'vitest';
import { outcomeOf } from './outcome.ts';

describe('the outcome the counts give (protocol section 7)', () => {
  it.each([
    ['simple-majority-of-votes-cast', [5, 4, 9], 10, 'carried'],
    ['simple-majority-of-votes-cast', [4, 4, 0], 10, 'not-carried'],
    ['two-thirds-of-votes-cast', [6, 3, 5], 20, 'carried'],
    ['two-thirds-of-votes-cast', [5, 3, 0], 20, 'not-carried'],
    ['two-thirds-of-votes-cast', [0, 0, 4], 20, 'not-carried'], // F ≥ 1 is needed
    ['two-thirds-of-members-present', [8, 0, 4], 12, 'carried'],
    ['two-thirds-of-members-present', [8, 0, 0], 13, 'not-carried'], // P = E = 13
    ['two-thirds-of-members-present', [20, 5, 5], 10, 'carried'], // card vote: P = F + A + B = 30
    ['absolute-majority-of-members', [6, 0, 0], 11, 'carried'],
    ['absolute-majority-of-members', [6, 0, 0], 12, 'not-carried'],
    ['most-votes', [3, 7, 2], 5, '1'],
    ['most-votes', [7, 7, 2], 5, 'tie'],
    ['most-votes', [0, 0], 5, 'tie'],
  ] as const)('%s with counts %j and %i electors: %s', (rule, counts, electors, outcome) => {
    expect(outcomeOf(rule, counts, electors)).toBe(outcome);
  });
});
