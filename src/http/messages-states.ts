import { LOCALES, type Locale } from '../domain/language.ts';
import { MOTION_STATUS_WORDS, type MotionStatus } from '../domain/meetings/motion.ts';
import { COMMUNICATION_STATUS_WORDS } from '../domain/resolutions/communication.ts';

/**
 * The words for each state a page shows, part of the one catalogue (messages.ts spreads the
 * English into `en`, messages-fr.ts the French into `fr`). The use cases give pages a state's
 * code; a page says it with `t(\`state.motion.${status}\`)` in the reader's language.
 *
 * English is the domain's own words (also the API's statusWords), so it is written once. The
 * communication states are in every language in the domain, because French mail says them too;
 * motion and amendment states only pages say, so their French is here. French agrees with the
 * noun: "la motion est adoptée", "l'amendement est adopté".
 */

/** `{ sent: … }` under `state.communication.` becomes `{ 'state.communication.sent': … }`. */
const keyed = <P extends string, K extends string>(prefix: P, words: Record<K, string>) =>
  Object.fromEntries(Object.entries(words).map(([code, w]) => [`${prefix}.${code}`, w])) as Record<
    `${P}.${K}`,
    string
  >;

const MOTION_FR: Record<MotionStatus, string> = {
  draft: 'un brouillon',
  submitted: 'déposée',
  'on-agenda': 'inscrite à l’ordre du jour',
  moved: 'présentée',
  seconded: 'appuyée',
  'in-debate': 'en débat',
  'question-put': 'mise aux voix',
  carried: 'adoptée',
  lost: 'rejetée',
  'not-carried': 'non adoptée',
  fell: 'tombée',
  withdrawn: 'retirée',
  'next-business': 'écartée par le passage au point suivant',
  referred: 'renvoyée',
  remitted: 'renvoyée pour réexamen',
  composited: 'fusionnée',
};

const AMENDMENT_FR: Record<MotionStatus, string> = {
  draft: 'un brouillon',
  submitted: 'déposé',
  'on-agenda': 'inscrit à l’ordre du jour',
  moved: 'présenté',
  seconded: 'appuyé',
  'in-debate': 'en débat',
  'question-put': 'mis aux voix',
  carried: 'adopté',
  lost: 'rejeté',
  'not-carried': 'non adopté',
  fell: 'tombé',
  withdrawn: 'retiré',
  'next-business': 'écarté par le passage au point suivant',
  referred: 'renvoyé',
  remitted: 'renvoyé pour réexamen',
  composited: 'fusionné',
};

const MOTION_WORDS: Record<Locale, Record<MotionStatus, string>> = {
  en: MOTION_STATUS_WORDS,
  fr: MOTION_FR,
};
const AMENDMENT_WORDS: Record<Locale, Record<MotionStatus, string>> = {
  en: MOTION_STATUS_WORDS,
  fr: AMENDMENT_FR,
};

const statesIn = (lang: Locale) => ({
  ...keyed('state.communication', COMMUNICATION_STATUS_WORDS[lang]),
  ...keyed('state.motion', MOTION_WORDS[lang]),
  ...keyed('state.amendment', AMENDMENT_WORDS[lang]),
});

/** The state words in each language, keyed as the catalogue keys them. */
export const stateMessages = Object.fromEntries(
  LOCALES.map((lang) => [lang, statesIn(lang)]),
) as Record<Locale, ReturnType<typeof statesIn>>;
