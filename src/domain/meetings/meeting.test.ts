import { describe, expect, it } from 'vitest';
import { PRESETS } from '../organisations/standing-orders.ts';
import {
  cancelMeeting,
  closeMeeting,
  giveNotice,
  newMeeting,
  openMeeting,
  presentAt,
  signIn,
  signOut,
} from './meeting.ts';
import type { Attendance } from './meeting.ts';

const rules = { ...PRESETS.citrine, quorum: { kind: 'count', members: 10 } } as const;
const startsAt = '2025-07-09T18:00:00Z';

describe('meeting lifecycle', () => {
  it('opens once notice has run and a quorum is present, then closes', () => {
    const called = giveNotice(newMeeting({ startsAt }), '2025-07-01T09:00:00Z');
    expect(giveNotice(called, '2025-07-02T09:00:00Z').noticeGivenAt).toBe('2025-07-01T09:00:00Z');
    const { meeting, quorum } = openMeeting(called, {
      at: startsAt,
      rules,
      present: 29,
      members: 40,
    });
    expect(meeting).toMatchObject({ status: 'open', openedAt: startsAt, emergency: false });
    expect(quorum).toEqual({ met: true, present: 29, required: 10 });
    expect(closeMeeting(meeting, '2025-07-09T19:45:00Z').status).toBe('closed');
    expect(() => openMeeting(meeting, { at: startsAt, rules, present: 29, members: 40 })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
  });

  it('refuses to open early, or without a quorum', () => {
    const called = giveNotice(newMeeting({ startsAt }), '2025-07-05T09:00:00Z');
    expect(() => openMeeting(called, { at: startsAt, rules, present: 29, members: 40 })).toThrow(
      expect.objectContaining({ code: 'NOTICE_NOT_GIVEN' }),
    );
    const emergency = giveNotice(newMeeting({ startsAt, emergency: true }), '2025-07-08T09:00:00Z');
    expect(
      openMeeting(emergency, { at: startsAt, rules, present: 12, members: 40 }).meeting,
    ).toMatchObject({ status: 'open', emergency: true });
    const inTime = giveNotice(newMeeting({ startsAt }), '2025-07-01T09:00:00Z');
    expect(() => openMeeting(inTime, { at: startsAt, rules, present: 9, members: 40 })).toThrow(
      expect.objectContaining({ code: 'QUORUM_NOT_MET', message: '9 present; the quorum is 10.' }),
    );
    expect(cancelMeeting(inTime).status).toBe('cancelled');
  });
});

describe('attendance', () => {
  const meeting = { status: 'open' } as const;

  it('signs members in and out and says who was present when', () => {
    let records: Attendance[] = [];
    records = signIn(records, {
      meeting,
      personId: 'a',
      isMember: true,
      at: '2025-07-09T18:00:00Z',
    });
    records = signIn(records, {
      meeting,
      personId: 'b',
      isMember: true,
      at: '2025-07-09T18:05:00Z',
      by: 'secretary',
    });
    // Signing in twice changes nothing.
    records = signIn(records, {
      meeting,
      personId: 'a',
      isMember: true,
      at: '2025-07-09T18:06:00Z',
    });
    expect(records).toHaveLength(2);
    expect(records[1]!.signedInBy).toBe('secretary');
    records = signOut(records, { personId: 'a', at: '2025-07-09T19:00:00Z' });
    expect(presentAt(records)).toEqual(['b']);
    expect(presentAt(records, '2025-07-09T18:30:00Z')).toEqual(['a', 'b']);
    expect(presentAt(records, '2025-07-09T18:01:00Z')).toEqual(['a']);
    // And back in again later.
    records = signIn(records, {
      meeting,
      personId: 'a',
      isMember: true,
      at: '2025-07-09T19:10:00Z',
    });
    expect(presentAt(records)).toEqual(['a', 'b']);
  });

  it('refuses non-members, signing out someone absent, and a closed meeting', () => {
    expect(() =>
      signIn([], { meeting, personId: 'v', isMember: false, at: '2025-07-09T18:00:00Z' }),
    ).toThrow(expect.objectContaining({ code: 'NOT_A_MEMBER' }));
    expect(() => signOut([], { personId: 'a', at: '2025-07-09T18:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'NOT_PRESENT' }),
    );
    expect(() =>
      signIn([], { meeting: { status: 'closed' }, personId: 'a', isMember: true, at: startsAt }),
    ).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });
});
