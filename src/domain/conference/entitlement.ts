import { invalid } from '../errors.ts';

/**
 * How many delegates a branch or affiliate may send, and the card weight it carries, by the
 * published formula of the conference, read from its membership at the cut-off date.
 *
 * Labour Party Rule Book (2024), Chapter 3, Clause I.2 (constituency parties' delegates by
 * individual membership, "or part thereof", with a minimum) and Clause I.3 (affiliates'
 * delegates by affiliated membership); UNISON Rule Book, Rule D.1.4 (branch delegates by
 * bands of membership, with a maximum). One formula covers them all:
 *
 *   delegates = min(maximum, max(minimum, ⌈members / N⌉))
 *
 * where N is the members per delegate ("one delegate per N members or part thereof"). The card
 * weight is the membership at the cut-off date itself: the card a delegation holds up carries
 * its members, not its delegates (Labour Rule Book Chapter 3, Clause III: voting by card).
 */
export interface EntitlementFormula {
  /** N: one delegate for each N members or part thereof. */
  readonly membersPerDelegate: number;
  /** Every delegation may send at least this many (0 allowed). */
  readonly minimum: number;
  /** No delegation may send more than this; null for no maximum. */
  readonly maximum: number | null;
}

const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** @throws DomainError VALIDATION_FAILED for a formula that cannot be applied. */
export function assertFormula(f: EntitlementFormula): void {
  const problems = [];
  if (!whole(f.membersPerDelegate) || f.membersPerDelegate < 1)
    problems.push({ path: 'membersPerDelegate', message: 'A whole number, 1 or more.' });
  if (!whole(f.minimum)) problems.push({ path: 'minimum', message: 'A whole number, 0 or more.' });
  if (f.maximum !== null && (!whole(f.maximum) || f.maximum < Math.max(1, f.minimum)))
    problems.push({ path: 'maximum', message: 'At least the minimum, and at least 1.' });
  if (problems.length > 0) throw invalid('The delegate formula cannot be applied.', problems);
}

/** The delegates a delegation may send for `members` members at the cut-off date. */
export function delegatesEntitled(f: EntitlementFormula, members: number): number {
  assertFormula(f);
  if (!whole(members))
    throw invalid('Membership must be a whole number.', [
      { path: 'members', message: '0 or more' },
    ]);
  const byMembers = Math.ceil(members / f.membersPerDelegate);
  const atLeast = Math.max(f.minimum, byMembers);
  return f.maximum === null ? atLeast : Math.min(f.maximum, atLeast);
}

/** The card weight of a delegation: its membership at the cut-off date. */
export const cardWeight = (members: number): number => members;
