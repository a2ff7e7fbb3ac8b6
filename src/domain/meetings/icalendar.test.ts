import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeText,
  foldLine,
  formatUtc,
  meetingUid,
  meetingsCalendar,
  unfold,
} from './icalendar.ts';

const octets = (s: string) => new TextEncoder().encode(s).length;

const july = {
  uid: meetingUid('0b7e', 'seconded.example.org'),
  title: 'July general meeting',
  startsAt: '2025-07-09T18:00:00Z',
  endsAt: '2025-07-09T20:00:00Z',
  location: 'Camden Centre, Room 2; side door',
  description: 'Agenda:\n1. Minutes\n2. Motion: No confidence in the Leader, and any amendments',
  url: 'https://seconded.example.org/meetings/0b7e',
};

describe('iCalendar (RFC 5545)', () => {
  it('writes UTC date-times (3.3.5 form 2)', () => {
    expect(formatUtc('2025-07-09T19:00:00+01:00')).toBe('20250709T180000Z');
  });

  it('escapes TEXT values (3.3.11)', () => {
    expect(escapeText('a, b; c\\d\ne\r\nf')).toBe('a\\, b\\; c\\\\d\\ne\\nf');
    // Colons need no escape in TEXT.
    expect(escapeText('Motion: yes')).toBe('Motion: yes');
  });

  it('folds lines at 75 octets, never splitting a character (3.1)', () => {
    const line = `SUMMARY:${'é'.repeat(60)}${'x'.repeat(40)}🗳️${'y'.repeat(20)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, p] of physical.entries()) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      expect(p).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('folding round-trips and bounds every line, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        const line = `DESCRIPTION:${escapeText(s)}`;
        const folded = foldLine(line);
        expect(unfold(folded)).toBe(line);
        for (const p of folded.split('\r\n')) expect(octets(p)).toBeLessThanOrEqual(75);
      }),
    );
  });

  it('writes a calendar for one meeting with the required properties', () => {
    const ics = meetingsCalendar({ meetings: [july], generatedAt: '2025-07-01T09:00:00Z' });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = unfold(ics).split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      '-//Seconded//Seconded meetings//EN'.replace(/^/, 'PRODID:'),
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    expect(lines).toContain('UID:meeting-0b7e@seconded.example.org');
    expect(lines).toContain('DTSTAMP:20250701T090000Z');
    expect(lines).toContain('DTSTART:20250709T180000Z');
    expect(lines).toContain('DTEND:20250709T200000Z');
    expect(lines).toContain('LOCATION:Camden Centre\\, Room 2\\; side door');
    expect(lines).toContain(
      'DESCRIPTION:Agenda:\\n1. Minutes\\n2. Motion: No confidence in the Leader\\, and any amendments',
    );
    expect(lines).toContain('URL:https://seconded.example.org/meetings/0b7e');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    for (const physical of ics.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
  });

  it('writes a body’s feed: named, one VEVENT per meeting, stable UIDs', () => {
    const august = {
      uid: meetingUid('1c9f', 'seconded.example.org'),
      title: 'August meeting',
      startsAt: '2025-08-13T18:00:00Z',
      status: 'cancelled' as const,
      sequence: 2,
    };
    const feed = meetingsCalendar({
      meetings: [july, august],
      generatedAt: '2025-07-01T09:00:00Z',
      name: 'Camden Town Group, meetings',
    });
    const lines = unfold(feed).split('\r\n');
    expect(lines).toContain('NAME:Camden Town Group\\, meetings');
    expect(lines).toContain('X-WR-CALNAME:Camden Town Group\\, meetings');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:2');
    // Without an end, the meeting lasts two hours.
    expect(lines).toContain('DTEND:20250813T200000Z');
    // The same meetings give the same text: the feed is deterministic.
    expect(
      meetingsCalendar({
        meetings: [july, august],
        generatedAt: '2025-07-01T09:00:00Z',
        name: 'Camden Town Group, meetings',
      }),
    ).toBe(feed);
  });
});
