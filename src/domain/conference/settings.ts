import { invalid } from '../errors.ts';
import { assertFormula, type EntitlementFormula } from './entitlement.ts';
import { parseRatio, ratioText } from './ratio.ts';
import { assertSections, type Section } from './sections.ts';
import type { SubmissionRules } from './submissions.ts';

/**
 * A conference's settings: its sections and their shares, the delegate formula, and its
 * timetable (Labour Party Rule Book Chapter 3, Clause III: the closing dates for delegates,
 * motions and rule changes are published with the conference arrangements).
 */
export interface ConferenceRules {
  readonly submissions: SubmissionRules;
  /** Changes of delegate close then; null: until conference opens. */
  readonly delegatesCloseAt: string | null;
  readonly priorities: { readonly perSection: number; readonly choicesPerPaper: number };
}

export interface ConferenceSettings {
  readonly sections: readonly Section[];
  readonly formula: EntitlementFormula;
  readonly rules: ConferenceRules;
}

/** The sections as stored and sent: each share as its exact "n/d" text. */
export interface SectionText {
  readonly key: string;
  readonly name: string;
  readonly share: string;
}

export const sectionsFromText = (sections: readonly SectionText[]): Section[] =>
  sections.map((s) => ({ key: s.key, name: s.name, share: parseRatio(s.share) }));

export const sectionsToText = (sections: readonly Section[]): SectionText[] =>
  sections.map((s) => ({ key: s.key, name: s.name, share: ratioText(s.share) }));

/** @throws DomainError VALIDATION_FAILED for settings that cannot run a conference. */
export function assertSettings(s: ConferenceSettings): void {
  assertSections(s.sections);
  assertFormula(s.formula);
  const { perSection, choicesPerPaper } = s.rules.priorities;
  if (!Number.isSafeInteger(perSection) || perSection < 1)
    throw invalid('Choose how many subjects each section sends to debate.', [
      { path: 'rules.priorities.perSection', message: '1 or more' },
    ]);
  if (!Number.isSafeInteger(choicesPerPaper) || choicesPerPaper < 1)
    throw invalid('Choose how many subjects a priorities paper may name.', [
      { path: 'rules.priorities.choicesPerPaper', message: '1 or more' },
    ]);
  const { wordLimit, perOrganisation } = s.rules.submissions;
  if (!Number.isSafeInteger(wordLimit) || wordLimit < 1 || !Number.isSafeInteger(perOrganisation))
    throw invalid('The word limit and submissions per organisation are whole numbers.');
}
