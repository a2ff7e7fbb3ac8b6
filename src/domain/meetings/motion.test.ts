import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callsOnBody, expectComposite, motionText } from '../../../test/motion-texts.ts';
import { PRESETS } from '../organisations/standing-orders.ts';
import {
  addresseesOf,
  clauseSentence,
  compositeText,
  motionTextProblems,
  renderMotionText,
} from './motion-text.ts';
import {
  MOTION_STATUSES,
  compositeMotion,
  isFinal,
  legalEvents,
  newMotion,
  transition,
  tryTransition,
} from './motion.ts';
import type { MotionEvent, MotionState, Participant, TransitionContext } from './motion.ts';
import { decideQuestion } from './thresholds.ts';
import type { TieRule, VoteCounts } from './thresholds.ts';

const member = (personId: string, extra: Partial<Participant> = {}): Participant => ({
  personId,
  isMember: true,
  isPresent: true,
  ...extra,
});

const rules = { ...PRESETS.citrine, quorum: { kind: 'count', members: 10 } } as const;
const attendance = { present: 29, members: 40 };
const ctx: TransitionContext = { rules, attendance };

/** A question decided by a simple majority of votes cast, by the meeting of `ctx`. */
const decided = (counts: VoteCounts, tieRule: TieRule) =>
  decideQuestion({
    counts,
    threshold: 'simple-majority-of-votes-cast',
    tieRule,
    ...attendance,
  });

const ncg = { bodyId: 'b-ncg', name: 'the National Coordinating Group' };
const text = motionText('Housing', [
  ['a', 'notes', 'that rents have risen'],
  callsOnBody('b', ncg, 'to campaign for rent control'),
]);

const run = (state: MotionState, ...events: MotionEvent[]) =>
  events.reduce((s, e) => transition(s, e, ctx), state);

const draft = () => newMotion({ proposer: member('ann'), rules });
const onAgenda = () =>
  run(draft(), { type: 'submit', at: '2025-07-01T10:00:00Z', text }, { type: 'place-on-agenda' });

const expectCode = (f: () => unknown, code: string) =>
  expect(f).toThrow(expect.objectContaining({ code }));

describe('motion text', () => {
  it('accepts a title and an operative clause', () => {
    expect(motionTextProblems(text)).toEqual([]);
  });

  it('points at each problem by path', () => {
    const problems = motionTextProblems({
      title: ' ',
      clauses: [
        { id: 'a', kind: 'notes', text: 'x' },
        { id: 'a', kind: 'believes', text: '' },
        { id: 'c', kind: 'calls-on', text: 'to act' },
        {
          id: 'd',
          kind: 'instructs',
          text: 'to write',
          addressee: { kind: 'named-body', name: 'X' },
        },
        { id: 'e', kind: 'resolves', text: 'y', addressee: { kind: 'officer', officer: 'Sec' } },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      'title',
      'clauses.1.text',
      'clauses.1.id',
      'clauses.2.addressee',
      'clauses.3.addressee',
      'clauses.4.addressee',
    ]);
  });

  it('needs at least one operative clause', () => {
    const problems = motionTextProblems({
      title: 'Only reasons',
      clauses: [{ id: 'a', kind: 'believes', text: 'things are bad' }],
    });
    expect(problems).toEqual([expect.objectContaining({ path: 'clauses' })]);
  });

  it('reads as the meeting hears it', () => {
    expect(clauseSentence(text.clauses[1]!)).toBe(
      'calls on the National Coordinating Group to campaign for rent control',
    );
    expect(renderMotionText(text)).toBe(
      'Housing\n\nThis meeting:\n1. notes that rents have risen\n' +
        '2. calls on the National Coordinating Group to campaign for rent control',
    );
    expect(addresseesOf(text)).toEqual([
      { kind: 'body', bodyId: 'b-ncg', name: 'the National Coordinating Group' },
    ]);
  });
});

describe('motion lifecycle', () => {
  it('runs from draft to carried', () => {
    let s = onAgenda();
    expect(s.status).toBe('on-agenda');
    s = run(
      s,
      { type: 'move', by: member('ann') },
      { type: 'second', by: member('bob') },
      { type: 'open-debate' },
      { type: 'put-question' },
    );
    expect(s).toMatchObject({ status: 'question-put', movedById: 'ann', seconderId: 'bob' });
    const result = decided({ for: 23, against: 4, abstain: 2 }, 'casting-vote');
    s = run(s, { type: 'declare', result });
    expect(s.status).toBe('carried');
    expect(s.result).toBe(result);
    expect(legalEvents(s)).toEqual([]);
  });

  it('refuses to put a question nobody seconded: NOT_SECONDED', () => {
    const moved = run(onAgenda(), { type: 'move', by: member('ann') });
    expectCode(() => run(moved, { type: 'put-question' }), 'NOT_SECONDED');
    expect(run(moved, { type: 'fall' }).status).toBe('fell');
  });

  it('refuses to put the question twice: QUESTION_ALREADY_PUT', () => {
    const put = run(
      onAgenda(),
      { type: 'move', by: member('ann') },
      { type: 'second', by: member('bob') },
      { type: 'put-question' },
    );
    expectCode(() => run(put, { type: 'put-question' }), 'QUESTION_ALREADY_PUT');
  });

  it('refuses to put the question without a quorum', () => {
    const seconded = run(
      onAgenda(),
      { type: 'move', by: member('ann') },
      { type: 'second', by: member('bob') },
    );
    expect(() =>
      transition(
        seconded,
        { type: 'put-question' },
        { rules, attendance: { present: 9, members: 40 } },
      ),
    ).toThrow(
      expect.objectContaining({ code: 'QUORUM_NOT_MET', message: '9 present; the quorum is 10.' }),
    );
  });

  it('puts the motion only once its amendments are decided', () => {
    const seconded = run(
      onAgenda(),
      { type: 'move', by: member('ann') },
      { type: 'second', by: member('bob') },
    );
    expectCode(
      () => transition(seconded, { type: 'put-question' }, { ...ctx, pendingAmendments: 1 }),
      'AMENDMENT_PENDING',
    );
  });

  it('names the state and event of an illegal step', () => {
    expect(() => run(draft(), { type: 'second', by: member('bob') })).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message: 'You cannot second a motion that is a draft (state draft, event second).',
      }),
    );
  });

  it('needs a seconder other than the proposer and the mover, members present', () => {
    const moved = run(onAgenda(), { type: 'move', by: member('cat') });
    expectCode(() => run(moved, { type: 'second', by: member('ann') }), 'SECONDER_IS_PROPOSER');
    expectCode(() => run(moved, { type: 'second', by: member('cat') }), 'SECONDER_IS_PROPOSER');
    expectCode(
      () => run(moved, { type: 'second', by: member('dan', { isMember: false }) }),
      'NOT_A_MEMBER',
    );
    expectCode(
      () => run(moved, { type: 'second', by: member('dan', { isPresent: false }) }),
      'NOT_PRESENT',
    );
    expectCode(
      () => newMotion({ proposer: member('eve', { isMember: false }), rules }),
      'NOT_A_MEMBER',
    );
  });

  it('lets only officers move when the standing orders say so', () => {
    const officersOnly = { ...rules, whoMayMove: 'officers' } as const;
    expectCode(() => newMotion({ proposer: member('ann'), rules: officersOnly }), 'FORBIDDEN');
    expect(
      newMotion({ proposer: member('ann', { isOfficer: true }), rules: officersOnly }).status,
    ).toBe('draft');
  });

  it('checks the text and the deadline on submission', () => {
    expectCode(
      () =>
        run(draft(), {
          type: 'submit',
          at: '2025-07-01T10:00:00Z',
          text: { title: '', clauses: [] },
        }),
      'VALIDATION_FAILED',
    );
    expectCode(
      () =>
        run(draft(), {
          type: 'submit',
          at: '2025-07-06T10:00:00Z',
          deadline: '2025-07-05T22:59:59.999Z',
          text,
        }),
      'MOTION_DEADLINE_PASSED',
    );
    const withSeconder = run(draft(), {
      type: 'submit',
      at: '2025-07-01T10:00:00Z',
      text,
      seconder: member('bob', { isPresent: false }),
    });
    expect(withSeconder.seconderId).toBe('bob');
  });

  it('withdraws freely before the meeting, only with consent once moved', () => {
    expect(run(onAgenda(), { type: 'withdraw' }).status).toBe('withdrawn');
    const moved = run(onAgenda(), { type: 'move', by: member('ann') });
    expectCode(() => run(moved, { type: 'withdraw' }), 'WITHDRAWAL_NEEDS_CONSENT');
    expect(run(moved, { type: 'withdraw', consent: true }).status).toBe('withdrawn');
  });

  it('takes the side exits: next business, referred, remitted, composited', () => {
    const seconded = run(
      onAgenda(),
      { type: 'move', by: member('ann') },
      { type: 'second', by: member('bob') },
    );
    expect(run(seconded, { type: 'next-business' }).status).toBe('next-business');
    expect(run(seconded, { type: 'refer', to: 'the committee' })).toMatchObject({
      status: 'referred',
      sentTo: 'the committee',
    });
    expectCode(
      () => run(seconded, { type: 'remit', to: 'the executive', moverConsents: false }),
      'REMIT_NEEDS_MOVER_CONSENT',
    );
    expect(run(seconded, { type: 'remit', to: 'the executive', moverConsents: true }).status).toBe(
      'remitted',
    );
    expect(run(onAgenda(), { type: 'composite', into: 'm-9' })).toMatchObject({
      status: 'composited',
      compositedInto: 'm-9',
    });
  });

  it('gives amendments the same machine without the motion-only exits', () => {
    const amendment = newMotion({
      kind: 'amendment',
      proposer: member('cat'),
      rules,
      fromTheFloor: true,
    });
    expect(amendment.status).toBe('moved');
    const seconded = run(amendment, { type: 'second', by: member('dan') });
    expect(legalEvents(seconded)).toEqual(['open-debate', 'put-question', 'withdraw']);
    expectCode(() => run(seconded, { type: 'next-business' }), 'ILLEGAL_TRANSITION');
  });

  it('legalEvents lists exactly the events transition can take (given the facts)', () => {
    const events: MotionEvent[] = [
      { type: 'submit', at: '2025-07-01T10:00:00Z', text },
      { type: 'place-on-agenda' },
      { type: 'move', by: member('ann') },
      { type: 'second', by: member('bob') },
      { type: 'fall' },
      { type: 'open-debate' },
      { type: 'put-question' },
      { type: 'put-to-ballot' },
      {
        type: 'declare',
        result: decided({ for: 1, against: 0, abstain: 0 }, 'lost'),
      },
      { type: 'withdraw', consent: true },
      { type: 'next-business' },
      { type: 'refer', to: 'x' },
      { type: 'remit', to: 'x', moverConsents: true },
      { type: 'composite', into: 'x' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...MOTION_STATUSES),
        fc.constantFrom('motion', 'amendment' as const),
        (status, kind) => {
          const state: MotionState = { ...draft(), status, kind, movedById: 'ann' };
          const legal = legalEvents(state);
          for (const e of events) {
            const outcome = tryTransition(state, e, ctx);
            expect(outcome.ok).toBe(legal.includes(e.type));
          }
          expect(legal.length === 0).toBe(isFinal(status));
        },
      ),
    );
  });
});

describe('compositing', () => {
  const housing = motionText('Council housing', [
    ['a1', 'notes', 'that waiting lists have doubled'],
    ['a2', 'resolves', 'to campaign for council housing'],
  ]);
  const rents = motionText('Rent control', [
    ['a1', 'believes', 'that rents are too high'],
    ['b2', 'resolves', 'to campaign for rent control'],
  ]);
  let n = 0;
  const ids = () => `k${++n}`;

  it('keeps every clause, preamble before operative, each with a fresh id', () => {
    const text = compositeText([housing, rents], '', ids);
    expectComposite(text, 'Composite: Council housing; Rent control', [
      'that waiting lists have doubled',
      'that rents are too high',
      'to campaign for council housing',
      'to campaign for rent control',
    ]);
  });

  it('needs two motions at least', () => {
    expect(() => compositeText([housing], 'One', ids)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('is legal only before a motion is moved', () => {
    const onAgenda = compositeMotion({ proposerId: 'p', seconderId: 'q', at: '2026-07-01' });
    expect(legalEvents(onAgenda)).toContain('composite');
    const moved = { ...onAgenda, status: 'moved' as const };
    expect(() =>
      transition(moved, { type: 'composite', into: 'x' }, { rules: PRESETS.citrine }),
    ).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });
});
