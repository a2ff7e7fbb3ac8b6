import { LOCALES, type Locale } from '../domain/language.ts';
import { MOTION_STATUS_WORDS, type MotionStatus } from '../domain/meetings/motion.ts';
import { THRESHOLD_WORDS, type Threshold } from '../domain/meetings/thresholds.ts';
import { COMMUNICATION_STATUS_WORDS } from '../domain/resolutions/communication.ts';

/**
 * The words for each state a page shows, and for the rule a resolution was passed by, part of the one catalogue (messages.ts spreads the
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

/** The rule a resolution was passed by, as its page names it ("Règle appliquée : …"). */
const RULE_FR: Record<Threshold, string> = {
  'simple-majority-of-votes-cast': 'majorité simple des suffrages exprimés',
  'two-thirds-of-votes-cast': 'majorité des deux tiers des suffrages exprimés',
  'two-thirds-of-members-present': 'majorité des deux tiers des membres présents',
  'absolute-majority-of-members': 'majorité absolue des membres',
};

const MOTION_WORDS: Record<Locale, Record<MotionStatus, string>> = {
  en: MOTION_STATUS_WORDS,
  fr: MOTION_FR,
};
const AMENDMENT_WORDS: Record<Locale, Record<MotionStatus, string>> = {
  en: MOTION_STATUS_WORDS,
  fr: AMENDMENT_FR,
};

const RULE_WORDS: Record<Locale, Readonly<Record<Threshold, string>>> = {
  en: THRESHOLD_WORDS,
  fr: RULE_FR,
};

const statesIn = (lang: Locale) => ({
  ...keyed('state.communication', COMMUNICATION_STATUS_WORDS[lang]),
  ...keyed('state.motion', MOTION_WORDS[lang]),
  ...keyed('state.amendment', AMENDMENT_WORDS[lang]),
  ...keyed('rule', RULE_WORDS[lang]),
});

/** The state words in each language, keyed as the catalogue keys them. */
export const stateMessages = Object.fromEntries(
  LOCALES.map((lang) => [lang, statesIn(lang)]),
) as Record<Locale, ReturnType<typeof statesIn>>;
