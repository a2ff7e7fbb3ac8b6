import { formatDecimal, localeOr, type Locale } from '../../domain/language.ts';
import type { Decision, Round, TallyResult, TieRecord } from '../../domain/tally/types.ts';
import { currentLocale, t, tp } from '../../messages/messages.ts';

/**
 * A count's stages and decisions in the reader's language (issue 15). The counting rules record
 * each stage and decision as codes and figures (kind, whose papers moved, decision code, votes,
 * ties), with an English account beside them that the golden files pin. English readers get that
 * account as the rule wrote it (with its rule numbers); other languages get it worded here from
 * the codes and figures, so the count itself never changes.
 */

/** A stage in words: "Exclusion of Omar Usman", "Élimination de Omar Usman". */
export function stageWords(count: TallyResult, round: Round, lang = currentLocale()): string {
  const locale = localeOr(lang);
  if (locale === 'en') return round.description;
  const names = (ids: readonly number[]) =>
    listOf(
      locale,
      ids.map((c) => count.candidates[c]!),
    );
  const moved = round.from ?? round.excluded.map((d) => d.candidate);
  switch (round.kind) {
    case 'first-count':
      if (count.method === 'approval') return t('tally.stage.approvals', {}, locale);
      if (count.method === 'schulze') return t('tally.stage.schulze', {}, locale);
      if (count.method === 'block') {
        return t('tally.stage.block', { seats: count.seats }, locale);
      }
      return t('tally.stage.firstPreferences', {}, locale);
    case 'surplus':
      return t('tally.stage.surplus', { names: names(round.from ?? []) }, locale);
    case 'exclusion':
      return round.excluded.some((d) => d.code === 'RESERVED_SEATS')
        ? t('tally.stage.reserved', { names: names(moved) }, locale)
        : t('tally.stage.exclusion', { names: names(moved) }, locale);
    default:
      if (round.excluded.length > 0) {
        return t('tally.stage.exclusion', { names: names(moved) }, locale);
      }
      return t(
        'tally.stage.election',
        { names: names(round.elected.map((d) => d.candidate)) },
        locale,
      );
  }
}

/** Why a candidate was elected or excluded at a stage, as the count sheet says it. */
export function decisionWords(
  count: TallyResult,
  round: Round,
  decision: Decision,
  lang = currentLocale(),
): string {
  const locale = localeOr(lang);
  if (locale === 'en') return decision.reason;
  // The figures are those of the rule's own account, in its order (votes, then quota or total).
  const [first = '', second = ''] = (decision.reason.match(/-?\d+(?:\.\d+)?/g) ?? []).map((f) =>
    formatDecimal(locale, f),
  );
  const tie = round.ties.find((r) => r.chosen === decision.candidate) ?? round.ties.at(-1);
  const tied = / tie|tied/.test(decision.reason);
  const how = () => tieWords(tie, locale);
  switch (decision.code) {
    case 'QUOTA_REACHED':
      return decision.reason.includes('total active vote')
        ? t('tally.reason.activeVote', { votes: first }, locale)
        : t('tally.reason.quota', { votes: first, quota: second }, locale);
    case 'MAJORITY':
      return decision.reason.startsWith('the only')
        ? t('tally.reason.onlyContinuing', {}, locale)
        : t('tally.reason.majority', { votes: first, continuing: second }, locale);
    case 'LAST_VACANCIES':
      return t('tally.reason.lastVacancies', {}, locale);
    case 'MOST_VOTES':
      return t('tally.reason.mostVotes', { votes: first, seats: count.seats }, locale);
    case 'TIE_BROKEN':
      return t('tally.reason.tieBroken', { votes: first, how: how() }, locale);
    case 'LOWEST_VOTE': {
      const lowest = decision.reason.includes('omega')
        ? t('tally.reason.lowestOmega', { votes: first, surplus: second }, locale)
        : decision.reason.includes('stopped falling')
          ? t('tally.reason.lowestStalled', { votes: first, surplus: second }, locale)
          : t('tally.reason.lowest', { votes: first }, locale);
      return tied ? t('tally.reason.tied', { reason: lowest, how: how() }, locale) : lowest;
    }
    case 'LOWEST_VOTES_BULK':
      return t('tally.reason.bulk', { votes: first }, locale);
    case 'RESERVED_SEATS': {
      const group = /reserved for (.*)$/.exec(decision.reason)?.[1] ?? '';
      return tp('tally.reason.reserved', Number(first) || 1, { group }, locale);
    }
    case 'SEATS_FILLED':
      if (decision.reason.includes('Schulze')) return t('tally.reason.schulze', {}, locale);
      if (decision.reason.startsWith('not among')) return t('tally.reason.notHighest', {}, locale);
      return t('tally.reason.seatsFilled', {}, locale);
  }
}

/** How a tie was settled: by an earlier or later stage, a fixed order, or the seeded lot. */
function tieWords(tie: TieRecord | undefined, lang: Locale): string {
  switch (tie?.method) {
    case 'earlier-stage':
    case 'later-stage':
      return t('tally.tie.stage', { stage: tie.stage ?? 0 }, lang);
    case 'order':
      return t('tally.tie.order', {}, lang);
    case 'lot':
      return t('tally.tie.lot', { draw: tie.draw ?? 0 }, lang);
    default:
      return t('tally.tie.other', {}, lang);
  }
}

const listOf = (lang: Locale, names: readonly string[]) =>
  new Intl.ListFormat(lang, { type: 'conjunction' }).format(names);
