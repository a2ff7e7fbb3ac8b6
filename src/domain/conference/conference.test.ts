import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupBySubject, assertRuling, textAsRuled, type Ruling } from './arrangements.ts';
import { countCardVote, cardThresholdMet, type Card, type CardCast } from './card-vote.ts';
import { composite } from './compositing.ts';
import { assertSession, currentSession, quorate, revoke, scanAtDoor } from './credentials.ts';
import { assertDelegation, replaceDelegate } from './delegation.ts';
import { delegatesEntitled, type EntitlementFormula } from './entitlement.ts';
import { countPriorities } from './priorities.ts';
import { add, equals, parseRatio, percentText, ratio, ratioText, sum } from './ratio.ts';
import { sectionProblems, type Section } from './sections.ts';
import { assertSubmission, wordCount, type SubmissionRules } from './submissions.ts';

const HALF = ratio(1, 2);
const FIFTY_FIFTY: Section[] = [
  { key: 'clp', name: 'Constituency parties', share: HALF },
  { key: 'affiliates', name: 'Affiliates', share: HALF },
];

describe('sections and exact fractions', () => {
  it('accepts shares that add up to exactly one, and refuses others', () => {
    expect(sectionProblems(FIFTY_FIFTY)).toEqual([]);
    const off = sectionProblems([
      { key: 'a', name: 'A', share: parseRatio('1/3') },
      { key: 'b', name: 'B', share: parseRatio('0.66') },
    ]);
    expect(off.map((p) => p.message)).toEqual(['The shares add up to 149/150, not 1.']);
    expect(ratioText(parseRatio('50%'))).toBe('1/2');
    expect(percentText(ratio(2, 3), 2)).toBe('66.66%');
  });
});

describe('delegate entitlement', () => {
  const labourLike: EntitlementFormula = { membersPerDelegate: 750, minimum: 1, maximum: 8 };
  it('gives one delegate per N members or part thereof, within the minimum and maximum', () => {
    expect(
      [0, 1, 750, 751, 1500, 1501, 100000].map((m) => delegatesEntitled(labourLike, m)),
    ).toEqual([1, 1, 1, 2, 2, 3, 8]);
  });
  it('never gives fewer delegates to a bigger membership', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 5 }),
        fc.option(fc.integer({ min: 5, max: 50 }), { nil: null }),
        fc.nat(1_000_000),
        fc.nat(1_000_000),
        (n, minimum, maximum, m1, m2) => {
          const f = { membersPerDelegate: n, minimum, maximum };
          const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
          expect(delegatesEntitled(f, lo)).toBeLessThanOrEqual(delegatesEntitled(f, hi));
        },
      ),
    );
  });
});

describe('delegations', () => {
  it('keeps within the entitlement, and a substitute takes an absent delegate’s place', () => {
    const d = { delegates: ['ann', 'bob'], substitutes: ['cy', 'di'], leader: 'ann' };
    assertDelegation(d, 2);
    expect(() => assertDelegation(d, 1)).toThrow(/cannot be made up/);
    expect(() => assertDelegation({ ...d, leader: 'cy' }, 2)).toThrow(/cannot be made up/);
    expect(replaceDelegate(d, 'ann')).toEqual({
      delegates: ['cy', 'bob'],
      substitutes: ['di'],
      leader: 'cy',
    });
  });
});

describe('submissions', () => {
  const rules: SubmissionRules = {
    wordLimit: 250,
    opensAt: '2026-08-01T00:00:00.000Z',
    closesAt: '2026-09-10T12:00:00.000Z',
    perOrganisation: 1,
  };
  const motion = {
    kind: 'motion' as const,
    title: 'Rail',
    text: 'Conference notes.',
    amendsRule: null,
  };
  it('takes one per organisation, within the words and the window', () => {
    assertSubmission(motion, rules, '2026-09-01T00:00:00.000Z', 0);
    expect(() => assertSubmission(motion, rules, '2026-09-01T00:00:00.000Z', 1)).toThrow(
      /1 motion or rule change/,
    );
    expect(() => assertSubmission(motion, rules, '2026-07-31T00:00:00.000Z', 0)).toThrow(/cut-off/);
    expect(() => assertSubmission(motion, rules, '2026-09-10T12:00:01.000Z', 0)).toThrow(
      /deadline/,
    );
    const long = { ...motion, text: 'word '.repeat(251) };
    expect(wordCount(long.text)).toBe(251);
    expect(() => assertSubmission(long, rules, '2026-09-01T00:00:00.000Z', 0)).toThrow();
    const rule = { ...motion, kind: 'rule-change' as const };
    expect(() => assertSubmission(rule, rules, '2026-09-01T00:00:00.000Z', 0)).toThrow();
    assertSubmission({ ...rule, amendsRule: 'Chapter 3, Clause III.2' }, rules, '2026-09-01', 0);
  });
});

describe('the arrangements committee', () => {
  it('needs a reason to rule out, debates the edited text, and groups what is in order', () => {
    expect(() => assertRuling({ kind: 'out', reason: ' ' })).toThrow(/Say why/);
    const edits: Ruling = { kind: 'in-after-edits', text: 'Shorter.' };
    expect(textAsRuled('Long.', edits)).toBe('Shorter.');
    const groups = groupBySubject([
      { id: 1, subject: 'Rail', ruling: { kind: 'in' } as Ruling },
      { id: 2, subject: 'Rail', ruling: edits },
      { id: 3, subject: 'Housing', ruling: { kind: 'out', reason: 'Not contemporary' } as Ruling },
      { id: 4, subject: 'Housing', ruling: null },
    ]);
    expect([...groups].map(([s, l]) => [s, l.map((x) => x.id)])).toEqual([['Rail', [1, 2]]]);
  });
});

describe('the priorities ballot', () => {
  it('picks the top N per section, one paper per delegation, ties at the cut by listing order', () => {
    const r = countPriorities({
      sections: ['clp', 'affiliates'],
      subjects: ['Rail', 'Housing', 'NHS', 'Climate'],
      perSection: 2,
      choicesPerPaper: 1,
      papers: [
        { delegationId: 'd1', section: 'clp', subjects: ['NHS'] },
        { delegationId: 'd2', section: 'clp', subjects: ['NHS'] },
        { delegationId: 'd3', section: 'clp', subjects: ['Climate'] },
        { delegationId: 'd4', section: 'clp', subjects: ['Rail'] },
        { delegationId: 'd5', section: 'affiliates', subjects: ['Housing'] },
      ],
    });
    expect(r.sections[0]!.chosen).toEqual(['NHS', 'Rail']);
    expect(r.sections[0]!.tieAtCut).toBe(true);
    expect(r.sections[1]!.chosen).toEqual(['Housing']);
    expect(r.debated).toEqual(['Rail', 'Housing', 'NHS']);
    expect(() =>
      countPriorities({
        sections: ['clp'],
        subjects: ['Rail'],
        perSection: 1,
        choicesPerPaper: 1,
        papers: [
          { delegationId: 'd1', section: 'clp', subjects: ['Rail'] },
          { delegationId: 'd1', section: 'clp', subjects: ['Rail'] },
        ],
      }),
    ).toThrow(/one priorities ballot paper/);
  });
});

describe('compositing', () => {
  const source = (id: string, n: number) => ({
    id,
    submitterId: `org-${id}`,
    text: {
      title: `Motion ${id}`,
      clauses: Array.from({ length: n }, (_, i) => ({
        id: `${id}-${i}`,
        kind: i % 2 === 0 ? ('notes' as const) : ('resolves' as const),
        text: `clause ${i} of ${id}`,
      })),
    },
  });
  // Each source has at least two clauses, so at least one operative (a motion needs one).
  it('keeps every source clause, and puts an insisting mover’s motion separately', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 3, maxLength: 8 }),
        (sizes) => {
          const sources = sizes.map((n, i) => source(`m${i}`, n));
          let next = 0;
          const out = composite({
            sources,
            moverId: 'org-m0',
            seconderId: 'org-m1',
            insisting: ['m2'],
            title: 'Composite 1',
            newClauseId: () => `c${next++}`,
          });
          const texts = out.text.clauses.map((c) => c.text);
          for (const s of sources.filter((s) => s.id !== 'm2'))
            for (const c of s.text.clauses) expect(texts).toContain(c.text);
          expect(out.putSeparately).toEqual(['m2']);
        },
      ),
    );
    const sources = [source('a', 2), source('b', 2)];
    expect(() =>
      composite({
        sources,
        moverId: 'org-a',
        seconderId: 'org-a',
        title: '',
        newClauseId: () => 'x',
      }),
    ).toThrow(/different/);
  });
});

describe('card votes', () => {
  it('normalises each section to its share exactly (a hand computation)', () => {
    const cards: Card[] = [
      { delegationId: 'c1', section: 'clp', weight: 300 },
      { delegationId: 'c2', section: 'clp', weight: 100 },
      { delegationId: 'u1', section: 'affiliates', weight: 90_000 },
      { delegationId: 'u2', section: 'affiliates', weight: 10_000 },
    ];
    const casts: CardCast[] = [
      { delegationId: 'c1', for: 200, against: 100, abstain: 0 }, // a split card
      { delegationId: 'c2', for: 0, against: 100, abstain: 0 },
      { delegationId: 'u1', for: 90_000, against: 0, abstain: 0 },
      { delegationId: 'u2', for: 0, against: 5_000, abstain: 5_000 },
    ];
    const r = countCardVote({ sections: FIFTY_FIFTY, cards, casts, threshold: 'simple-majority' });
    // CLPs: 200 for, 200 against → 1/4 and 1/4. Affiliates: 90,000 for, 5,000 against → ½·18/19
    // = 9/19 and ½·1/19 = 1/38. F = 1/4 + 9/19 = 55/76; A = 1/4 + 1/38 = 21/76.
    expect(ratioText(r.for)).toBe('55/76');
    expect(ratioText(r.against)).toBe('21/76');
    expect(r.outcome).toBe('carried');
  });
  it('fails a rule change at 65% for want of two-thirds, and carries it at exactly two-thirds', () => {
    expect(cardThresholdMet('two-thirds', ratio(65, 100), ratio(35, 100))).toBe(false);
    expect(cardThresholdMet('two-thirds', ratio(2, 3), ratio(1, 3))).toBe(true);
  });
  it('gives each voting section exactly its share, whatever the cards', () => {
    const arbitraryVote = fc
      .array(
        fc.record({
          section: fc.constantFrom('clp', 'affiliates'),
          weight: fc.integer({ min: 1, max: 1_000_000 }),
          f: fc.nat(100),
          a: fc.nat(100),
        }),
        { minLength: 1, maxLength: 40 },
      )
      .map((rows) =>
        rows.map((row, i) => {
          const forVotes = Math.floor((row.weight * row.f) / 200);
          const against = Math.floor((row.weight * row.a) / 200);
          return {
            card: { delegationId: `d${i}`, section: row.section, weight: row.weight },
            cast: { delegationId: `d${i}`, for: forVotes, against, abstain: 0 },
          };
        }),
      );
    fc.assert(
      fc.property(arbitraryVote, (rows) => {
        const r = countCardVote({
          sections: FIFTY_FIFTY,
          cards: rows.map((x) => x.card),
          casts: rows.map((x) => x.cast),
          threshold: 'two-thirds',
        });
        const voting = r.sections.filter((s) => s.for + s.against > 0);
        for (const s of voting)
          expect(equals(add(s.normalisedFor, s.normalisedAgainst), s.share)).toBe(true);
        expect(equals(add(r.for, r.against), sum(voting.map((s) => s.share)))).toBe(true);
      }),
    );
  });
  it('refuses a split over the card, and a second card from one delegation', () => {
    const cards: Card[] = [{ delegationId: 'c1', section: 'clp', weight: 10 }];
    const vote = (casts: CardCast[]) =>
      countCardVote({ sections: FIFTY_FIFTY, cards, casts, threshold: 'simple-majority' });
    expect(() => vote([{ delegationId: 'c1', for: 6, against: 5, abstain: 0 }])).toThrow(
      /carries 10/,
    );
    const once = { delegationId: 'c1', for: 5, against: 5, abstain: 0 };
    expect(() => vote([once, once])).toThrow(/already cast/);
  });
});

describe('credentials', () => {
  it('toggles a delegate in and out of a session at the door, and a revoked credential stays revoked', () => {
    expect([
      scanAtDoor('issued', null),
      scanAtDoor('issued', 'in'),
      scanAtDoor('issued', 'out'),
    ]).toEqual(['in', 'out', 'in']);
    expect(revoke('issued')).toBe('revoked');
    expect(() => scanAtDoor('revoked', 'in')).toThrow(/revoked/);
    expect(() => revoke('revoked')).toThrow(/already revoked/);
  });

  it('reads a session’s quorum from those in, and the door’s session as the last started', () => {
    expect([quorate(3, 4), quorate(4, 4), quorate(0, null)]).toEqual([false, true, true]);
    const sessions = [
      { id: 'sun', startsAt: '2026-09-27T13:00:00Z' },
      { id: 'mon', startsAt: '2026-09-28T09:00:00Z' },
    ];
    expect(currentSession(sessions, '2026-09-27T08:00:00Z')?.id).toBe('sun');
    expect(currentSession(sessions, '2026-09-28T10:00:00Z')?.id).toBe('mon');
    expect(currentSession([], '2026-09-28T10:00:00Z')).toBeNull();
    expect(() => assertSession({ title: 'Monday', startsAt: 'soon', quorum: null })).toThrow(
      /time/,
    );
    expect(() =>
      assertSession({ title: 'Monday', startsAt: sessions[1]!.startsAt, quorum: 0 }),
    ).toThrow(/quorum/);
  });
});
