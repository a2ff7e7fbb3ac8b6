import { DomainError } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';

/**
 * Quorum: the fewest members who must be present for the meeting to do business (RONR 12th ed.
 * §40; Citrine, *ABC of Chairmanship*, on quorum). Seconded checks it before every vote, because
 * members leave during a meeting: a meeting that was quorate when it opened may not be later
 * (DESIGN.md section 4: "no vote may be taken without it").
 *
 * The standing orders give it as a number of members (P ≥ q) or a fraction of the body's
 * members (P ≥ ⌈p·M⌉). A quorum is never less than one member.
 */

export type QuorumRule = StandingOrders['quorum'];

/** A fraction is compared in millionths, so 0.1 × 30 is exactly 3 and not 3.0000000000000004. */
const SCALE = 1_000_000;

/** The number of members present that makes a quorum, for a body of `members` members. */
export function quorumRequired(rule: QuorumRule, members: number): number {
  if (rule.kind === 'count') return Math.max(1, rule.members);
  const millionths = Math.round(rule.of * SCALE);
  // ⌈p·M⌉ in integers: ⌈a / b⌉ = ⌊(a + b − 1) / b⌋.
  return Math.max(1, Math.floor((millionths * members + SCALE - 1) / SCALE));
}

export interface QuorumCheck {
  readonly met: boolean;
  readonly present: number;
  readonly required: number;
}

/** Whether `present` members make a quorum of a body of `members` under these rules. */
export function checkQuorum(
  present: number,
  members: number,
  rules: Pick<StandingOrders, 'quorum'>,
): QuorumCheck {
  const required = quorumRequired(rules.quorum, members);
  return { met: present >= required, present, required };
}

/** The sentence shown beside the attendance, e.g. "29 present; the quorum is 10". */
export function describeQuorum(check: QuorumCheck): string {
  return `${check.present} present; the quorum is ${check.required}`;
}

/**
 * Refuses to go on without a quorum.
 * @throws DomainError QUORUM_NOT_MET, e.g. "9 present; the quorum is 10."
 */
export function assertQuorum(
  present: number,
  members: number,
  rules: Pick<StandingOrders, 'quorum'>,
): QuorumCheck {
  const check = checkQuorum(present, members, rules);
  if (!check.met) {
    const { present, required } = check;
    throw new DomainError('QUORUM_NOT_MET', `${describeQuorum(check)}.`, [], { present, required });
  }
  return check;
}
