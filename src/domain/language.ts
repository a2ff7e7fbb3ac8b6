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

// Numbers, plurals and typography (issue 15): everything generated is worded when shown, in the
// reader's language, and its figures written as that language writes them.

const numberFormats = new Map<Locale, Intl.NumberFormat>();
const numberFormat = (lang: Locale) => {
  let format = numberFormats.get(lang);
  if (!format) {
    // 'min2': a year or a four-figure count stays "2026", "10 000" is grouped (both languages).
    format = new Intl.NumberFormat(REGION[lang], {
      useGrouping: 'min2',
      maximumFractionDigits: 20,
    });
    numberFormats.set(lang, format);
  }
  return format;
};

/** A number as `lang` writes it: "12,345.5" in English, "12 345,5" in French. */
export const formatNumber = (lang: Locale, value: number): string =>
  numberFormat(lang).format(value);

/**
 * A decimal figure kept as text ("16.00000", "-3.25"), as the counting rules write them, in
 * `lang`'s separators, every digit kept: the figure is exact and must stay so (a float would
 * round "12345678901234.56789").
 */
export function formatDecimal(lang: Locale, figure: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(figure.trim());
  if (!match) return figure;
  const [, sign = '', whole = '', fraction] = match;
  const parts = numberFormat(lang).formatToParts(12345.5);
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const grouped = whole.length >= 5 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
  return `${sign}${grouped}${fraction === undefined ? '' : decimal + fraction}`;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Which plural form `lang` gives `count`: in French 0 and 1 take the singular, in English 1. */
export function pluralOf(lang: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(REGION[lang]);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

/** U+202F: the narrow no-break space of French typography. */
const NARROW = '\u202f';

/**
 * A text as `lang` sets it. French puts a narrow no-break space before : ; ! ? and inside « »,
 * so a line never breaks before the sign; English is left as written. Applied to the words of the
 * catalogues, never to what people typed.
 */
export function typeset(lang: Locale, text: string): string {
  if (lang !== 'fr') return text;
  return text
    .replace(/[ \u00a0]([:;!?])/g, `${NARROW}$1`)
    .replace(/«[ \u00a0]?/g, `«${NARROW}`)
    .replace(/[ \u00a0]?»/g, `${NARROW}»`);
}
