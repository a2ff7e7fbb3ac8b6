import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMUNICATION_KINDS,
  COMMUNICATION_STATUSES,
  communicationTransition,
  isSettled,
  legalCommunicationEvents,
  legalOutcomes,
  newCommunication,
  OUTCOMES,
  outcomeOfMotion,
  withdrawCommunication,
  type CommunicationEvent,
  type CommunicationState,
} from './communication.ts';

const sent = newCommunication('calls-on', true);
const step = (state: CommunicationState, ...events: CommunicationEvent[]) =>
  events.reduce(communicationTransition, state);

describe('the communication state machine', () => {
  it('takes a "calls on" communication from sent to carried through every answer', () => {
    const end = step(
      sent,
      { type: 'acknowledge' },
      { type: 'rule', inOrder: true },
      { type: 'put-on-agenda', motionId: 'm1' },
      { type: 'record-outcome', outcome: 'carried' },
    );
    expect(end).toEqual({ kind: 'calls-on', status: 'carried', reason: null, motionId: 'm1' });
  });

  it('records a body named by name only as not deliverable, with nothing more to do', () => {
    const remote = newCommunication('calls-on', false);
    expect(remote.status).toBe('not-deliverable');
    expect(legalCommunicationEvents(remote)).toEqual([]);
  });

  it('needs a reason to rule out of order, and keeps it', () => {
    expect(() => step(sent, { type: 'rule', inOrder: false, reason: '  ' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    const out = step(sent, { type: 'rule', inOrder: false, reason: 'Not within our powers' });
    expect(out).toMatchObject({ status: 'ruled-out', reason: 'Not within our powers' });
    expect(legalCommunicationEvents(out)).toEqual([]);
  });

  it('refuses a step that cannot follow, naming the state and the event', () => {
    expect(() => step(sent, { type: 'put-on-agenda', motionId: 'm' })).toThrow(
      /state sent, event put-on-agenda/,
    );
    const carried = step(
      sent,
      { type: 'rule', inOrder: true },
      { type: 'composite', motionId: 'm' },
      { type: 'record-outcome', outcome: 'lost' },
    );
    expect(() => step(carried, { type: 'acknowledge' })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
  });

  it('lets a communication ruled in be noted or referred without a motion, but not carried', () => {
    const ruledIn = step(sent, { type: 'rule', inOrder: true });
    expect(legalOutcomes(ruledIn)).toEqual(['noted', 'referred']);
    expect(step(ruledIn, { type: 'record-outcome', outcome: 'noted' }).status).toBe('noted');
    expect(() => step(ruledIn, { type: 'record-outcome', outcome: 'carried' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('lets a model motion be adopted straight from the inbox, but not ruled on', () => {
    const model = newCommunication('model-motion', true);
    expect(legalCommunicationEvents(model)).toEqual(['acknowledge', 'adopt']);
    const adopted = step(model, { type: 'adopt', motionId: 'b1' });
    expect(adopted).toMatchObject({ status: 'adopted', motionId: 'b1' });
    expect(legalOutcomes(adopted)).toEqual(['carried', 'lost', 'noted', 'referred']);
    expect(() => step(model, { type: 'rule', inOrder: true })).toThrow(/event rule/);
  });

  it('has an answer or an end for every state of both kinds', () => {
    for (const kind of ['calls-on', 'model-motion'] as const)
      for (const status of COMMUNICATION_STATUSES)
        expect(Array.isArray(legalCommunicationEvents({ kind, status }))).toBe(true);
  });

  it('reads the outcome off the linked motion', () => {
    expect(outcomeOfMotion('carried')).toBe('carried');
    expect(outcomeOfMotion('not-carried')).toBe('lost');
    expect(outcomeOfMotion('lost')).toBe('lost');
    expect(outcomeOfMotion('referred')).toBe('referred');
    expect(outcomeOfMotion('withdrawn')).toBeNull();
  });
});

describe('putting it to a ballot of the members, and outcomes recorded by hand', () => {
  const ruledIn = step(sent, { type: 'rule', inOrder: true });

  it('takes a "calls on" ruled in order to a ballot, whose outcome is then recorded', () => {
    const balloting = step(ruledIn, { type: 'put-to-ballot', motionId: 'm1' });
    expect(balloting).toMatchObject({ status: 'balloting', motionId: 'm1' });
    expect(legalCommunicationEvents(balloting)).toEqual(['record-outcome']);
    expect(step(balloting, { type: 'record-outcome', outcome: 'carried' }).status).toBe('carried');
    // A model motion is adopted, never put to a ballot as it came.
    const model = newCommunication('model-motion', true);
    expect(() => step(model, { type: 'put-to-ballot', motionId: 'm' })).toThrow(
      /event put-to-ballot/,
    );
  });

  it('needs a reason for an outcome recorded by hand, and refuses a blank one', () => {
    expect(() =>
      step(ruledIn, { type: 'record-outcome', outcome: 'noted', byHand: true, reason: ' \n ' }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    const noted = step(ruledIn, {
      type: 'record-outcome',
      outcome: 'noted',
      byHand: true,
      reason: 'Noted by the officers',
    });
    expect(noted.status).toBe('noted');
  });

  const events: fc.Arbitrary<CommunicationEvent> = fc.oneof(
    fc.constant({ type: 'acknowledge' } as const),
    fc.record({
      type: fc.constant('rule' as const),
      inOrder: fc.boolean(),
      reason: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
    }),
    ...(['put-on-agenda', 'put-to-ballot', 'composite', 'adopt'] as const).map((type) =>
      fc.record({ type: fc.constant(type), motionId: fc.constantFrom('m1', 'm2') }),
    ),
    fc.record({
      type: fc.constant('record-outcome' as const),
      outcome: fc.constantFrom(...OUTCOMES),
      byHand: fc.boolean(),
      reason: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
    }),
  );

  it('only ever takes a legal step; a refusal changes nothing; a settled one stays settled', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMUNICATION_KINDS),
        fc.array(events, { maxLength: 12 }),
        (kind, steps) => {
          let state = newCommunication(kind, true);
          for (const event of steps) {
            const before = state;
            try {
              state = communicationTransition(state, event);
            } catch (error) {
              expect(error).toMatchObject({
                code: expect.stringMatching(/^(ILLEGAL_TRANSITION|VALIDATION_FAILED)$/),
              });
              expect(state).toBe(before);
              continue;
            }
            expect(legalCommunicationEvents(before)).toContain(event.type);
            // An outcome recorded by hand was given a reason that is not blank.
            if (event.type === 'record-outcome' && event.byHand)
              expect(event.reason?.trim()).toBeTruthy();
            // Balloted, put on an agenda or composited: it is linked to the body's own motion.
            if (['balloting', 'on-agenda', 'composited', 'adopted'].includes(state.status))
              expect(state.motionId).not.toBeNull();
            if (isSettled(before)) throw new Error('a settled communication took a step');
          }
        },
      ),
    );
  });
});

describe('withdrawing a communication', () => {
  it('is allowed exactly while it is not settled, and settles it', () => {
    for (const kind of COMMUNICATION_KINDS) {
      for (const status of COMMUNICATION_STATUSES) {
        const state: CommunicationState = { kind, status, reason: null, motionId: null };
        if (isSettled(state)) {
          expect(() => withdrawCommunication(state)).toThrow(/state .*event withdraw/);
        } else {
          const withdrawn = withdrawCommunication(state);
          expect(withdrawn.status).toBe('withdrawn');
          expect(isSettled(withdrawn)).toBe(true);
        }
      }
    }
  });
});
