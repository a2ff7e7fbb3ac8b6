import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { legalEvents, MOTION_STATUSES, newMotion, transition } from './motion.ts';
import { assertOffered, isOffered, nextSteps, type MeetingFacts, type Step } from './next-steps.ts';
import { assertMayMoveProcedural, PROCEDURAL_KINDS } from './procedural.ts';

const status = fc.constantFrom(...MOTION_STATUSES);
const facts: fc.Arbitrary<MeetingFacts> = fc.record({
  status: fc.constantFrom('scheduled', 'open', 'closed', 'cancelled'),
  mayOpen: fc.boolean(),
  questionPut: fc.boolean(),
  quorumMet: fc.boolean(),
  present: fc.integer({ min: 0, max: 5 }),
  amendmentOrder: fc.constantFrom('citrine', 'ronr'),
  onAgenda: fc.uniqueArray(fc.constantFrom('m2', 'm3', 'm4'), { maxLength: 3 }),
  current: fc.option(
    fc
      .record({
        status,
        amendments: fc.array(fc.record({ id: fc.constantFrom('a1', 'a2', 'a3'), status }), {
          maxLength: 3,
        }),
      })
      .chain((c) =>
        fc
          .option(fc.constantFrom(...c.amendments.map((a) => a.id), 'a1'))
          .map((questionOn) => ({ id: 'm1', ...c, questionOn })),
      ),
  ),
});

/** Every step anyone could ask for at a meeting with these facts, offered or not. */
const candidates = (f: MeetingFacts): Step[] => [
  { type: 'open' },
  { type: 'cancel' },
  { type: 'close' },
  ...['m1', 'm2', 'm3', 'm4'].flatMap((motionId) =>
    (['move', 'fall'] as const).map((event) => ({ type: 'take-up' as const, motionId, event })),
  ),
  ...(['second', 'open-debate', 'put-question', 'withdraw', 'fall', 'remit'] as const).map(
    (event) => ({ type: 'motion' as const, motionId: 'm1', event }),
  ),
  ...(f.current?.amendments ?? []).flatMap((a) =>
    (['second', 'withdraw'] as const).map((event) => ({
      type: 'amendment' as const,
      amendmentId: a.id,
      event,
    })),
  ),
  { type: 'amend', motionId: 'm1' },
  ...PROCEDURAL_KINDS.map((kind) => ({ type: 'procedural' as const, kind })),
];

describe('the legal next steps of a meeting', () => {
  it('accepts every step it offers and refuses every step it does not', () => {
    fc.assert(
      fc.property(facts, (f) => {
        for (const step of candidates(f)) {
          if (isOffered(f, step)) expect(() => assertOffered(f, step)).not.toThrow();
          else expect(() => assertOffered(f, step)).toThrow(DomainError);
        }
      }),
    );
  });

  it('offers only what the motion’s own rules accept', () => {
    const rules = {
      whoMayMove: 'members' as const,
      quorum: { kind: 'count', members: 1 },
    } as never;
    fc.assert(
      fc.property(facts, (f) => {
        for (const step of nextSteps(f)) {
          expect(f.status === 'open' || step.type === 'open' || step.type === 'cancel').toBe(true);
          if (step.type === 'open') expect(f.mayOpen).toBe(true);
          if (step.type !== 'open' && step.type !== 'cancel') expect(f.status).toBe('open');
          if (step.type === 'motion') {
            const cur = f.current!;
            expect(legalEvents({ kind: 'motion', status: cur.status })).toContain(step.event);
            if (step.event === 'put-question') {
              // What the question is put on next has been seconded, and the meeting is quorate:
              // motion.ts takes the step.
              const on = cur.amendments.find((a) => a.id === cur.questionOn);
              const state = {
                ...newMotion({ proposer: { personId: 'p', isMember: true }, rules } as never),
                kind: on ? ('amendment' as const) : ('motion' as const),
                status: on?.status ?? cur.status,
              };
              const context = { rules, attendance: { present: 1, members: 1 } };
              expect(f.quorumMet).toBe(true);
              expect(() => transition(state, { type: 'put-question' }, context)).not.toThrow();
            }
          }
          if (step.type === 'procedural') {
            const question = !!f.current && ['seconded', 'in-debate'].includes(f.current.status);
            expect(() =>
              assertMayMoveProcedural(step.kind, {
                rules: { amendmentOrder: f.amendmentOrder },
                questionBeforeMeeting: question,
              }),
            ).not.toThrow();
          }
          if (step.type === 'take-up') expect(f.current).toBeNull();
          if (f.questionPut) expect(step.type).not.toBe('procedural');
        }
      }),
    );
  });

  it('does not offer the question on an unseconded amendment, nor next business with nothing before the meeting', () => {
    const f: MeetingFacts = {
      status: 'open',
      mayOpen: true,
      questionPut: false,
      quorumMet: true,
      present: 20,
      amendmentOrder: 'citrine',
      onAgenda: [],
      current: {
        id: 'm1',
        status: 'in-debate',
        amendments: [{ id: 'a1', status: 'moved' }],
        questionOn: 'a1',
      },
    };
    const put: Step = { type: 'motion', motionId: 'm1', event: 'put-question' };
    expect(isOffered(f, put)).toBe(false);
    expect(() => assertOffered(f, put)).toThrow(/not been seconded/);
    const nextBusiness: Step = { type: 'procedural', kind: 'next-business' };
    expect(isOffered({ ...f, current: null }, nextBusiness)).toBe(false);
    expect(isOffered(f, nextBusiness)).toBe(true);
  });
});
