import { AsyncLocalStorage } from 'node:async_hooks';
import {
  formatNumber,
  isLocale,
  localeOr,
  LOCALES,
  pluralOf,
  typeset,
  type Locale,
} from '../domain/language.ts';
import { en, type Catalogue, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

/**
 * The words people read, one catalogue per language (issue 13): en.ts and fr.ts hold every page
 * text, refusal, state and email with the same keys. Pages, mail and the API read them here.
 */

export type { Catalogue, MessageKey };

// The languages pages are offered in are those mail is written in (domain/language.ts).
export { LOCALES, isLocale, type Locale };

export const catalogues: Record<Locale, Catalogue> = { en, fr };

/**
 * The language of a page: the person's own choice if they made one, else the first language of
 * their browser's Accept-Language that we have (by weight), else English.
 */
export function chooseLocale(preference: string | null | undefined, acceptLanguage?: string) {
  if (isLocale(preference)) return preference;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0]!, q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return wanted.map((w) => w.lang).find(isLocale) ?? 'en';
}

/** The language of the request being handled (set once per request by the app). */
const locale = new AsyncLocalStorage<string>();
export const withLocale = <T>(lang: string, fn: () => T): T => locale.run(lang, fn);
export const currentLocale = () => locale.getStore() ?? 'en';

/**
 * Looks up a message and fills its `{placeholders}`. The catalogue's words are set as the language
 * sets them (French spaces before : ; ! ?, typeset in language.ts), and numbers filled in are
 * written as it writes them ("12 345,5"); the text filled in is left exactly as given.
 */
export function t(
  key: MessageKey,
  vars: Record<string, string | number> = {},
  lang = currentLocale(),
): string {
  const locale = localeOr(lang);
  const text = typeset(locale, catalogues[locale]?.[key] ?? en[key]);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/** The keys that come in plural forms: `key.one` and `key.other` (and any other form). */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other`
    ? `${Base}.one` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

/**
 * A message in the plural form `count` takes in the language (Intl.PluralRules): "1 siège",
 * "0 siège" and "2 sièges" in French, "0 seats" in English. `{count}` is filled with it.
 */
export function tp(
  key: PluralKey,
  count: number,
  vars: Record<string, string | number> = {},
  lang = currentLocale(),
): string {
  const form = pluralOf(localeOr(lang), count);
  const chosen = (form === 'one' ? `${key}.one` : `${key}.other`) as MessageKey;
  return t(chosen, { count, ...vars }, lang);
}
