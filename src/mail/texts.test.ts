import { describe, expect, it } from 'vitest';
import { LOCALES } from '../domain/language.ts';
import type { NoticeOfMeeting } from '../domain/meetings/notice.ts';
import { t } from '../messages/messages.ts';
import { inEveryLanguage, mailTextsFor, readIn, type MailTexts } from './texts.ts';

const notice: NoticeOfMeeting = {
  bodyName: 'Camden Town Group',
  title: 'July general meeting',
  startsAt: '2026-07-20T18:00:00Z',
  timeZone: 'Europe/London',
  location: 'Camden Centre',
  emergency: false,
  agenda: ['Apologies', 'Housing campaign'],
  motionDeadline: '2026-07-17T22:59:59.999Z',
  meetingUrl: 'http://seconded.test/meetings/m1',
  calendarUrl: 'http://seconded.test/meetings/m1/meeting.ics',
};

/** Each text with what it is given, and what of that every language must show its reader. */
const SAMPLES: {
  [K in keyof MailTexts]: { args: Parameters<MailTexts[K]>[0]; shows: readonly string[] };
} = {
  invitation: {
    args: { name: 'Isla', bodyName: 'Camden', link: 'http://x/invite/s', validDays: 14 },
    shows: ['Isla', 'Camden', 'http://x/invite/s', '14'],
  },
  passwordReset: {
    args: { name: 'Isla', link: 'http://x/reset/s', validMinutes: 60 },
    shows: ['Isla', 'http://x/reset/s', '60'],
  },
  noticeOfMeeting: {
    args: { name: 'Isla', notice },
    shows: [
      'Isla',
      'Camden Town Group',
      'July general meeting',
      'Camden Centre',
      '  1. Apologies\n  2. Housing campaign',
      '(Europe/London)',
      notice.meetingUrl,
      notice.calendarUrl,
    ],
  },
  meetingCancelled: {
    args: {
      name: 'Isla',
      bodyName: 'Camden Town Group',
      title: 'July general meeting',
      startsAt: notice.startsAt,
      timeZone: notice.timeZone,
      meetingUrl: notice.meetingUrl,
    },
    shows: [
      'Isla',
      'Camden Town Group',
      'July general meeting',
      '(Europe/London)',
      notice.meetingUrl,
    ],
  },
  ballotResult: {
    args: {
      name: 'Isla',
      bodyName: 'Camden Town Group',
      question: 'Support the strike fund?',
      result: {
        kind: 'yes-no',
        outcome: 'carried',
        for: 23,
        against: 4,
        abstain: 2,
        threshold: 'two-thirds-of-votes-cast',
      },
      link: 'http://x/ballots/b1',
    },
    shows: [
      'Isla',
      'Camden Town Group',
      'Support the strike fund?',
      '23',
      '4',
      '2',
      'http://x/ballots/b1',
    ],
  },
  communicationStep: {
    args: {
      name: 'Sam',
      title: 'Fund the strike',
      addressee: 'NCG',
      status: 'ruled-out',
      note: 'Out of time.',
      link: 'http://x/r/n/fund',
    },
    shows: ['Sam', 'Fund the strike', 'NCG', 'Out of time.', 'http://x/r/n/fund'],
  },
  communicationReceived: {
    args: {
      name: 'Sam',
      kind: 'calls-on',
      senderName: 'Camden',
      title: 'Fund the strike',
      bodyName: 'NCG',
      inboxLink: 'http://x/inbox',
    },
    shows: ['Sam', 'Camden', 'Fund the strike', 'NCG', 'http://x/inbox'],
  },
  ballotOpened: {
    args: {
      name: 'Isla',
      bodyName: 'Camden',
      question: 'Support the strike fund?',
      closesAt: '2026-07-20T18:00:00Z',
      timeZone: 'Europe/London',
      link: 'http://x/ballots/b1',
    },
    shows: ['Isla', 'Camden', 'Support the strike fund?', '(Europe/London)', 'http://x/ballots/b1'],
  },
  ballotReminder: {
    args: {
      name: 'Isla',
      bodyName: 'Camden',
      question: 'Support the strike fund?',
      closesAt: '2026-07-20T18:00:00Z',
      timeZone: 'Europe/London',
      link: 'http://x/ballots/b1',
    },
    shows: ['Isla', 'Camden', 'Support the strike fund?', '(Europe/London)', 'http://x/ballots/b1'],
  },
  compositedNote: {
    args: { title: 'One strike fund', others: 2 },
    shows: ['One strike fund', '2'],
  },
};

const render = (texts: MailTexts, key: keyof MailTexts): string | undefined => {
  const text = texts[key] as
    ((args: unknown) => string | { subject: string; text: string }) | undefined;
  const out = text?.(SAMPLES[key].args);
  return typeof out === 'string' ? out : out && `${out.subject}\n${out.text}`;
};

describe('the mail catalogue', () => {
  const keys = Object.keys(mailTextsFor('en')) as (keyof MailTexts)[];

  it('has a sample for every text', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...keys].sort());
  });

  for (const locale of LOCALES) {
    it(`has every text in ${locale}, each telling its reader all it is given`, () => {
      const missing = keys.filter((key) => !render(mailTextsFor(locale), key)?.trim());
      expect(missing).toEqual([]);
      const silent = keys.flatMap((key) =>
        SAMPLES[key].shows
          .filter((value) => !render(mailTextsFor(locale), key)?.includes(value))
          .map((value) => `${key}: ${value}`),
      );
      expect(silent).toEqual([]);
      if (locale !== 'en') {
        const untranslated = keys.filter(
          (key) => render(mailTextsFor(locale), key) === render(mailTextsFor('en'), key),
        );
        expect(untranslated).toEqual([]);
      }
    });
  }

  it('writes the date of a meeting as its reader writes dates, in the meeting’s time zone', () => {
    // ICU versions differ on the comma after the English weekday.
    expect(mailTextsFor('en').noticeOfMeeting({ name: 'Isla', notice }).text).toMatch(
      /When: Monday,? 20 July 2026 at 19:00 \(Europe\/London\)/,
    );
    const fr = mailTextsFor('fr').noticeOfMeeting({ name: 'Isla', notice });
    expect(fr.subject).toBe('Convocation\u202f: Camden Town Group, July general meeting');
    expect(fr.text).toContain('Date\u202f: lundi 20 juillet 2026 à 19:00 (Europe/London)');
    expect(fr.text).toContain('au plus tard le vendredi 17 juillet 2026 à 23:59.');
  });

  it('reads English for no choice of language, or one Seconded is not written in', () => {
    const english = mailTextsFor('en').passwordReset(SAMPLES.passwordReset.args);
    expect(mailTextsFor(null).passwordReset(SAMPLES.passwordReset.args)).toEqual(english);
    expect(mailTextsFor('de').passwordReset(SAMPLES.passwordReset.args)).toEqual(english);
  });

  it('writes a note kept once in every language, and leaves people’s own words as they are', () => {
    const note = inEveryLanguage((m) => m.compositedNote({ title: 'One fund', others: 1 }));
    expect(note).toEqual({
      en: 'Composited into “One fund” with 1 other.',
      fr: 'Fusionnée dans «\u202fOne fund\u202f» avec 1 autre.',
    });
    expect(readIn('fr', note)).toBe(note.fr);
    expect(readIn(null, note)).toBe(note.en);
    expect(readIn('fr', 'Received after the deadline.')).toBe('Received after the deadline.');
  });

  it('says a delivery’s state in the words its page uses, in the reader’s language', () => {
    const step = (locale: string) =>
      mailTextsFor(locale).communicationStep(SAMPLES.communicationStep.args).text;
    expect(step('fr')).toContain(`est maintenant ${t('state.communication.ruled-out', {}, 'fr')}.`);
    expect(step('en')).toContain('is now ruled out of order.');
  });

  it('counts one other, or several, as each language does', () => {
    const note = (locale: string, others: number) =>
      mailTextsFor(locale).compositedNote({ title: 'One fund', others });
    expect(note('en', 2)).toBe('Composited into “One fund” with 2 others.');
    expect(note('fr', 2)).toBe('Fusionnée dans «\u202fOne fund\u202f» avec 2 autres.');
  });
});
