import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../organisations/standing-orders.ts';
import { describeResult } from './thresholds.ts';
import { cardVote, decideRoomVote, rollCall, showOfHands } from './votes.ts';
import type { Choice } from './votes.ts';

const expectCode = (f: () => unknown, code: string) =>
  expect(f).toThrow(expect.objectContaining({ code }));

/** The answers given in a roll call or card vote, each as [person, choice]. */
const answers = (...given: [personId: string, choice: Choice][]) =>
  given.map(([personId, choice]) => ({ personId, choice }));

describe('show of hands', () => {
  it('takes the chair’s figures and decides them', () => {
    const vote = showOfHands({ for: 23, against: 4, abstain: 2 }, 29);
    const result = decideRoomVote(vote, {
      rules: { defaultThreshold: 'simple-majority-of-votes-cast', tieRule: 'casting-vote' },
      members: 40,
    });
    expect(describeResult(result)).toBe(
      'carried: simple majority of votes cast, 23–4, 2 abstentions',
    );
  });

  it('refuses more hands than members present', () => {
    expect(() => showOfHands({ for: 23, against: 4, abstain: 3 }, 29)).toThrow(
      expect.objectContaining({
        code: 'TOO_MANY_VOTES',
        message: '30 votes and abstentions were entered, but only 29 are present.',
      }),
    );
    expectCode(() => showOfHands({ for: -1, against: 0, abstain: 0 }, 29), 'VALIDATION_FAILED');
  });
});

describe('roll call', () => {
  it('records each present member’s answer once', () => {
    const vote = rollCall(answers(['a', 'for'], ['b', 'against'], ['c', 'abstain']), [
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(vote.counts).toEqual({ for: 1, against: 1, abstain: 1 });
    expect(vote.present).toBe(4);
    expect(vote.notVoting).toEqual(['d']);
    expect(vote.record.map((r) => r.personId)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a second answer and an answer from someone not present', () => {
    expectCode(() => rollCall(answers(['a', 'for'], ['a', 'against']), ['a']), 'ALREADY_VOTED');
    expectCode(() => rollCall([{ personId: 'z', choice: 'for' }], ['a']), 'NOT_PRESENT');
  });

  it('counts agree with the record and never exceed those present', () => {
    const choice = fc.constantFrom<Choice>('for', 'against', 'abstain');
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(500)), fc.array(choice), (ids, choices) => {
        const present = ids.map(String);
        const answers = present.slice(0, choices.length).map((personId, i) => ({
          personId,
          choice: choices[i]!,
        }));
        const vote = rollCall(answers, present);
        const total = vote.counts.for + vote.counts.against + vote.counts.abstain;
        expect(total).toBe(answers.length);
        expect(total + vote.notVoting.length).toBe(vote.present);
      }),
    );
  });
});

describe('card vote', () => {
  it('weights each card', () => {
    const vote = cardVote(answers(['unite', 'for'], ['gmb', 'against'], ['cwu', 'abstain']), [
      { personId: 'unite', weight: 500 },
      { personId: 'gmb', weight: 300 },
      { personId: 'cwu', weight: 50 },
      { personId: 'bfawu', weight: 10 },
    ]);
    expect(vote.counts).toEqual({ for: 500, against: 300, abstain: 50 });
    expect(vote.present).toBe(860);
    const result = decideRoomVote(vote, {
      rules: PRESETS.citrine,
      members: 1000,
      threshold: 'two-thirds-of-votes-cast',
    });
    expect(result.outcome).toBe('lost');
  });

  it('refuses bad weights, absent holders and double votes', () => {
    expectCode(() => cardVote([], [{ personId: 'a', weight: 0 }]), 'VALIDATION_FAILED');
    expectCode(
      () => cardVote([{ personId: 'b', choice: 'for' }], [{ personId: 'a', weight: 1 }]),
      'NOT_PRESENT',
    );
    expectCode(
      () => cardVote(answers(['a', 'for'], ['a', 'for']), [{ personId: 'a', weight: 2 }]),
      'ALREADY_VOTED',
    );
  });
});
