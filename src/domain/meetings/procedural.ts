import { DomainError } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';
import type { MotionEvent } from './motion.ts';
import { decideQuestion } from './thresholds.ts';
import type { CastingVote, QuestionResult, Threshold, TieRule, VoteCounts } from './thresholds.ts';

/**
 * Procedural motions: motions about the conduct of the meeting rather than its business. Each
 * has its threshold, whether it needs a seconder and may be debated, and what it does to the
 * question before the meeting when carried. Sources: Citrine, *ABC of Chairmanship* (the
 * closure, next business, reference back, adjournment, suspension of standing orders, and
 * challenges to the chair's ruling), and RONR 12th ed. (§16 Previous Question, §13 Commit or
 * Refer, §21 Adjourn, §25 Suspend the Rules, §24 Appeal).
 *
 * Which tradition applies is read from the standing orders' `amendmentOrder` (`citrine` or
 * `ronr`): the one choice of rule book a body makes. Where DESIGN.md section 3 fixes a rule, it
 * wins for both: standing orders are suspended by two-thirds of the members present.
 */

export const PROCEDURAL_KINDS = [
  'next-business',
  'closure',
  'refer-back',
  'adjourn',
  'suspend-standing-orders',
  'challenge-to-chair',
] as const;
export type ProceduralKind = (typeof PROCEDURAL_KINDS)[number];

export interface ProceduralRule {
  readonly kind: ProceduralKind;
  /** The motion as moved: "That the question be now put". */
  readonly wording: string;
  readonly threshold: Threshold;
  /** Overrides the standing orders' tie rule (a challenge: the ruling stands on a tie). */
  readonly tieRule: TieRule | null;
  readonly needsSeconder: boolean;
  /** Whether it may be debated before it is put. */
  readonly debatable: boolean;
  /** Whether it needs a question before the meeting (a motion or amendment in debate). */
  readonly needsQuestion: boolean;
  /** Whether the chair may decline to accept it (Citrine: the closure, next business). */
  readonly chairMayRefuse: boolean;
  /** What it does when carried, in words for the console and the help. */
  readonly ifCarried: string;
  readonly source: string;
}

/** The rule for one procedural motion under these standing orders. */
export function proceduralRule(
  kind: ProceduralKind,
  rules: Pick<StandingOrders, 'amendmentOrder'>,
): ProceduralRule {
  const ronr = rules.amendmentOrder === 'ronr';
  switch (kind) {
    case 'next-business':
      return {
        kind,
        wording: 'That the meeting proceed to next business',
        threshold: 'simple-majority-of-votes-cast',
        tieRule: null,
        needsSeconder: true,
        debatable: false,
        needsQuestion: true,
        chairMayRefuse: true,
        ifCarried:
          'The question before the meeting is dropped without a vote and the meeting moves on.',
        source: ronr
          ? 'RONR has no "next business"; it acts like Postpone Indefinitely (§11) by a majority.'
          : 'Citrine: next business, at the chair’s discretion, by a simple majority.',
      };
    case 'closure':
      return {
        kind,
        wording: 'That the question be now put',
        // RONR §16: the Previous Question needs two-thirds; Citrine's closure a majority.
        threshold: ronr ? 'two-thirds-of-votes-cast' : 'simple-majority-of-votes-cast',
        tieRule: null,
        needsSeconder: true,
        debatable: false,
        needsQuestion: true,
        chairMayRefuse: !ronr,
        ifCarried: ronr
          ? 'Debate ends and the question before the meeting is put at once.'
          : 'Debate ends; the mover of the motion replies, then the question before the meeting is put.',
        source: ronr
          ? 'RONR §16, Previous Question: two-thirds, not debatable.'
          : 'Citrine: the closure, at the chair’s discretion, by a simple majority.',
      };
    case 'refer-back':
      return {
        kind,
        wording: 'That the motion be referred',
        threshold: 'simple-majority-of-votes-cast',
        tieRule: null,
        needsSeconder: true,
        debatable: true,
        needsQuestion: true,
        chairMayRefuse: false,
        ifCarried:
          'The question is sent to the body or committee named, without a decision on it here.',
        source: ronr ? 'RONR §13, Commit or Refer: a majority.' : 'Citrine: reference back.',
      };
    case 'adjourn':
      return {
        kind,
        wording: 'That the meeting now adjourn',
        threshold: 'simple-majority-of-votes-cast',
        tieRule: null,
        needsSeconder: true,
        debatable: !ronr,
        needsQuestion: false,
        chairMayRefuse: false,
        ifCarried:
          'The meeting adjourns; the question before it is not decided and is taken up when it resumes.',
        source: ronr ? 'RONR §21, Adjourn: a majority, not debatable.' : 'Citrine: adjournment.',
      };
    case 'suspend-standing-orders':
      return {
        kind,
        wording: 'That standing orders be suspended',
        threshold: 'two-thirds-of-members-present',
        tieRule: null,
        needsSeconder: true,
        debatable: false,
        needsQuestion: false,
        chairMayRefuse: false,
        ifCarried: 'The standing orders named are set aside for the purpose stated, and only that.',
        source:
          'DESIGN.md section 3: two-thirds of members present (RONR §25 asks two-thirds of votes cast).',
      };
    case 'challenge-to-chair':
      return {
        kind,
        wording: 'That the chair’s ruling be not upheld',
        threshold: 'simple-majority-of-votes-cast',
        // The ruling stands unless a majority is against it: a tie upholds the chair, and the
        // chair gives no casting vote on their own ruling.
        tieRule: 'not-carried',
        needsSeconder: true,
        debatable: true,
        needsQuestion: false,
        chairMayRefuse: false,
        ifCarried:
          'The chair’s ruling is overturned, and the meeting proceeds as if it had not been made.',
        source: ronr
          ? 'RONR §24, Appeal: a majority against the chair overturns; a tie sustains the ruling.'
          : 'Citrine: a challenge to the chair’s ruling; the ruling stands unless a majority is against it.',
      };
  }
}

/** What a decided procedural motion does. */
export type ProceduralEffect =
  /** Lost (or not carried): the meeting carries on as before. */
  | { readonly kind: 'none'; readonly explanation: string }
  /** Apply this event to the motion before the meeting (motion.ts transition). */
  | { readonly kind: 'motion-event'; readonly event: MotionEvent; readonly explanation: string }
  /** Put the question before the meeting now (debate.ts nextQuestion names it). */
  | { readonly kind: 'put-question'; readonly explanation: string }
  | { readonly kind: 'adjourn-meeting'; readonly explanation: string }
  | { readonly kind: 'suspend-standing-orders'; readonly explanation: string }
  | { readonly kind: 'ruling-overturned'; readonly explanation: string }
  | { readonly kind: 'ruling-stands'; readonly explanation: string };

export interface ProceduralDecision {
  readonly rule: ProceduralRule;
  readonly result: QuestionResult;
  readonly effect: ProceduralEffect;
}

/**
 * Refuses a procedural motion that makes no sense now: next business, the closure and
 * reference back need a question before the meeting.
 * @throws DomainError ILLEGAL_TRANSITION.
 */
export function assertMayMoveProcedural(
  kind: ProceduralKind,
  props: { rules: Pick<StandingOrders, 'amendmentOrder'>; questionBeforeMeeting: boolean },
): ProceduralRule {
  const rule = proceduralRule(kind, props.rules);
  if (rule.needsQuestion && !props.questionBeforeMeeting) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `“${rule.wording}” can be moved only while a question is before the meeting.`,
    );
  }
  return rule;
}

/**
 * Decides a procedural motion and says what follows.
 * @param props.referTo for reference back: the body or committee it goes to.
 */
export function decideProcedural(props: {
  kind: ProceduralKind;
  counts: VoteCounts;
  rules: Pick<StandingOrders, 'amendmentOrder' | 'tieRule'>;
  present: number;
  members: number;
  castingVote?: CastingVote | null;
  referTo?: string;
}): ProceduralDecision {
  const rule = proceduralRule(props.kind, props.rules);
  const result = decideQuestion({
    counts: props.counts,
    threshold: rule.threshold,
    tieRule: rule.tieRule ?? props.rules.tieRule,
    castingVote: props.castingVote ?? null,
    present: props.present,
    members: props.members,
  });
  const carried = result.outcome === 'carried';
  return { rule, result, effect: effectOf(rule, carried, props.referTo) };
}

function effectOf(rule: ProceduralRule, carried: boolean, referTo?: string): ProceduralEffect {
  if (rule.kind === 'challenge-to-chair') {
    return carried
      ? { kind: 'ruling-overturned', explanation: rule.ifCarried }
      : { kind: 'ruling-stands', explanation: 'The chair’s ruling stands.' };
  }
  if (!carried) {
    return {
      kind: 'none',
      explanation:
        rule.kind === 'closure'
          ? 'Debate continues on the question before the meeting.'
          : 'The meeting continues with the question before it.',
    };
  }
  switch (rule.kind) {
    case 'next-business':
      return {
        kind: 'motion-event',
        event: { type: 'next-business' },
        explanation: rule.ifCarried,
      };
    case 'refer-back':
      return {
        kind: 'motion-event',
        event: { type: 'refer', to: referTo ?? 'the body that proposed it' },
        explanation: rule.ifCarried,
      };
    case 'closure':
      return { kind: 'put-question', explanation: rule.ifCarried };
    case 'adjourn':
      return { kind: 'adjourn-meeting', explanation: rule.ifCarried };
    case 'suspend-standing-orders':
      return { kind: 'suspend-standing-orders', explanation: rule.ifCarried };
  }
}
