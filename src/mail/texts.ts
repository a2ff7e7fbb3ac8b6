import { formatInstantIn, LOCALES, localeOr, type Locale } from '../domain/language.ts';
import type { NoticeOfMeeting } from '../domain/meetings/notice.ts';
import type {
  CommunicationKind,
  CommunicationStatus,
} from '../domain/resolutions/communication.ts';
import type { Threshold } from '../domain/meetings/thresholds.ts';
import { t, type MessageKey } from '../messages/messages.ts';

/**
 * Every email Seconded sends. The recipient reads it in the language they chose for their pages
 * (people.locale), English when they chose none. This file lays out each email's lines; its
 * words are in the one catalogue of each language (src/messages/en.ts, `mail.*` keys), where a
 * test fails when a key lacks a language or a placeholder differs, and texts.test.ts checks each
 * email tells its reader everything it is given.
 */

/**
 * What a result email says of the count: a yes/no ballot's outcome, figures and the rule that
 * decided it; of any other, how many voted (a count of stages does not fit an email: its link
 * gives it whole).
 */
export type ResultFigures =
  | {
      readonly kind: 'yes-no';
      readonly outcome: 'carried' | 'lost' | 'not-carried';
      readonly for: number;
      readonly against: number;
      readonly abstain: number;
      readonly threshold: Threshold;
    }
  | { readonly kind: 'other'; readonly votes: number; readonly electorate: number };

/** One email, before it is addressed. */
export interface MailText {
  readonly subject: string;
  readonly text: string;
}

const lines = (...parts: readonly string[]) => parts.join('\n');

/** What every email written in `lang` writes with: its words, its dates and its plurals. */
const writerIn = (lang: Locale) => ({
  say: (key: MessageKey, vars?: Record<string, string | number>) => t(key, vars, lang),
  /** When something is, in the meeting's time zone, as `lang` writes it. */
  when: (iso: string, timeZone: string) => formatInstantIn(lang, iso, 'fullDateTime', timeZone),
  plural: new Intl.PluralRules(lang),
});

/** The emails about people's accounts and meetings, written in `lang`. */
const accountAndMeetingTextsIn = (lang: Locale) => {
  const { say, when } = writerIn(lang);

  return {
    /** An invitation to set a password, to a member who has no account yet. */
    invitation: (p: {
      name: string;
      bodyName: string;
      link: string;
      validDays: number;
    }): MailText => ({
      subject: say('mail.invitation.subject', { body: p.bodyName }),
      text: lines(
        say('mail.hello', { name: p.name }),
        '',
        say('mail.invitation.intro', { body: p.bodyName }),
        '',
        p.link,
        '',
        say('mail.invitation.expiry', { days: p.validDays }),
        say('mail.invitation.unexpected'),
      ),
    }),

    passwordReset: (p: { name: string; link: string; validMinutes: number }): MailText => ({
      subject: say('mail.reset.subject'),
      text: lines(
        say('mail.hello', { name: p.name }),
        '',
        say('mail.reset.intro'),
        '',
        p.link,
        '',
        say('mail.reset.expiry', { minutes: p.validMinutes }),
      ),
    }),

    /**
     * The notice of a meeting to one member (Citrine, *ABC of Chairmanship*, on notice: the date,
     * time and place, and the business to be done), every line of it true for that member.
     */
    noticeOfMeeting: (p: { name: string; notice: NoticeOfMeeting }): MailText => {
      const { notice } = p;
      const body = notice.bodyName;
      const zone = notice.timeZone;
      const place = notice.location ?? say('mail.notice.placeUnknown');
      return {
        subject: say('mail.notice.subject', { body, title: notice.title }),
        text: lines(
          say('mail.dear', { name: p.name }),
          '',
          say(notice.emergency ? 'mail.notice.givenEmergency' : 'mail.notice.given', { body }),
          '',
          `  ${notice.title}`,
          `  ${say('mail.notice.when', { when: when(notice.startsAt, zone), zone })}`,
          `  ${say('mail.notice.where', { place })}`,
          '',
          say('mail.notice.agenda'),
          ...(notice.agenda.length
            ? notice.agenda.map((item, i) => `  ${i + 1}. ${item}`)
            : [`  ${say('mail.notice.noAgenda')}`]),
          '',
          ...(notice.motionDeadline
            ? [say('mail.notice.deadline', { when: when(notice.motionDeadline, zone) }), '']
            : []),
          say('mail.notice.meetingLink', { link: notice.meetingUrl }),
          say('mail.notice.calendarLink', { link: notice.calendarUrl }),
        ),
      };
    },

    /**
     * To one member who was given notice: the meeting will not take place. Sent because the
     * notice reached every member, so its withdrawal must too (a calendar that subscribed sees
     * the cancellation through the feed, but most members only read their mail).
     */
    meetingCancelled: (p: {
      name: string;
      bodyName: string;
      title: string;
      startsAt: string;
      timeZone: string;
      meetingUrl: string;
    }): MailText => ({
      subject: say('mail.cancelled.subject', { body: p.bodyName, title: p.title }),
      text: lines(
        say('mail.dear', { name: p.name }),
        '',
        say('mail.cancelled.intro', { body: p.bodyName }),
        '',
        `  ${p.title}`,
        `  ${say('mail.notice.when', { when: when(p.startsAt, p.timeZone), zone: p.timeZone })}`,
        '',
        say('mail.cancelled.link', { link: p.meetingUrl }),
      ),
    }),
  };
};

/** The emails about ballots, written in `lang`. */
const ballotTextsIn = (lang: Locale) => {
  const { say, when } = writerIn(lang);

  return {
    /**
     * To one elector: a ballot they may vote in has opened, with the direct link and when it
     * closes (in the time zone its officers gave), or that it runs until they close it.
     */
    ballotOpened: (p: {
      name: string;
      bodyName: string;
      question: string;
      closesAt: string | null;
      timeZone: string;
      link: string;
    }): MailText => ({
      subject: say('mail.ballotOpened.subject', { body: p.bodyName, question: p.question }),
      text: lines(
        say('mail.dear', { name: p.name }),
        '',
        say('mail.ballotOpened.intro', { body: p.bodyName }),
        '',
        `  ${p.question}`,
        '',
        p.closesAt
          ? say('mail.ballot.closes', { when: when(p.closesAt, p.timeZone), zone: p.timeZone })
          : say('mail.ballotOpened.noClose'),
        '',
        say('mail.ballot.link', { link: p.link }),
      ),
    }),

    /** To one elector the roll shows has not voted: the ballot closes soon. */
    ballotReminder: (p: {
      name: string;
      bodyName: string;
      question: string;
      closesAt: string;
      timeZone: string;
      link: string;
    }): MailText => ({
      subject: say('mail.ballotReminder.subject', { body: p.bodyName, question: p.question }),
      text: lines(
        say('mail.dear', { name: p.name }),
        '',
        say('mail.ballotReminder.intro', { body: p.bodyName }),
        '',
        `  ${p.question}`,
        '',
        say('mail.ballot.closes', { when: when(p.closesAt, p.timeZone), zone: p.timeZone }),
        '',
        say('mail.ballot.link', { link: p.link }),
        say('mail.ballotReminder.voted'),
      ),
    }),

    /** To every elector once a ballot has closed and been counted: its result and the rule. */
    ballotResult: (p: {
      name: string;
      bodyName: string;
      question: string;
      result: ResultFigures;
      link: string;
    }): MailText => ({
      subject: say('mail.ballotResult.subject', { body: p.bodyName, question: p.question }),
      text: lines(
        say('mail.dear', { name: p.name }),
        '',
        say('mail.ballotResult.intro', { body: p.bodyName }),
        '',
        `  ${p.question}`,
        '',
        ...(p.result.kind === 'yes-no'
          ? [
              say('mail.ballotResult.figures', {
                outcome: say(`ballot.outcome.${p.result.outcome}`),
                for: p.result.for,
                against: p.result.against,
                abstain: p.result.abstain,
              }),
              say('mail.ballotResult.rule', { rule: say(`threshold.${p.result.threshold}`) }),
            ]
          : [
              say('mail.ballotResult.turnout', {
                votes: p.result.votes,
                electorate: p.result.electorate,
              }),
            ]),
        '',
        say('mail.ballotResult.link', { link: p.link }),
      ),
    }),
  };
};

/** The emails about communications, written in `lang`. */
const communicationTextsIn = (lang: Locale) => {
  const { say, plural } = writerIn(lang);

  return {
    /** To a sending body's secretary: their resolution's delivery to one addressee changed. */
    communicationStep: (p: {
      name: string;
      title: string;
      addressee: string;
      status: CommunicationStatus;
      /** The ruling's reason or the step's note, if any. */
      note: string | null;
      link: string;
    }): MailText => {
      // The same words as the delivery's page, so the email and the page agree.
      const state = say(`state.communication.${p.status}`);
      const vars = { title: p.title, addressee: p.addressee, state };
      return {
        subject: say('mail.step.subject', vars),
        text: lines(
          say('mail.dear', { name: p.name }),
          '',
          say('mail.step.now', vars),
          ...(p.note ? ['', p.note] : []),
          '',
          say('mail.step.record', { link: p.link }),
        ),
      };
    },

    /** To a receiving body's secretary: a resolution or model motion is in its inbox. */
    communicationReceived: (p: {
      name: string;
      kind: CommunicationKind;
      senderName: string;
      title: string;
      bodyName: string;
      inboxLink: string;
    }): MailText => {
      const vars = { sender: p.senderName, title: p.title, body: p.bodyName };
      return {
        subject: say(`mail.received.subject.${p.kind}`, vars),
        text: lines(
          say('mail.dear', { name: p.name }),
          '',
          say(`mail.received.what.${p.kind}`, vars),
          '',
          say('mail.received.inbox', { link: p.inboxLink }),
        ),
      };
    },

    /** The note on a communication composited with `others` more into one motion. */
    compositedNote: (p: { title: string; others: number }): string =>
      say(
        plural.select(p.others) === 'one' ? 'mail.compositedNote.one' : 'mail.compositedNote.other',
        p,
      ),
  };
};

/** The emails, written in `lang`. */
const textsIn = (lang: Locale) => ({
  ...accountAndMeetingTextsIn(lang),
  ...ballotTextsIn(lang),
  ...communicationTextsIn(lang),
});

export type MailTexts = ReturnType<typeof textsIn>;

const mailTexts = Object.fromEntries(LOCALES.map((lang) => [lang, textsIn(lang)])) as Record<
  Locale,
  MailTexts
>;

/**
 * The emails as someone who chose `locale` (people.locale) reads them: English for no choice or
 * one we do not have.
 */
export const mailTextsFor = (locale: string | null | undefined): MailTexts =>
  mailTexts[localeOr(locale)];

/**
 * A text in every language, for what is written once but read by several people: a step's note
 * is kept in English in the delivery record and mailed to each secretary in their own language.
 */
export const inEveryLanguage = (text: (texts: MailTexts) => string): Record<Locale, string> =>
  Object.fromEntries(LOCALES.map((lang) => [lang, text(mailTextsFor(lang))])) as Record<
    Locale,
    string
  >;

/** A text as people wrote it (one language, theirs) or as Seconded wrote it (every language). */
export type Written = string | Readonly<Record<Locale, string>>;

/** What someone who chose `locale` reads of a text: people's words as they are. */
export const readIn = (locale: string | null | undefined, text: Written): string =>
  typeof text === 'string' ? text : text[localeOr(locale)];
