import { DomainError, invalid, type FieldProblem } from '../errors.ts';
import { assertBeforeDeadline } from './delegation.ts';

/**
 * What an organisation may send to conference, and when.
 *
 * Labour Party Rule Book (2024), Chapter 3, Clause III.2: each CLP and affiliated organisation
 * may submit one contemporary motion *or* one rule change (not both), within a word limit
 * (250 words for a contemporary motion), by the published closing date; a contemporary motion
 * must be on a matter that arose after the policy documents were published (the
 * contemporary-motion cut-off) and before the closing date; a rule change names the rule (the
 * chapter, clause and paragraph) it amends. TUC Congress SO 10 and UNISON NDC standing orders
 * likewise set one motion per body and closing dates; the limits here are the conference's data.
 *
 * Terms: `opensAt` the contemporary-motion cut-off (events after it qualify, so submissions open
 * then), `closesAt` the closing date, instants in ISO 8601 (compared as text).
 */
export type SubmissionKind = 'motion' | 'rule-change';

export interface SubmissionRules {
  readonly wordLimit: number;
  /** Submissions open: the contemporary-motion cut-off. Null: open from the start. */
  readonly opensAt: string | null;
  readonly closesAt: string | null;
  /** How many submissions one organisation may make, of either kind (Labour: one). */
  readonly perOrganisation: number;
}

export interface SubmissionDraft {
  readonly kind: SubmissionKind;
  readonly title: string;
  readonly text: string;
  /** The rule a rule change amends ("Chapter 3, Clause III.2"); required for a rule change. */
  readonly amendsRule: string | null;
}

/** Words as a reader counts them: runs of non-space characters. */
export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** What is wrong with the draft itself (not its timing or the sender's other submissions). */
export function submissionProblems(draft: SubmissionDraft, rules: SubmissionRules): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.title.trim()) problems.push({ path: 'title', message: 'Give it a title.' });
  const words = wordCount(draft.text);
  if (words === 0) problems.push({ path: 'text', message: 'Write the text.' });
  if (words > rules.wordLimit)
    problems.push({
      path: 'text',
      message: `${words} words, over the limit of ${rules.wordLimit}.`,
    });
  if (draft.kind === 'rule-change' && !draft.amendsRule?.trim())
    problems.push({ path: 'amendsRule', message: 'Name the rule this changes.' });
  if (draft.kind === 'motion' && draft.amendsRule)
    problems.push({ path: 'amendsRule', message: 'Only a rule change names a rule.' });
  return problems;
}

/**
 * Checks a submission: the text, the window (after the contemporary cut-off, before the closing
 * date) and the sender's count so far.
 * @throws DomainError VALIDATION_FAILED, MOTION_DEADLINE_PASSED (before opening or after closing:
 *   the window's edge is given), ALREADY_EXISTS (the organisation has used its submission).
 */
export function assertSubmission(
  draft: SubmissionDraft,
  rules: SubmissionRules,
  now: string,
  alreadySubmitted: number,
): void {
  const problems = submissionProblems(draft, rules);
  if (problems.length > 0) throw invalid('The submission cannot be accepted as it is.', problems);
  if (rules.opensAt !== null && now < rules.opensAt)
    throw new DomainError(
      'MOTION_DEADLINE_PASSED',
      'Submissions are not open yet: a contemporary motion must be on events after the cut-off.',
      [],
      { deadline: rules.opensAt },
    );
  assertBeforeDeadline(now, rules.closesAt, 'submissions');
  if (alreadySubmitted >= rules.perOrganisation)
    throw new DomainError(
      'ALREADY_EXISTS',
      `Each organisation may submit ${rules.perOrganisation} motion or rule change.`,
    );
}
