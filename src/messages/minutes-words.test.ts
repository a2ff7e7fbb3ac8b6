import { describe, expect, it } from 'vitest';
import { draftMinutes, type MeetingEvent } from '../domain/meetings/minutes.ts';
import { ENGLISH_MINUTES } from '../domain/meetings/minutes-words.ts';
import { decideQuestion } from '../domain/meetings/thresholds.ts';
import { catalogues } from './messages.ts';
import { minutesWords } from './minutes-words.ts';

const result = (f: number, a: number, b: number) =>
  decideQuestion({
    counts: { for: f, against: a, abstain: b },
    threshold: 'simple-majority-of-votes-cast',
    tieRule: 'lost',
    present: 29,
    members: 40,
  });

const meeting = {
  bodyName: 'Camden Town Group',
  title: 'July general meeting',
  startsAt: '2026-06-17T18:00:00Z',
  place: 'Camden Centre',
};

/** A meeting that did a bit of everything minutes record. */
const events: MeetingEvent[] = [
  {
    type: 'opened',
    at: '2026-06-17T18:00:00Z',
    chair: 'Jordan Blake',
    present: 29,
    members: 40,
    quorum: 10,
  },
  { type: 'apologies', names: ['Kim', 'Lee', 'Max'] },
  { type: 'agenda-item', title: 'Motions' },
  { type: 'attendance', at: '2026-06-17T18:20:00Z', present: 30 },
  { type: 'motion-moved', ref: 'm1', title: 'Parks', proposer: 'Kim', mover: 'Lee' },
  { type: 'closed-without-vote', ref: 'm1', status: 'referred', to: 'Northfield NEC' },
  { type: 'motion-moved', ref: 'm2', title: 'Rents', proposer: 'Max' },
  { type: 'motion-seconded', ref: 'm2', seconder: 'Kim' },
  {
    type: 'amendment-moved',
    ref: 'a1',
    amends: 'm2',
    mover: 'Lee',
    description: 'In clause 1, delete “all”',
  },
  { type: 'amendment-seconded', ref: 'a1', seconder: 'Max' },
  { type: 'question-put', ref: 'a1', vote: 'show-of-hands' },
  { type: 'result', ref: 'a1', result: result(8, 18, 3) },
  {
    type: 'procedural',
    motion: 'That the question be now put',
    kind: 'closure',
    mover: 'Lee',
    seconder: 'Kim',
    result: result(12, 6, 2),
  },
  { type: 'question-put', ref: 'm2', vote: 'secret-ballot', substantive: true },
  { type: 'result', ref: 'm2', result: result(23, 4, 2) },
  { type: 'ruling', text: 'Nothing more on rents tonight.', challenge: result(4, 15, 1) },
  { type: 'closed', at: '2026-06-17T19:45:00Z' },
];

describe('draft minutes in the drafter’s language', () => {
  it('has in the English catalogue the very phrases the domain drafts in', () => {
    const english = catalogues.en as Record<string, string>;
    for (const [phrase, text] of Object.entries(ENGLISH_MINUTES)) {
      expect(english[`minutes.draft.${phrase}`]).toBe(text);
    }
    expect(draftMinutes({ meeting, events, words: minutesWords('en') })).toEqual(
      draftMinutes({ meeting, events }),
    );
  });

  it('drafts in French with French dates, results and typography, and no English sentence', () => {
    const doc = draftMinutes({
      meeting,
      events,
      timeZone: 'Europe/London',
      words: minutesWords('fr'),
    });
    const text = [
      doc.title,
      ...doc.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)]),
    ].join('\n');
    expect(doc.title).toBe(
      'Camden Town Group\u202f: procès-verbal de la réunion «\u202fJuly general meeting\u202f», mercredi 17 juin 2026, Camden Centre',
    );
    expect(text).toContain(
      'La séance est ouverte à 19:00 sous la présidence de Jordan Blake, 29 membres présents sur 40\u202f; le quorum est de 10.',
    );
    expect(text).toContain('Se sont excusé·es\u202f: Kim, Lee et Max.');
    expect(text).toContain(
      'La motion «\u202fRents\u202f» est adoptée\u202f: majorité simple des suffrages exprimés, 23–4, 2 abstentions.',
    );
    for (const english of [
      /\bthe\b/i,
      /carried/,
      /\blost\b/,
      /minutes of/i,
      /seconded/,
      /quorum is/,
      /was put/,
    ]) {
      expect(text).not.toMatch(english);
    }
  });
});
