import { invalid } from '../errors.ts';

/**
 * The conference arrangements committee (CAC) and its report.
 *
 * Labour Party Rule Book (2024), Chapter 3, Clause III.2–3: the CAC rules each submission in
 * order or out of order (a contemporary motion must be contemporary and on one subject; it may
 * not repeat a policy decided in the last three years), may ask for edits, groups the motions in
 * order by subject for the priorities ballot, and reports to conference, whose delegates may
 * refer back any part of the report. TUC Congress SO 10–11 (the General Council's grouping and
 * compositing) and UNISON NDC standing orders (the Standing Orders Committee rules motions in or
 * out, with reasons given to the branch) do the same.
 *
 * Terms: a ruling is `in`, `out` (with the reason the sender is told) or `in-after-edits` (the
 * edited text, which the committee shows as a diff against the original); a recommendation is
 * the committee's advice to conference on a motion in order.
 */
export type Ruling =
  | { readonly kind: 'in' }
  | { readonly kind: 'out'; readonly reason: string }
  | { readonly kind: 'in-after-edits'; readonly text: string };

export const RECOMMENDATIONS = ['accept', 'remit', 'oppose', 'refer', 'none'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** @throws DomainError VALIDATION_FAILED: out of order needs a reason, edits need the new text. */
export function assertRuling(r: Ruling): void {
  if (r.kind === 'out' && !r.reason.trim())
    throw invalid('Say why it is out of order: the sender is told.', [
      { path: 'reason', message: 'Give a reason.' },
    ]);
  if (r.kind === 'in-after-edits' && !r.text.trim())
    throw invalid('Give the edited text.', [{ path: 'text', message: 'Required.' }]);
}

export const isInOrder = (r: Ruling | null): boolean => r !== null && r.kind !== 'out';

/** The text conference debates: the edited text when ruled in after edits. */
export const textAsRuled = (original: string, r: Ruling | null): string =>
  r?.kind === 'in-after-edits' ? r.text : original;

/**
 * The motions in order grouped by subject, for the priorities ballot: subjects in the order the
 * committee first named them, each with its submissions in the order given. Motions ruled out,
 * not yet ruled, or given no subject are left out; rule changes are not prioritised (Labour
 * Rule Book Chapter 3, Clause III.2: rule changes go to conference on their own timetable).
 */
export function groupBySubject<T extends { subject: string | null; ruling: Ruling | null }>(
  submissions: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const s of submissions) {
    if (!isInOrder(s.ruling) || !s.subject) continue;
    const list = groups.get(s.subject) ?? [];
    list.push(s);
    groups.set(s.subject, list);
  }
  return groups;
}
