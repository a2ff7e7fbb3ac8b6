/**
 * Section 7 of docs/e2e-protocol.md: how the counts decide. For a for/against/abstain vote the
 * thresholds of DESIGN.md section 4, with P = M = max(E, F + A + B), E the electors on the
 * `open` event (a card vote's weight cast may exceed it); for a choice of options the option
 * with the most weight, or "tie".
 */
export const RULES = [
  'simple-majority-of-votes-cast',
  'two-thirds-of-votes-cast',
  'two-thirds-of-members-present',
  'absolute-majority-of-members',
  'most-votes',
] as const;
export type Rule = (typeof RULES)[number];

/** The outcome the counts give under the rule, as the `result` event must state it. */
export function outcomeOf(rule: Rule, counts: readonly number[], electors: number): string {
  if (rule === 'most-votes') {
    const top = Math.max(...counts);
    const leaders = counts.flatMap((c, i) => (c === top ? [i] : []));
    return leaders.length === 1 ? String(leaders[0]) : 'tie';
  }
  const [F = 0, A = 0, B = 0] = counts;
  const P = Math.max(electors, F + A + B);
  const carried = {
    'simple-majority-of-votes-cast': F > A,
    'two-thirds-of-votes-cast': 3 * F >= 2 * (F + A) && F >= 1,
    'two-thirds-of-members-present': 3 * F >= 2 * P && F >= 1,
    'absolute-majority-of-members': 2 * F > P,
  }[rule];
  return carried ? 'carried' : 'not-carried';
}
