import { describe, expect, it } from 'vitest';
import {
  COMMUNICATION_STATUSES,
  communicationTransition,
  legalCommunicationEvents,
  legalOutcomes,
  newCommunication,
  outcomeOfMotion,
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
