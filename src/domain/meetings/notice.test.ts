import { describe, expect, it } from 'vitest';
import {
  assertMayOpenMeeting,
  clearDaysBetween,
  earliestMeetingDate,
  localDate,
  localTimeToUtc,
  mayOpenMeeting,
  motionDeadline,
  startOfLocalDay,
} from './notice.ts';

const rules = { noticeDays: 7, emergencyMeetings: false, motionDeadlineDays: 3 };

describe('clear days', () => {
  it('exclude the day notice is given and the day of the meeting', () => {
    expect(clearDaysBetween('2025-07-01T09:00:00Z', '2025-07-09T18:00:00Z')).toBe(7);
    expect(clearDaysBetween('2025-07-01T23:59:00Z', '2025-07-09T00:01:00Z')).toBe(7);
    expect(clearDaysBetween('2025-07-01T09:00:00Z', '2025-07-08T18:00:00Z')).toBe(6);
    expect(earliestMeetingDate('2025-07-01T09:00:00Z', 7)).toBe('2025-07-09');
  });

  it('are counted in the body’s time zone', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    expect(localDate('2025-06-30T23:30:00Z', 'Europe/London')).toBe('2025-07-01');
    expect(clearDaysBetween('2025-06-30T23:30:00Z', '2025-07-09T18:00:00Z', 'Europe/London')).toBe(
      7,
    );
    expect(clearDaysBetween('2025-06-30T23:30:00Z', '2025-07-09T18:00:00Z', 'UTC')).toBe(8);
  });
});

describe('opening a meeting', () => {
  it('may open once the notice has run', () => {
    expect(
      mayOpenMeeting({
        noticeGivenAt: '2025-07-01T09:00:00Z',
        opensAt: '2025-07-09T18:00:00Z',
        rules,
      }),
    ).toEqual({ allowed: true, emergency: false, clearDays: 7 });
  });

  it('may open the same day when the standing orders require no notice', () => {
    expect(
      mayOpenMeeting({
        noticeGivenAt: '2025-07-01T09:00:00Z',
        opensAt: '2025-07-01T18:00:00Z',
        rules: { ...rules, noticeDays: 0 },
      }),
    ).toMatchObject({ allowed: true, emergency: false });
    expect(earliestMeetingDate('2025-07-01T09:00:00Z', 0)).toBe('2025-07-01');
  });

  it('is refused before then, saying when it may open', () => {
    const props = { noticeGivenAt: '2025-07-01T09:00:00Z', opensAt: '2025-07-08T18:00:00Z', rules };
    expect(() => assertMayOpenMeeting(props)).toThrow(
      expect.objectContaining({
        code: 'NOTICE_NOT_GIVEN',
        message:
          "The standing orders require 7 clear days' notice; 6 clear days have passed. The meeting may open on 2025-07-09.",
      }),
    );
    expect(mayOpenMeeting({ ...props, noticeGivenAt: null })).toMatchObject({
      allowed: false,
      reason: 'No notice of this meeting has been given.',
    });
  });

  it('at short notice only as an emergency meeting the standing orders allow', () => {
    const props = {
      noticeGivenAt: '2025-07-07T09:00:00Z',
      opensAt: '2025-07-08T18:00:00Z',
      emergency: true,
    };
    expect(mayOpenMeeting({ ...props, rules: { ...rules, emergencyMeetings: true } })).toEqual({
      allowed: true,
      emergency: true,
      clearDays: 0,
    });
    expect(() => assertMayOpenMeeting({ ...props, rules })).toThrow(
      expect.objectContaining({
        code: 'NOTICE_NOT_GIVEN',
        message: expect.stringContaining('do not allow emergency meetings'),
      }),
    );
  });
});

describe('motion deadline', () => {
  it('is the end of the local day so many days before the meeting', () => {
    expect(
      motionDeadline({ meetingStartsAt: '2025-07-09T18:00:00Z', rules, timeZone: 'Europe/London' }),
    ).toBe('2025-07-06T22:59:59.999Z');
    expect(
      motionDeadline({ meetingStartsAt: '2025-01-09T18:00:00Z', rules, timeZone: 'Europe/London' }),
    ).toBe('2025-01-06T23:59:59.999Z');
    expect(
      motionDeadline({ meetingStartsAt: '2025-07-09T18:00:00Z', rules: { motionDeadlineDays: 0 } }),
    ).toBe('2025-07-09T18:00:00.000Z');
  });

  it('finds local midnight across time zones and summer time', () => {
    expect(startOfLocalDay('2025-03-30', 'Europe/London').toISOString()).toBe(
      '2025-03-30T00:00:00.000Z',
    );
    expect(startOfLocalDay('2025-03-31', 'Europe/London').toISOString()).toBe(
      '2025-03-30T23:00:00.000Z',
    );
    expect(startOfLocalDay('2025-07-01', 'America/New_York').toISOString()).toBe(
      '2025-07-01T04:00:00.000Z',
    );
    expect(startOfLocalDay('2025-07-01', 'Asia/Kolkata').toISOString()).toBe(
      '2025-06-30T18:30:00.000Z',
    );
  });
});

describe('a wall-clock time in a time zone', () => {
  it('is read as the UTC instant, summer and winter alike', () => {
    expect(localTimeToUtc('2026-07-09T19:00', 'Europe/London')?.toISOString()).toBe(
      '2026-07-09T18:00:00.000Z',
    );
    expect(localTimeToUtc('2026-01-09T19:00', 'Europe/London')?.toISOString()).toBe(
      '2026-01-09T19:00:00.000Z',
    );
    expect(localTimeToUtc('2026-10-25T09:00', 'Europe/Paris')?.toISOString()).toBe(
      '2026-10-25T08:00:00.000Z',
    );
  });

  it('is nothing when it is not a time', () => {
    expect(localTimeToUtc('next Tuesday', 'Europe/London')).toBeUndefined();
  });
});
