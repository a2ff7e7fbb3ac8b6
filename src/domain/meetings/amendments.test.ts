import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inClause, motionText } from '../../../test/motion-texts.ts';
import { PRESETS } from '../organisations/standing-orders.ts';
import {
  applyAmendment,
  applyAmendments,
  applyTextEdit,
  describeAmendment,
  tidyWords,
} from './amendments.ts';
import {
  amendmentEvent,
  nextQuestion,
  pendingAmendments,
  startDebate,
  tableAmendment,
} from './debate.ts';
import type { Amendment, AmendmentChange } from './amendments.ts';
import type { DebateState } from './debate.ts';
import { newMotion } from './motion.ts';
import type { Participant, TransitionContext } from './motion.ts';
import { decideQuestion } from './thresholds.ts';
import type { Outcome } from './thresholds.ts';

const member = (personId: string): Participant => ({ personId, isMember: true, isPresent: true });
const citrine = { ...PRESETS.citrine, amendmentDepth: 2 } as const;
const ronr = PRESETS.ronr;
const ctx: TransitionContext = {
  rules: { ...citrine, quorum: { kind: 'count', members: 10 } },
  attendance: { present: 29, members: 40 },
};

const motion = motionText('Parks', [
  ['c1', 'notes', 'that the council plans to sell the park'],
  ['c2', 'believes', 'that the park belongs to the people of the town'],
  ['c3', 'resolves', 'to oppose the sale, and to hold a public meeting'],
]);

const expectCode = (f: () => unknown, code: string) =>
  expect(f).toThrow(expect.objectContaining({ code }));

let seq = 0;
/** Moves and seconds an amendment, from the floor. */
function move(debate: DebateState, change: AmendmentChange, parentId: string | null = null) {
  const id = `a${++seq}`;
  const state = newMotion({
    kind: 'amendment',
    proposer: member(`mover-${id}`),
    rules: citrine,
    fromTheFloor: true,
  });
  const tabled = tableAmendment(debate, { id, parentId, change, state });
  return { id, debate: amendmentEvent(tabled, id, { type: 'second', by: member(`s-${id}`) }, ctx) };
}

function settle(debate: DebateState, id: string, outcome: Outcome) {
  const counts =
    outcome === 'carried'
      ? { for: 15, against: 10, abstain: 4 }
      : outcome === 'lost'
        ? { for: 10, against: 15, abstain: 4 }
        : { for: 12, against: 12, abstain: 5 };
  const result = decideQuestion({
    counts,
    threshold: 'simple-majority-of-votes-cast',
    tieRule: outcome === 'lost' ? 'lost' : 'not-carried',
    present: 29,
    members: 40,
  });
  const put = amendmentEvent(debate, id, { type: 'put-question' }, ctx);
  return amendmentEvent(put, id, { type: 'declare', result }, ctx);
}

describe('words', () => {
  it('deletes, inserts and replaces whole words, tidying the spaces', () => {
    const text = 'to oppose the sale, and to hold a public meeting';
    expect(applyTextEdit(text, { kind: 'delete-words', words: 'the sale' })).toBe(
      'to oppose, and to hold a public meeting',
    );
    expect(
      applyTextEdit(text, { kind: 'insert-words', words: 'urgently', position: { after: 'hold' } }),
    ).toBe('to oppose the sale, and to hold urgently a public meeting');
    expect(
      applyTextEdit(text, { kind: 'delete-and-insert', delete: 'public', insert: 'open' }),
    ).toBe('to oppose the sale, and to hold a open meeting');
    expect(
      applyTextEdit(text, { kind: 'insert-words', words: 'within a month', position: 'end' }),
    ).toBe('to oppose the sale, and to hold a public meeting within a month');
  });

  it('says clearly when the words are not there, or are there more than once', () => {
    expect(() =>
      applyTextEdit('to oppose the sale', { kind: 'delete-words', words: 'the park' }, 'clause 3'),
    ).toThrow(
      expect.objectContaining({
        code: 'WORDS_NOT_FOUND',
        message: 'The words “the park” are not in clause 3.',
      }),
    );
    // Whole words only: "the" is not found inside "there" or "other".
    expectCode(
      () => applyTextEdit('there other', { kind: 'delete-words', words: 'the' }),
      'WORDS_NOT_FOUND',
    );
    expectCode(
      () => applyTextEdit('to oppose the sale of the park', { kind: 'delete-words', words: 'the' }),
      'WORDS_AMBIGUOUS',
    );
    expect(
      applyTextEdit('to oppose the sale of the park', {
        kind: 'delete-words',
        words: 'the',
        occurrence: 2,
      }),
    ).toBe('to oppose the sale of park');
  });

  it('deleting words and inserting them back where they were round-trips', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.nat(),
        (words, s, l) => {
          const text = words.join(' ');
          const start = s % words.length;
          const length = 1 + (l % (words.length - start));
          const deleted = words.slice(start, start + length).join(' ');
          const before = words.slice(0, start).join(' ');
          // Say which occurrence: the one that starts at word `start`.
          const occurrence = (() => {
            let n = 0;
            for (let i = 0; i <= start; i++) {
              if (words.slice(i, i + length).join(' ') === deleted) n++;
            }
            return n;
          })();
          const afterDelete = applyTextEdit(text, {
            kind: 'delete-words',
            words: deleted,
            occurrence,
          });
          const back = applyTextEdit(afterDelete, {
            kind: 'insert-words',
            words: deleted,
            position: start === 0 ? 'start' : { after: before, occurrence: 1 },
          });
          expect(back).toBe(text);
        },
      ),
    );
  });

  it('tidies spaces and punctuation', () => {
    expect(tidyWords('  a   b , c ( d ) ')).toBe('a b, c (d)');
  });
});

describe('applyAmendment', () => {
  it('adds, deletes and substitutes clauses by id', () => {
    const added = applyAmendment(motion, {
      kind: 'add-clause',
      afterClauseId: 'c1',
      clause: { id: 'n1', kind: 'notes', text: 'that the park  was given in 1890' },
    });
    expect(added.clauses.map((c) => c.id)).toEqual(['c1', 'n1', 'c2', 'c3']);
    expect(added.clauses[1]!.text).toBe('that the park was given in 1890');
    expect(applyAmendment(motion, { kind: 'delete-clause', clauseId: 'c2' }).clauses).toHaveLength(
      2,
    );
    const sub = applyAmendment(motion, {
      kind: 'substitute-clause',
      clauseId: 'c3',
      clause: {
        kind: 'calls-on',
        text: 'to buy the park',
        addressee: { kind: 'named-body', name: 'the Parks Trust' },
      },
    });
    expect(sub.clauses[2]).toEqual({
      id: 'c3',
      kind: 'calls-on',
      text: 'to buy the park',
      addressee: { kind: 'named-body', name: 'the Parks Trust' },
    });
  });

  it('refuses an amendment that leaves no motion', () => {
    expectCode(
      () => applyAmendment(motion, { kind: 'delete-clause', clauseId: 'c3' }),
      'VALIDATION_FAILED',
    );
    expectCode(
      () => applyAmendment(motion, { kind: 'delete-clause', clauseId: 'nope' }),
      'WORDS_NOT_FOUND',
    );
  });

  it('applying no amendments leaves the motion unchanged', () => {
    expect(applyAmendments(motion, [])).toBe(motion);
    // ... and a debate in which every amendment is lost ends on the motion as moved.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('c1', 'c2', 'c3'), { maxLength: 6 }),
        fc.constantFrom<'citrine' | 'ronr'>('citrine', 'ronr'),
        (clauseIds, order) => {
          let debate = startDebate(motion, { amendmentOrder: order, amendmentDepth: 1 });
          for (const clauseId of clauseIds) {
            const moved = move(debate, inClause(clauseId).insert('really', 'start'));
            debate = settle(moved.debate, moved.id, 'lost');
          }
          const q = nextQuestion(debate);
          expect(q).toEqual({ kind: 'motion', substantive: false, motion });
        },
      ),
    );
  });

  it('describes itself as the chair reads it', () => {
    expect(
      describeAmendment(
        { kind: 'delete-and-insert', clauseId: 'c3', delete: 'public', insert: 'open' },
        motion,
      ),
    ).toBe('In clause 3, delete “public” and insert “open”');
    expect(
      describeAmendment(
        {
          kind: 'add-clause',
          afterClauseId: 'c2',
          clause: { id: 'x', kind: 'believes', text: 'that parks matter' },
        },
        motion,
      ),
    ).toBe('Add a new clause after clause 2: “believes that parks matter”');
    expect(describeAmendment({ kind: 'delete-words', words: 'very' })).toBe(
      'In the amendment, delete “very”',
    );
  });
});

describe('the final question', () => {
  it('is always on the substantive motion: the motion with the carried amendments, in the order taken', () => {
    const clauseId = fc.constantFrom('c1', 'c2', 'c3');
    const outcome = fc.constantFrom<Outcome>('carried', 'lost', 'not-carried');
    fc.assert(
      fc.property(
        fc.array(fc.record({ clauseId, outcome, word: fc.stringMatching(/^[a-z]{1,6}$/) }), {
          maxLength: 6,
        }),
        fc.constantFrom<'citrine' | 'ronr'>('citrine', 'ronr'),
        (plan, order) => {
          let debate = startDebate(motion, { amendmentOrder: order, amendmentDepth: 1 });
          const carried: Amendment[] = [];
          const outcomes = new Map<string, Outcome>();
          const settleNext = () => {
            const q = nextQuestion(debate);
            if (q.kind !== 'amendment') return false;
            const o = outcomes.get(q.amendmentId)!;
            if (o === 'carried') carried.push(q.change as Amendment);
            debate = settle(debate, q.amendmentId, o);
            return true;
          };
          for (const step of plan) {
            const moved = move(debate, inClause(step.clauseId).insert(step.word, 'end'));
            debate = moved.debate;
            outcomes.set(moved.id, step.outcome);
            // RONR: one pending at a time, so settle each as it comes; Citrine tables them all.
            if (order === 'ronr') settleNext();
          }
          while (settleNext());
          const final = nextQuestion(debate);
          expect(final).toEqual({
            kind: 'motion',
            substantive: carried.length > 0,
            motion: applyAmendments(motion, carried),
          });
        },
      ),
    );
  });
});

describe('the debate (Citrine order)', () => {
  it('takes amendments in the order of the text, and puts the substantive motion last', () => {
    let debate = startDebate(motion, citrine);
    // Moved out of text order: clause 3 first, then clause 1.
    const later = move(debate, inClause('c3').delete('public'));
    const earlier = move(later.debate, inClause('c1').replace('sell', 'lease'));
    debate = earlier.debate;
    expect(nextQuestion(debate)).toMatchObject({ kind: 'amendment', amendmentId: earlier.id });
    // The later amendment cannot be put before the earlier.
    expectCode(
      () => amendmentEvent(debate, later.id, { type: 'put-question' }, ctx),
      'ILLEGAL_TRANSITION',
    );
    debate = settle(debate, earlier.id, 'carried');
    expect(debate.motion.clauses[0]!.text).toBe('that the council plans to lease the park');
    expect(nextQuestion(debate)).toMatchObject({ kind: 'amendment', amendmentId: later.id });
    debate = settle(debate, later.id, 'lost');
    const final = nextQuestion(debate);
    expect(final).toMatchObject({ kind: 'motion', substantive: true });
    expect(final.kind === 'motion' && final.motion).toBe(debate.motion);
    expect(pendingAmendments(debate)).toEqual([]);
  });

  it('refuses an amendment to an amendment beyond the depth allowed', () => {
    const debate = startDebate(motion, PRESETS.citrine);
    const first = move(debate, inClause('c3').insert('vigorously', { after: 'oppose' }));
    expect(() =>
      tableAmendment(first.debate, {
        id: 'deep',
        parentId: first.id,
        change: { kind: 'delete-and-insert', delete: 'vigorously', insert: 'firmly' },
        state: newMotion({
          kind: 'amendment',
          proposer: member('z'),
          rules: citrine,
          fromTheFloor: true,
        }),
      }),
    ).toThrow(expect.objectContaining({ code: 'AMENDMENT_TOO_DEEP' }));
    expectCode(
      () =>
        tableAmendment(startDebate(motion, { ...citrine, amendmentDepth: 0 }), {
          id: 'x',
          change: { kind: 'delete-clause', clauseId: 'c2' },
          state: first.debate.amendments[0]!.state,
        }),
      'AMENDMENT_TOO_DEEP',
    );
  });

  it('lets later amendments fall when a carried one removed their words', () => {
    let debate = startDebate(motion, citrine);
    const a = move(debate, inClause('c3').delete(', and to hold a public meeting'));
    const b = move(a.debate, inClause('c3').replace('public', 'open'));
    debate = settle(b.debate, a.id, 'carried');
    expect(debate.amendments.find((x) => x.id === b.id)!.state.status).toBe('fell');
    expect(nextQuestion(debate)).toMatchObject({ kind: 'motion', substantive: true });
  });
});

describe('the debate (RONR order)', () => {
  it('votes the secondary, then the primary as amended, then the main motion', () => {
    let debate = startDebate(motion, ronr);
    const primary = move(debate, inClause('c3').insert('within thirty days', 'end'));
    // Only one primary amendment may be pending at a time.
    expectCode(
      () =>
        tableAmendment(primary.debate, {
          id: 'other',
          change: { kind: 'delete-clause', clauseId: 'c2' },
          state: primary.debate.amendments[0]!.state,
        }),
      'AMENDMENT_PENDING',
    );
    const secondary = move(
      primary.debate,
      { kind: 'delete-and-insert', delete: 'thirty', insert: 'fourteen' },
      primary.id,
    );
    debate = secondary.debate;
    const q = nextQuestion(debate);
    expect(q).toMatchObject({ kind: 'amendment', amendmentId: secondary.id, depth: 2 });
    expect(q.kind === 'amendment' && q.motionIfCarried.clauses[2]!.text).toBe(
      'to oppose the sale, and to hold a public meeting within fourteen days',
    );
    // The primary waits for its secondary.
    expectCode(
      () => amendmentEvent(debate, primary.id, { type: 'put-question' }, ctx),
      'AMENDMENT_PENDING',
    );
    debate = settle(debate, secondary.id, 'carried');
    expect(nextQuestion(debate)).toMatchObject({
      kind: 'amendment',
      amendmentId: primary.id,
      depth: 1,
    });
    debate = settle(debate, primary.id, 'carried');
    expect(debate.motion.clauses[2]!.text).toBe(
      'to oppose the sale, and to hold a public meeting within fourteen days',
    );
    expect(nextQuestion(debate)).toMatchObject({ kind: 'motion', substantive: true });
  });

  it('does not let an amendment that only deletes be amended', () => {
    const debate = startDebate(motion, ronr);
    const primary = move(debate, inClause('c3').delete('public'));
    expectCode(
      () => move(primary.debate, { kind: 'delete-words', words: 'public' }, primary.id),
      'NOT_AMENDABLE',
    );
  });

  it('a primary withdrawn or lost takes its pending secondaries with it', () => {
    const debate = startDebate(motion, ronr);
    const primary = move(debate, inClause('c2').insert('all', { after: 'to' }));
    const secondary = move(
      primary.debate,
      { kind: 'delete-and-insert', delete: 'all', insert: 'most' },
      primary.id,
    );
    const withdrawn = amendmentEvent(
      secondary.debate,
      primary.id,
      { type: 'withdraw', consent: true },
      ctx,
    );
    expect(withdrawn.amendments.map((a) => a.state.status)).toEqual(['withdrawn', 'fell']);
    expect(nextQuestion(withdrawn)).toMatchObject({ kind: 'motion', substantive: false });
    expect(withdrawn.motion).toBe(motion);
  });
});
