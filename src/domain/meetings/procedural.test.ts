import { describe, expect, it } from 'vitest';
import { PRESETS } from '../organisations/standing-orders.ts';
import {
  PROCEDURAL_KINDS,
  assertMayMoveProcedural,
  decideProcedural,
  proceduralRule,
} from './procedural.ts';
import { describeResult } from './thresholds.ts';

const citrine = { ...PRESETS.citrine, tieRule: 'casting-vote' } as const;
const ronr = PRESETS.ronr;
const votes = (f: number, a: number, b = 0) => ({ for: f, against: a, abstain: b });

/**
 * A procedural motion decided in a meeting of 40 members with 29 present, under Citrine's rules
 * unless `more` says otherwise.
 */
const decideIn29Of40 = (
  kind: Parameters<typeof decideProcedural>[0]['kind'],
  counts: ReturnType<typeof votes>,
  more: Partial<Parameters<typeof decideProcedural>[0]> = {},
) => decideProcedural({ kind, counts, rules: citrine, present: 29, members: 40, ...more });

describe('procedural motions', () => {
  it('each has a wording, a threshold and an effect under both rule books', () => {
    for (const kind of PROCEDURAL_KINDS) {
      for (const rules of [citrine, ronr]) {
        const rule = proceduralRule(kind, rules);
        expect(rule.wording).toMatch(/^That /);
        expect(rule.ifCarried.length).toBeGreaterThan(10);
      }
    }
  });

  it('the closure: a simple majority (Citrine), two-thirds (RONR, Previous Question)', () => {
    const citrineClosure = decideIn29Of40('closure', votes(15, 10));
    expect(citrineClosure.effect.kind).toBe('put-question');
    const ronrClosure = decideIn29Of40('closure', votes(15, 10), { rules: ronr });
    expect(ronrClosure.result.outcome).toBe('lost');
    expect(ronrClosure.effect).toEqual({
      kind: 'none',
      explanation: 'Debate continues on the question before the meeting.',
    });
  });

  it('next business and reference back act on the motion', () => {
    expect(decideIn29Of40('next-business', votes(15, 10)).effect).toMatchObject({
      kind: 'motion-event',
      event: { type: 'next-business' },
    });
    expect(
      decideIn29Of40('refer-back', votes(15, 10), { referTo: 'the executive' }).effect,
    ).toMatchObject({ kind: 'motion-event', event: { type: 'refer', to: 'the executive' } });
  });

  it('suspending standing orders needs two-thirds of members present', () => {
    const decision = decideIn29Of40('suspend-standing-orders', votes(19, 2, 8));
    expect(decision.result.outcome).toBe('lost');
    expect(describeResult(decision.result)).toBe(
      'lost: two-thirds of members present, 19–2, 8 abstentions; 29 present, 20 needed',
    );
    expect(decideIn29Of40('suspend-standing-orders', votes(20, 2, 7)).effect.kind).toBe(
      'suspend-standing-orders',
    );
  });

  it('a challenge to the chair: a tie upholds the ruling, with no casting vote', () => {
    const tie = decideIn29Of40('challenge-to-chair', votes(12, 12, 5));
    expect(tie.effect.kind).toBe('ruling-stands');
    expect(() =>
      decideIn29Of40('challenge-to-chair', votes(12, 12, 5), { castingVote: 'against' }),
    ).toThrow(expect.objectContaining({ code: 'CASTING_VOTE_NOT_ALLOWED' }));
    expect(decideIn29Of40('challenge-to-chair', votes(13, 12, 4)).effect.kind).toBe(
      'ruling-overturned',
    );
  });

  it('next business, closure and reference back need a question before the meeting', () => {
    expect(() =>
      assertMayMoveProcedural('closure', { rules: citrine, questionBeforeMeeting: false }),
    ).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
    expect(
      assertMayMoveProcedural('adjourn', { rules: citrine, questionBeforeMeeting: false }).kind,
    ).toBe('adjourn');
  });
});
