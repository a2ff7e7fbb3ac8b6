/**
 * The languages Seconded is written in, and how each writes a date. Pages (src/http) and mail
 * (src/mail) both read them: a page in the reader's language, an email in its recipient's.
 */

/** The languages Seconded is offered in; the first is the default. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** A person's chosen language (people.locale), English when they chose none we have. */
export const localeOr = (choice: string | null | undefined): Locale =>
  isLocale(choice) ? choice : 'en';

/**
 * The regional form each language is written in. English keeps British conventions (day before
 * month, 24-hour clock), as Seconded always had.
 */
const REGION: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

const STYLES = {
  /** "9 July 2026" */
  date: { dateStyle: 'long' },
  /** "9 July 2026 at 18:00" */
  dateTime: { dateStyle: 'long', timeStyle: 'short' },
  /** "Thursday 9 July 2026 at 19:00": when a meeting is. */
  fullDateTime: { dateStyle: 'full', timeStyle: 'short' },
  /** "19:04:30": the room display's clock. */
  clock: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

// Building a formatter costs far more than using one, and a page may show hundreds of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An ISO 8601 instant as `lang` writes dates, in `timeZone` (an IANA name; UTC by default):
 * "Thursday 9 July 2026 at 19:00" in English, "jeudi 9 juillet 2026 à 19:00" in French.
 */
export function formatInstantIn(
  lang: Locale,
  iso: string,
  style: DateStyle,
  timeZone = 'UTC',
): string {
  const region = REGION[lang];
  const key = `${region} ${style} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(region, { ...STYLES[style], timeZone });
    formatters.set(key, format);
  }
  return format.format(new Date(iso));
}
