import { localeOr } from '../domain/language.ts';
import {
  wordAmendment,
  type AmendmentWording,
  type AmendmentWords,
} from '../domain/meetings/amendments.ts';
import { CLAUSE_KINDS, type ClauseKind } from '../domain/meetings/motion-text.ts';
import { currentLocale, t } from './messages.ts';

/**
 * The verbs of clauses ("calls on", "demande à") in a language, from the catalogue's
 * `motion.kind.<kind>`: Seconded's words around the proposer's (issue 15).
 */
export function clauseVerbs(lang = currentLocale()): Record<ClauseKind, string> {
  const locale = localeOr(lang);
  return Object.fromEntries(
    CLAUSE_KINDS.map((kind) => [kind, t(`motion.kind.${kind}`, {}, locale)]),
  ) as Record<ClauseKind, string>;
}

/** How amendments are read out in a language (the catalogue's `amendment.<phrase>`). */
export function amendmentWords(lang = currentLocale()): AmendmentWords {
  const locale = localeOr(lang);
  return {
    say: (phrase, vars) => t(`amendment.${phrase}`, { ...vars }, locale),
    verbs: clauseVerbs(locale),
  };
}

/** An amendment's wording (domain/meetings/amendments.ts) in the reader's language. */
export const amendmentInWords = (wording: AmendmentWording, lang = currentLocale()): string =>
  wordAmendment(wording, amendmentWords(lang));
