import { describe, expect, it } from 'vitest';
import {
  askToSpeak,
  callNext,
  endSpeech,
  formatCountdown,
  queueOf,
  secondsLeft,
  speakingNow,
  spoken,
  withdrawRequest,
  type SpeakerRequest,
  type Side,
} from './speakers.ts';

const T = (s: number) => new Date(Date.UTC(2026, 6, 1, 19, 0, s)).toISOString();

function listOf(asks: [string, Side | null, boolean][]) {
  const list: SpeakerRequest[] = [];
  asks.forEach(([personId, side, pointOfOrder], i) =>
    list.push(
      askToSpeak(list, {
        id: `r${i}`,
        personId,
        side,
        pointOfOrder,
        at: T(i),
        meetingStatus: 'open',
        present: true,
      }),
    ),
  );
  return list;
}

const apply = (list: SpeakerRequest[], ...changed: (SpeakerRequest | null)[]) =>
  list.map((r) => changed.find((c) => c?.id === r.id) ?? r);

describe('the speakers list', () => {
  it('calls members in the order they asked, each call ending the speech before', () => {
    let list = listOf([
      ['ann', 'for', false],
      ['bob', 'against', false],
      ['cat', 'for', false],
    ]);
    expect(queueOf(list).map((r) => r.personId)).toEqual(['ann', 'bob', 'cat']);
    let step = callNext(list, { at: T(10), timeLimitSeconds: 120 });
    expect(step.ended).toBeNull();
    list = apply(list, step.called);
    expect(speakingNow(list)?.personId).toBe('ann');
    step = callNext(list, { at: T(100), timeLimitSeconds: null });
    list = apply(list, step.ended, step.called);
    expect(speakingNow(list)?.personId).toBe('bob');
    expect(spoken(list).map((r) => [r.personId, r.finishedAt])).toEqual([['ann', T(100)]]);
    expect(queueOf(list).map((r) => r.personId)).toEqual(['cat']);
  });

  it('puts a point of order before every speech waiting, after earlier points of order', () => {
    const list = listOf([
      ['ann', 'for', false],
      ['bob', 'against', false],
      ['cat', null, true],
      ['dan', null, true],
      ['ann', null, true],
    ]);
    expect(queueOf(list).map((r) => [r.personId, r.pointOfOrder])).toEqual([
      ['cat', true],
      ['dan', true],
      ['ann', true],
      ['ann', false],
      ['bob', false],
    ]);
    expect(list.find((r) => r.personId === 'cat')!.side).toBeNull();
  });

  it('refuses a second place in the queue, a speech with no side, absentees and closed meetings', () => {
    const list = listOf([['ann', 'for', false]]);
    const ask = (over: Partial<Parameters<typeof askToSpeak>[1]>) => () =>
      askToSpeak(list, {
        id: 'x',
        personId: 'ann',
        side: 'against',
        pointOfOrder: false,
        at: T(5),
        meetingStatus: 'open',
        present: true,
        ...over,
      });
    expect(ask({})).toThrow(expect.objectContaining({ code: 'ALREADY_ON_SPEAKERS_LIST' }));
    expect(ask({ personId: 'bob', side: null })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(ask({ personId: 'bob', present: false })).toThrow(
      expect.objectContaining({ code: 'NOT_PRESENT' }),
    );
    expect(ask({ personId: 'bob', meetingStatus: 'closed' })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
    // A point of order while waiting to speak is allowed.
    expect(ask({ pointOfOrder: true, side: null })().pointOfOrder).toBe(true);
  });

  it('refuses to call when no one waits, to end when no one speaks, and odd time limits', () => {
    expect(() => callNext([], { at: T(0), timeLimitSeconds: null })).toThrow(
      expect.objectContaining({ code: 'NO_ONE_WAITING' }),
    );
    expect(() => endSpeech([], T(0))).toThrow(expect.objectContaining({ code: 'NO_ONE_SPEAKING' }));
    const list = listOf([['ann', 'for', false]]);
    for (const bad of [0, 5, 3601, 12.5])
      expect(() => callNext(list, { at: T(0), timeLimitSeconds: bad })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
  });

  it('lets a member withdraw their own request, and the chair anyone’s', () => {
    const list = listOf([
      ['ann', 'for', false],
      ['bob', 'against', false],
    ]);
    const mine = withdrawRequest(list, { id: 'r0', personId: 'ann', isChair: false, at: T(9) });
    expect(mine.withdrawnAt).toBe(T(9));
    expect(() =>
      withdrawRequest(list, { id: 'r1', personId: 'ann', isChair: false, at: T(9) }),
    ).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(
      withdrawRequest(list, { id: 'r1', personId: 'chair', isChair: true, at: T(9) }).withdrawnAt,
    ).toBe(T(9));
    expect(queueOf(apply(list, mine)).map((r) => r.personId)).toEqual(['bob']);
  });

  it('counts down a time limit, and past it', () => {
    const list = listOf([['ann', 'for', false]]);
    const { called } = callNext(list, { at: T(0), timeLimitSeconds: 120 });
    expect(secondsLeft(called, T(15))).toBe(105);
    expect(formatCountdown(secondsLeft(called, T(15))!)).toBe('1:45');
    expect(formatCountdown(secondsLeft(called, T(132))!)).toBe('−0:12');
    expect(secondsLeft({ ...called, timeLimitSeconds: null }, T(15))).toBeNull();
  });
});
