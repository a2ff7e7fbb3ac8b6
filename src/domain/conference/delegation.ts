import { DomainError, invalid, type FieldProblem } from '../errors.ts';

/**
 * A delegation: the delegates a branch or affiliate sends, its ranked substitutes and its
 * leader (who casts the delegation's card). Labour Party Rule Book (2024), Chapter 3, Clause I
 * (delegates appointed by each CLP and affiliate, within its entitlement); TUC Congress Standing
 * Orders, SO 1 (delegations and their leaders; substitutes replacing delegates in order). Changes
 * are allowed until the deadline for changes of delegate; each change is audited by the caller.
 *
 * Terms: person ids stand for people; `substitutes` are in order of precedence: the first takes
 * the place of the first delegate who cannot come.
 */
export interface DelegationMakeUp {
  readonly delegates: readonly string[];
  readonly substitutes: readonly string[];
  /** One of the delegates, or null until named. */
  readonly leader: string | null;
}

/** What is wrong with a delegation's make-up against its entitlement. */
export function delegationProblems(d: DelegationMakeUp, entitled: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (d.delegates.length > entitled)
    problems.push({
      path: 'delegates',
      message: `${d.delegates.length} delegates named, but the delegation is entitled to ${entitled}.`,
    });
  const seen = new Set<string>();
  for (const [i, id] of [...d.delegates, ...d.substitutes].entries()) {
    if (seen.has(id)) problems.push({ path: `people.${i}`, message: 'Named twice.' });
    seen.add(id);
  }
  if (d.leader !== null && !d.delegates.includes(d.leader))
    problems.push({ path: 'leader', message: 'The leader must be one of the delegates.' });
  return problems;
}

/** @throws DomainError VALIDATION_FAILED when delegationProblems finds any. */
export function assertDelegation(d: DelegationMakeUp, entitled: number): void {
  const problems = delegationProblems(d, entitled);
  if (problems.length > 0) throw invalid('The delegation cannot be made up so.', problems);
}

/**
 * A delegate who cannot attend is replaced by the first substitute (TUC SO 1: substitutes in the
 * order the organisation gave). The leader, if it was they, passes to the next delegate named.
 * @throws DomainError VALIDATION_FAILED if the person is not a delegate or no substitute is left.
 */
export function replaceDelegate(d: DelegationMakeUp, personId: string): DelegationMakeUp {
  const at = d.delegates.indexOf(personId);
  if (at < 0) throw invalid('That person is not a delegate of this delegation.');
  const [next, ...rest] = d.substitutes;
  if (next === undefined) throw invalid('The delegation has no substitute left.');
  const delegates = d.delegates.map((p, i) => (i === at ? next : p));
  return {
    delegates,
    substitutes: rest,
    leader: d.leader === personId ? (delegates[0] ?? null) : d.leader,
  };
}

/**
 * Changes of delegate are accepted until the deadline (ISO instants compare as text).
 * @throws DomainError MOTION_DEADLINE_PASSED after it.
 */
export function assertBeforeDeadline(now: string, deadline: string | null, what: string): void {
  if (deadline !== null && now > deadline)
    throw new DomainError('MOTION_DEADLINE_PASSED', `The deadline for ${what} has passed.`, [], {
      deadline,
    });
}
