import { formatInstantIn, LOCALES, localeOr, type Locale } from '../domain/language.ts';
import type { NoticeOfMeeting } from '../domain/meetings/notice.ts';
import {
  describeCommunicationStatus,
  type CommunicationKind,
  type CommunicationStatus,
} from '../domain/resolutions/communication.ts';

/**
 * Every email Seconded sends, in each language it is written in: the recipient reads it in the
 * language they chose for their pages (people.locale), English when they chose none. A second
 * language is a second object of the English one's shape; texts.test.ts names any text it lacks,
 * and until it has them that language falls back to English text by text.
 */

/** One email, before it is addressed. */
export interface MailText {
  readonly subject: string;
  readonly text: string;
}

const lines = (...parts: readonly string[]) => parts.join('\n');

/** When something is, in the meeting's time zone, as `lang` writes it. */
const when = (lang: Locale, iso: string, timeZone: string) =>
  formatInstantIn(lang, iso, 'fullDateTime', timeZone);

const en = {
  /** An invitation to set a password, to a member who has no account yet. */
  invitation: (p: { name: string; bodyName: string; link: string; validDays: number }) => ({
    subject: `You are invited to ${p.bodyName} on Seconded`,
    text: lines(
      `Hello ${p.name},`,
      '',
      `${p.bodyName} uses Seconded for its meetings, motions and ballots. Set a password to sign in:`,
      '',
      p.link,
      '',
      `The link works once and expires in ${p.validDays} days.`,
      'If you did not expect this, you can ignore it.',
    ),
  }),

  passwordReset: (p: { name: string; link: string; validMinutes: number }) => ({
    subject: 'Reset your Seconded password',
    text: lines(
      `Hello ${p.name},`,
      '',
      'Someone (we hope you) asked to reset your Seconded password. Choose a new one here:',
      '',
      p.link,
      '',
      `The link works once and expires in ${p.validMinutes} minutes. If you did not ask, ignore this email; your password is unchanged.`,
    ),
  }),

  /**
   * The notice of a meeting to one member (Citrine, *ABC of Chairmanship*, on notice: the date,
   * time and place, and the business to be done), every line of it true for that member.
   */
  noticeOfMeeting: (p: { name: string; notice: NoticeOfMeeting }) => {
    const { notice } = p;
    return {
      subject: `Notice of meeting: ${notice.bodyName}, ${notice.title}`,
      text: lines(
        `Dear ${p.name},`,
        '',
        `Notice is given of ${notice.emergency ? 'an emergency meeting' : 'a meeting'} of ${notice.bodyName}.`,
        '',
        `  ${notice.title}`,
        `  When: ${when('en', notice.startsAt, notice.timeZone)} (${notice.timeZone})`,
        `  Where: ${notice.location ?? 'to be announced'}`,
        '',
        'Agenda so far:',
        ...(notice.agenda.length
          ? notice.agenda.map((item, i) => `  ${i + 1}. ${item}`)
          : ['  No business is on the agenda yet.']),
        '',
        ...(notice.motionDeadline
          ? [`Motions must be in by ${when('en', notice.motionDeadline, notice.timeZone)}.`, '']
          : []),
        `The meeting, its agenda and motions: ${notice.meetingUrl}`,
        `Add it to your calendar: ${notice.calendarUrl}`,
      ),
    };
  },

  /** To a sending body's secretary: their resolution's delivery to one addressee changed. */
  communicationStep: (p: {
    name: string;
    title: string;
    addressee: string;
    status: CommunicationStatus;
    /** The ruling's reason or the step's note, if any. */
    note: string | null;
    link: string;
  }) => {
    const words = describeCommunicationStatus(p.status);
    return {
      subject: `“${p.title}”: ${p.addressee}, ${words}`,
      text: lines(
        `Dear ${p.name},`,
        '',
        `Your resolution “${p.title}” sent to ${p.addressee} is now ${words}.`,
        ...(p.note ? ['', p.note] : []),
        '',
        `Its delivery record: ${p.link}`,
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
  }) => ({
    subject: `${p.kind === 'model-motion' ? 'A model motion' : 'A resolution'} from ${p.senderName}: “${p.title}”`,
    text: lines(
      `Dear ${p.name},`,
      '',
      p.kind === 'model-motion'
        ? `${p.senderName} has published “${p.title}” as a model motion for ${p.bodyName} to adopt.`
        : `${p.senderName} passed “${p.title}”, which calls on ${p.bodyName}. It is in your inbox to answer.`,
      '',
      `Your inbox: ${p.inboxLink}`,
    ),
  }),

  /** The note on a communication composited with `others` more into one motion. */
  compositedNote: (p: { title: string; others: number }) =>
    `Composited into “${p.title}” with ${p.others} other${p.others > 1 ? 's' : ''}.`,
};

export type MailTexts = typeof en;

const fr: Partial<MailTexts> = {
  invitation: (p) => ({
    subject: `Invitation à rejoindre ${p.bodyName} sur Seconded`,
    text: lines(
      `Bonjour ${p.name},`,
      '',
      `${p.bodyName} utilise Seconded pour ses réunions, ses motions et ses votes. Choisissez un mot de passe pour vous connecter :`,
      '',
      p.link,
      '',
      `Le lien ne sert qu’une fois et expire dans ${p.validDays} jours.`,
      'Si vous ne vous y attendiez pas, vous pouvez ignorer ce message.',
    ),
  }),

  passwordReset: (p) => ({
    subject: 'Réinitialisez votre mot de passe Seconded',
    text: lines(
      `Bonjour ${p.name},`,
      '',
      'Quelqu’un (vous, nous l’espérons) a demandé à réinitialiser votre mot de passe Seconded. Choisissez-en un nouveau ici :',
      '',
      p.link,
      '',
      `Le lien ne sert qu’une fois et expire dans ${p.validMinutes} minutes. Si vous n’avez rien demandé, ignorez ce message ; votre mot de passe reste inchangé.`,
    ),
  }),

  noticeOfMeeting: (p) => {
    const { notice } = p;
    return {
      subject: `Convocation : ${notice.bodyName}, ${notice.title}`,
      text: lines(
        `Bonjour ${p.name},`,
        '',
        `Vous êtes convoqué·e à ${notice.emergency ? 'une réunion d’urgence' : 'une réunion'} de ${notice.bodyName}.`,
        '',
        `  ${notice.title}`,
        `  Date : ${when('fr', notice.startsAt, notice.timeZone)} (${notice.timeZone})`,
        `  Lieu : ${notice.location ?? 'à préciser'}`,
        '',
        'Ordre du jour à ce stade :',
        ...(notice.agenda.length
          ? notice.agenda.map((item, i) => `  ${i + 1}. ${item}`)
          : ['  Aucun point n’est encore inscrit à l’ordre du jour.']),
        '',
        ...(notice.motionDeadline
          ? [
              `Les motions doivent être déposées au plus tard le ${when('fr', notice.motionDeadline, notice.timeZone)}.`,
              '',
            ]
          : []),
        `La réunion, son ordre du jour et ses motions : ${notice.meetingUrl}`,
        `L’ajouter à votre agenda : ${notice.calendarUrl}`,
      ),
    };
  },

  communicationStep: (p) => {
    const words = describeCommunicationStatus(p.status, 'fr');
    return {
      subject: `« ${p.title} » : ${p.addressee}, ${words}`,
      text: lines(
        `Bonjour ${p.name},`,
        '',
        `Votre résolution « ${p.title} » envoyée à ${p.addressee} est maintenant ${words}.`,
        ...(p.note ? ['', p.note] : []),
        '',
        `Son suivi de transmission : ${p.link}`,
      ),
    };
  },

  communicationReceived: (p) => ({
    subject: `${p.kind === 'model-motion' ? 'Une motion type' : 'Une résolution'} de ${p.senderName} : « ${p.title} »`,
    text: lines(
      `Bonjour ${p.name},`,
      '',
      p.kind === 'model-motion'
        ? `${p.senderName} a publié « ${p.title} » comme motion type que ${p.bodyName} peut adopter.`
        : `${p.senderName} a adopté « ${p.title} », qui s’adresse à ${p.bodyName}. Elle attend votre réponse dans votre boîte de réception.`,
      '',
      `Votre boîte de réception : ${p.inboxLink}`,
    ),
  }),

  compositedNote: (p) =>
    `Fusionnée dans « ${p.title} » avec ${p.others} autre${p.others > 1 ? 's' : ''}.`,
};

export const mailCatalogues: Record<Locale, Partial<MailTexts>> = { en, fr };

/**
 * The emails as someone who chose `locale` (people.locale) reads them; English for no choice or
 * one we do not have, and for any text their language still lacks.
 */
export const mailTextsFor = (locale: string | null | undefined): MailTexts => ({
  ...en,
  ...mailCatalogues[localeOr(locale)],
});

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
