import { invalid, type FieldProblem } from '../errors.ts';
import { compare, equals, ONE, ratioText, sum, ZERO, type Ratio } from './ratio.ts';

/**
 * The sections of a conference and their shares of the card vote.
 *
 * Labour Party Rule Book (2024), Chapter 3 (Party conference), Clause III "Procedural rules for
 * Party conference": voting on the card vote is divided between the affiliated organisations'
 * section and the constituency parties' section, each holding 50 per cent of the vote, whatever
 * the memberships behind them. The shares are data here, so a conference with three sections or
 * a 70/30 split is the same code.
 *
 * Terms: a section's `key` is its short stable name ("clp", "affiliates"); `share` is an exact
 * fraction of the whole vote; the shares of a conference's sections add up to exactly one.
 */
export interface Section {
  readonly key: string;
  readonly name: string;
  readonly share: Ratio;
}

/** What is wrong with a set of sections: no sections, repeated keys, shares not adding to one. */
export function sectionProblems(sections: readonly Section[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (sections.length === 0) problems.push({ path: 'sections', message: 'Add a section.' });
  const keys = new Set<string>();
  sections.forEach((s, i) => {
    if (!/^[a-z0-9-]{1,40}$/.test(s.key))
      problems.push({ path: `sections.${i}.key`, message: 'Use a-z, 0-9 and hyphens.' });
    if (keys.has(s.key))
      problems.push({ path: `sections.${i}.key`, message: `“${s.key}” is used twice.` });
    keys.add(s.key);
    if (compare(s.share, ZERO) <= 0)
      problems.push({ path: `sections.${i}.share`, message: 'A share must be more than 0.' });
  });
  const total = sum(sections.map((s) => s.share));
  if (sections.length > 0 && !equals(total, ONE))
    problems.push({
      path: 'sections',
      message: `The shares add up to ${ratioText(total)}, not 1.`,
    });
  return problems;
}

/** @throws DomainError VALIDATION_FAILED unless the sections are sound (sectionProblems). */
export function assertSections(sections: readonly Section[]): void {
  const problems = sectionProblems(sections);
  if (problems.length > 0) throw invalid('The sections of the conference do not add up.', problems);
}

/** The section of `key`; throws VALIDATION_FAILED for an unknown key. */
export function sectionOf(sections: readonly Section[], key: string): Section {
  const found = sections.find((s) => s.key === key);
  if (!found) throw invalid(`There is no section “${key}”.`, [{ path: 'section', message: key }]);
  return found;
}
