import { currentLocale, isLocale, type Locale } from '../messages.ts';

/**
 * Every date and time a page shows, in the reader's language (the language of the request,
 * messages.ts) and in a given time zone: "Thursday 9 July 2026 at 19:00" for an English reader,
 * "jeudi 9 juillet 2026 à 19:00" for a French one. English keeps British conventions (day before
 * month, 24-hour clock), as Seconded's pages always had.
 */

/** The regional form each language of the catalogue is written in. */
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
 * An ISO 8601 instant as the reader reads dates, in `timeZone` (an IANA name; UTC by default,
 * for the instants pages label as UTC).
 */
export function formatInstant(iso: string, style: DateStyle, timeZone = 'UTC'): string {
  const lang = currentLocale();
  const region = REGION[isLocale(lang) ? lang : 'en'];
  const key = `${region} ${style} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(region, { ...STYLES[style], timeZone });
    formatters.set(key, format);
  }
  return format.format(new Date(iso));
}
