import { localeOr } from '../domain/language.ts';
import type { MinutesPhrase, MinutesWords } from '../domain/meetings/minutes-words.ts';
import { currentLocale, t } from './messages.ts';
import { amendmentWords } from './amendment-words.ts';
import { resultWords } from './results.ts';

const REGION = { en: 'en-GB', fr: 'fr-FR' } as const;

/**
 * Draft minutes' words in a language from its catalogue (`minutes.draft.<phrase>`): what the
 * meeting did is drafted as whoever drafts the minutes reads (issue 15).
 */
export function minutesWords(lang = currentLocale()): MinutesWords {
  const locale = localeOr(lang);
  return {
    say: (phrase: MinutesPhrase, vars = {}) => t(`minutes.draft.${phrase}`, { ...vars }, locale),
    result: (result) => resultWords(result, locale),
    procedural: (kind) => t(`procedural.${kind}`, {}, locale),
    amendment: amendmentWords(locale),
    region: REGION[locale],
  };
}
