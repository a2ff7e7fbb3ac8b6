import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { THRESHOLDS } from '../organisations/standing-orders.ts';
import {
  absoluteMajorityOfMembers,
  decideQuestion,
  describeResult,
  meetsThreshold,
  simpleMajorityOfVotesCast,
  twoThirdsOfMembersPresent,
  twoThirdsOfVotesCast,
  votesForNeeded,
} from './thresholds.ts';
import type { Threshold, VoteCounts } from './thresholds.ts';
import { assertQuorum, checkQuorum, quorumRequired } from './quorum.ts';

const counts = (f: number, a: number, b = 0): VoteCounts => ({ for: f, against: a, abstain: b });

/** Counts with the attendance they are read against (P ≥ F + A + B, M ≥ P). */
const question = fc
  .record({
    f: fc.nat(200),
    a: fc.nat(200),
    b: fc.nat(50),
    absent: fc.nat(50),
    away: fc.nat(300),
  })
  .map(({ f, a, b, absent, away }) => {
    const present = f + a + b + absent;
    return { counts: counts(f, a, b), present, members: present + away };
  });

const threshold = fc.constantFrom(...THRESHOLDS);
const tieRule = fc.constantFrom('casting-vote', 'not-carried', 'lost' as const);

describe('thresholds', () => {
  it('simple majority of votes cast ignores abstentions', () => {
    expect(simpleMajorityOfVotesCast(counts(23, 4, 2))).toBe(true);
    expect(simpleMajorityOfVotesCast(counts(5, 4, 100))).toBe(true);
    expect(simpleMajorityOfVotesCast(counts(4, 5, 0))).toBe(false);
  });

  it('a tie is never a simple majority', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(100),
        (n, b) => !simpleMajorityOfVotesCast(counts(n, n, b)),
      ),
    );
  });

  it('two-thirds of votes cast is exact: 3F ≥ 2(F + A)', () => {
    expect(twoThirdsOfVotesCast(counts(2, 1))).toBe(true);
    expect(twoThirdsOfVotesCast(counts(19, 10))).toBe(false);
    expect(twoThirdsOfVotesCast(counts(20, 10))).toBe(true);
    expect(twoThirdsOfVotesCast(counts(0, 0))).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(1_000_000), (f, a) => {
        // Compare with exact rational arithmetic in BigInt: F / (F + A) ≥ 2/3.
        const exact = BigInt(f) * 3n >= BigInt(f + a) * 2n;
        expect(twoThirdsOfVotesCast(counts(f, a))).toBe(exact);
      }),
    );
  });

  it('two-thirds of members present counts abstentions against', () => {
    expect(twoThirdsOfMembersPresent(counts(20, 0, 10), 30)).toBe(true);
    expect(twoThirdsOfMembersPresent(counts(19, 0, 11), 30)).toBe(false);
    // Absent from the vote but present in the room also counts against.
    expect(twoThirdsOfMembersPresent(counts(19, 0, 0), 30)).toBe(false);
  });

  it('absolute majority of members: F > M / 2', () => {
    expect(absoluteMajorityOfMembers(counts(20, 0), 40)).toBe(false);
    expect(absoluteMajorityOfMembers(counts(21, 0), 40)).toBe(true);
    expect(absoluteMajorityOfMembers(counts(21, 0), 41)).toBe(true);
    expect(absoluteMajorityOfMembers(counts(20, 0), 41)).toBe(false);
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(20_000), (f, m) => {
        expect(absoluteMajorityOfMembers(counts(f, 0), m)).toBe(f > m / 2);
      }),
    );
  });

  it('votesForNeeded is the least F that passes', () => {
    fc.assert(
      fc.property(question, threshold, ({ counts: c, present, members }, t: Threshold) => {
        const needed = votesForNeeded(t, c, present, members);
        expect(meetsThreshold(t, { ...c, for: needed }, present, members)).toBe(true);
        if (needed > 1) {
          expect(meetsThreshold(t, { ...c, for: needed - 1 }, present, members)).toBe(false);
        }
      }),
    );
  });
});

describe('decideQuestion', () => {
  const decide = (c: VoteCounts, extra: Partial<Parameters<typeof decideQuestion>[0]> = {}) =>
    decideQuestion({
      counts: c,
      threshold: 'simple-majority-of-votes-cast',
      tieRule: 'casting-vote',
      present: 29,
      members: 40,
      ...extra,
    });

  it('declares the story result with the rule applied', () => {
    const result = decide(counts(23, 4, 2));
    expect(result.outcome).toBe('carried');
    expect(describeResult(result)).toBe(
      'carried: simple majority of votes cast, 23–4, 2 abstentions',
    );
    expect(result.ruleApplied).toMatchObject({ forNeeded: 5, tie: null });
  });

  it('settles a tie by the casting vote when the rules give one and the chair gives it', () => {
    const carried = decide(counts(10, 10, 1), { castingVote: 'for' });
    expect(carried.outcome).toBe('carried');
    expect(describeResult(carried)).toBe(
      "carried on the chair's casting vote: votes equal, 10–10, 1 abstention",
    );
    expect(decide(counts(10, 10), { castingVote: 'against' }).outcome).toBe('lost');
  });

  it('without the casting vote, a tie is not carried', () => {
    const result = decide(counts(10, 10));
    expect(result.outcome).toBe('not-carried');
    expect(describeResult(result)).toBe(
      'not carried: votes equal, 10–10, no abstentions; the chair gave no casting vote',
    );
  });

  it('follows the tie rule: not carried (Citrine) or lost (RONR)', () => {
    expect(decide(counts(7, 7), { tieRule: 'not-carried' }).outcome).toBe('not-carried');
    const lost = decide(counts(7, 7), { tieRule: 'lost' });
    expect(lost.outcome).toBe('lost');
    expect(describeResult(lost)).toBe('lost: votes equal, 7–7, no abstentions; a tie vote is lost');
  });

  it('refuses a casting vote the rules do not give, or when the votes are not equal', () => {
    expect(() => decide(counts(7, 7), { tieRule: 'lost', castingVote: 'for' })).toThrow(
      expect.objectContaining({ code: 'CASTING_VOTE_NOT_ALLOWED' }),
    );
    expect(() => decide(counts(8, 7), { castingVote: 'for' })).toThrow(
      expect.objectContaining({ code: 'CASTING_VOTE_NOT_ALLOWED' }),
    );
  });

  it('refuses more votes than members present', () => {
    try {
      decide(counts(20, 8, 2));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'TOO_MANY_VOTES',
        message: '30 votes and abstentions were entered, but only 29 are present.',
      });
    }
    expect(() => decide(counts(1.5, 0))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('explains qualified majorities with the votes needed', () => {
    const suspend = decide(counts(19, 3, 7), { threshold: 'two-thirds-of-members-present' });
    expect(describeResult(suspend)).toBe(
      'lost: two-thirds of members present, 19–3, 7 abstentions; 29 present, 20 needed',
    );
    const absolute = decide(counts(21, 3), { threshold: 'absolute-majority-of-members' });
    expect(describeResult(absolute)).toBe(
      'carried: absolute majority of members, 21–3, no abstentions; 40 members, 21 needed',
    );
  });

  it('adding a vote for never turns carried into lost (under any threshold and tie rule)', () => {
    fc.assert(
      fc.property(
        question,
        threshold,
        tieRule,
        fc.boolean(),
        ({ counts: c, present, members }, t, tr, newcomer) => {
          const before = decideQuestion({ counts: c, threshold: t, tieRule: tr, present, members });
          // The extra vote for comes from a member who had abstained, or who has just arrived.
          const fromAbstainer = !newcomer && c.abstain > 0;
          const after = decideQuestion({
            counts: { ...c, for: c.for + 1, abstain: c.abstain - (fromAbstainer ? 1 : 0) },
            threshold: t,
            tieRule: tr,
            present: present + (fromAbstainer ? 0 : 1),
            members: fromAbstainer ? members : Math.max(members, present + 1),
          });
          if (before.outcome === 'carried') expect(after.outcome).toBe('carried');
        },
      ),
    );
  });

  it('a vote against never turns lost into carried', () => {
    fc.assert(
      fc.property(question, threshold, tieRule, ({ counts: c, present, members }, t, tr) => {
        const before = decideQuestion({ counts: c, threshold: t, tieRule: tr, present, members });
        const after = decideQuestion({
          counts: { ...c, against: c.against + 1 },
          threshold: t,
          tieRule: tr,
          present: present + 1,
          members: members + 1,
        });
        if (before.outcome !== 'carried') expect(after.outcome).not.toBe('carried');
      }),
    );
  });

  it('outcome agrees with the threshold when nothing is tied', () => {
    fc.assert(
      fc.property(question, threshold, tieRule, ({ counts: c, present, members }, t, tr) => {
        const result = decideQuestion({ counts: c, threshold: t, tieRule: tr, present, members });
        if (result.ruleApplied.tie === null) {
          expect(result.outcome === 'carried').toBe(meetsThreshold(t, c, present, members));
          expect(result.outcome).not.toBe('not-carried');
        } else {
          expect(c.for).toBe(c.against);
          expect(result.outcome).toBe(tr === 'lost' ? 'lost' : 'not-carried');
        }
      }),
    );
  });
});

describe('quorum', () => {
  it('is a number of members, or a fraction of the members rounded up', () => {
    expect(quorumRequired({ kind: 'count', members: 10 }, 40)).toBe(10);
    expect(quorumRequired({ kind: 'fraction', of: 0.5 }, 40)).toBe(20);
    expect(quorumRequired({ kind: 'fraction', of: 0.5 }, 41)).toBe(21);
    // 0.1 × 30 is 3.0000000000000004 in floating point; the quorum is still 3.
    expect(quorumRequired({ kind: 'fraction', of: 0.1 }, 30)).toBe(3);
    expect(quorumRequired({ kind: 'fraction', of: 1 / 3 }, 30)).toBe(10);
    expect(quorumRequired({ kind: 'fraction', of: 0.25 }, 0)).toBe(1);
  });

  it('P ≥ ⌈p·M⌉ matches exact arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(1_000_000), (thousandths, m) => {
        const required = quorumRequired({ kind: 'fraction', of: thousandths / 1000 }, m);
        const exact = Math.max(1, Number((BigInt(thousandths) * BigInt(m) + 999n) / 1000n));
        expect(required).toBe(exact);
      }),
    );
  });

  it('checks and asserts with a clear message', () => {
    const rules = { quorum: { kind: 'count', members: 10 } } as const;
    expect(checkQuorum(29, 40, rules)).toEqual({ met: true, present: 29, required: 10 });
    expect(checkQuorum(10, 40, rules).met).toBe(true);
    expect(() => assertQuorum(9, 40, rules)).toThrow(
      expect.objectContaining({ code: 'QUORUM_NOT_MET', message: '9 present; the quorum is 10.' }),
    );
  });
});
