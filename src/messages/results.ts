import { localeOr } from '../domain/language.ts';
import type { ProceduralKind } from '../domain/meetings/procedural.ts';
import type { QuestionResult } from '../domain/meetings/thresholds.ts';
import { currentLocale, t, tp } from './messages.ts';

/**
 * A declared result in the reader's language, from the result stored with it (its outcome, the
 * rule applied and the figures), e.g. "carried: simple majority of votes cast, 23–4,
 * 2 abstentions" or « adoptée : majorité simple des suffrages exprimés, 23–4, 2 abstentions ».
 * The English is the sentence the domain declares (thresholds.ts describeResult), word for word.
 */
export function resultWords(result: QuestionResult, lang = currentLocale()): string {
  const locale = localeOr(lang);
  const r = result.ruleApplied;
  const b = r.counts.abstain;
  const figures = t(
    'result.figures',
    {
      for: r.counts.for,
      against: r.counts.against,
      abstentions:
        b === 0 ? t('result.noAbstentions', {}, locale) : tp('result.abstentions', b, {}, locale),
    },
    locale,
  );
  const outcome = t(`result.outcome.${result.outcome}`, {}, locale);
  if (r.tie) {
    switch (r.tie.settledBy) {
      case 'casting-vote':
        return t('result.castingVote', { outcome, figures }, locale);
      case 'lost':
        return t('result.tieLost', { figures }, locale);
      case 'not-carried':
        return r.tie.tieRule === 'casting-vote'
          ? t('result.tieNoCastingVote', { figures }, locale)
          : t('result.tieNotMajority', { figures }, locale);
    }
  }
  const declared = t(
    'result.declared',
    { outcome, rule: t(`rule.${r.threshold}`, {}, locale), figures },
    locale,
  );
  if (r.threshold === 'two-thirds-of-members-present') {
    return t('result.presentNeeded', { declared, present: r.present, needed: r.forNeeded }, locale);
  }
  if (r.threshold === 'absolute-majority-of-members') {
    return t('result.membersNeeded', { declared, members: r.members, needed: r.forNeeded }, locale);
  }
  if (r.threshold === 'two-thirds-of-votes-cast' && result.outcome !== 'carried') {
    return t('result.needed', { declared, needed: r.forNeeded }, locale);
  }
  return declared;
}

/**
 * A declared result as shown: worded from its stored result when there is one, else the
 * sentence stored with it (rows written before results were stored are shown as they are).
 */
export function declaredWords(
  declared: string | null,
  result: QuestionResult | string | null | undefined,
  lang = currentLocale(),
): string {
  const parsed = typeof result === 'string' ? (JSON.parse(result) as QuestionResult) : result;
  return parsed?.ruleApplied ? resultWords(parsed, lang) : (declared ?? '');
}

/**
 * What a question was put on: a procedural motion in the reader's words (its kind is stored),
 * a motion or amendment as its people wrote it.
 */
export const questionWording = (
  q: { wording: string; procedural: ProceduralKind | null },
  lang = currentLocale(),
): string => (q.procedural ? t(`procedural.${q.procedural}`, {}, lang) : q.wording);
