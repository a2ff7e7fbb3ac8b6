import { DomainError, type ErrorCode } from '../errors.ts';
import type { MeetingStatus } from './meeting.ts';
import { describeQuorum, type QuorumCheck } from './quorum.ts';
import { legalEvents, type MotionStatus } from './motion.ts';
import { proceduralRule, PROCEDURAL_KINDS, type ProceduralKind } from './procedural.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';

/**
 * The legal next steps of a meeting, as one list: what the chair's console offers, and what the
 * use cases accept (`assertOffered`), so the two cannot disagree (issue 15: the console offered
 * putting the question on an unseconded amendment, and next business with nothing before the
 * meeting, then refused them). Pure: the facts are read by the caller.
 */

/** What decides the next steps: the meeting's state, its business and who is present. */
export interface MeetingFacts {
  readonly status: MeetingStatus;
  /** Whether the notice has run (or the meeting is an emergency one): it may open. */
  readonly mayOpen: boolean;
  /** A question has been put and its vote is still to be recorded. */
  readonly questionPut: boolean;
  readonly quorumMet: boolean;
  /** The quorum's figures, for the refusal's words. */
  readonly quorum?: QuorumCheck;
  readonly present: number;
  readonly amendmentOrder: StandingOrders['amendmentOrder'];
  /** Motions on the agenda not yet taken up, in agenda order. */
  readonly onAgenda: readonly string[];
  /** The motion before the meeting, if any. */
  readonly current: {
    readonly id: string;
    readonly status: MotionStatus;
    /** The amendments moved to it, in the order moved. */
    readonly amendments: readonly { readonly id: string; readonly status: MotionStatus }[];
    /** The question to be put next: on this amendment, or (null) on the motion. */
    readonly questionOn: string | null;
  } | null;
}

export type Step =
  | { readonly type: 'open' }
  | { readonly type: 'cancel' }
  | { readonly type: 'close' }
  /** Taking up a motion on the agenda: moved by its proposer, or not moved and falling. */
  | { readonly type: 'take-up'; readonly motionId: string; readonly event: 'move' | 'fall' }
  | {
      readonly type: 'motion';
      readonly motionId: string;
      readonly event: 'second' | 'open-debate' | 'put-question' | 'withdraw' | 'fall' | 'remit';
    }
  | {
      readonly type: 'amendment';
      readonly amendmentId: string;
      readonly event: 'second' | 'withdraw';
    }
  /** Moving an amendment to the motion before the meeting. */
  | { readonly type: 'amend'; readonly motionId: string }
  | { readonly type: 'procedural'; readonly kind: ProceduralKind };

const MOTION_STEPS = [
  'second',
  'open-debate',
  'put-question',
  'remit',
  'fall',
  'withdraw',
] as const;
const DEBATING: readonly MotionStatus[] = ['seconded', 'in-debate'];
const PENDING: readonly MotionStatus[] = ['moved', 'seconded', 'in-debate', 'question-put'];

/** Every step the rules allow now, in the order the console shows them. */
export function nextSteps(f: MeetingFacts): Step[] {
  if (f.status === 'scheduled') {
    return [...(f.mayOpen ? [{ type: 'open' as const }] : []), { type: 'cancel' }];
  }
  if (f.status !== 'open') return [];
  const steps: Step[] = [];
  const cur = f.current;
  if (!f.questionPut) {
    if (!cur) {
      // The motions on the agenda, in its order: the chair takes up the next one.
      for (const motionId of f.onAgenda) {
        steps.push({ type: 'take-up', motionId, event: 'move' });
        steps.push({ type: 'take-up', motionId, event: 'fall' });
      }
    } else {
      steps.push(...motionSteps(f, cur));
      for (const a of cur.amendments) {
        if (a.status === 'moved' && f.present > 1) {
          steps.push({ type: 'amendment', amendmentId: a.id, event: 'second' });
        }
        if (legalEvents({ kind: 'amendment', status: a.status }).includes('withdraw')) {
          steps.push({ type: 'amendment', amendmentId: a.id, event: 'withdraw' });
        }
      }
      const pending = cur.amendments.some((a) => PENDING.includes(a.status));
      if (DEBATING.includes(cur.status) && (f.amendmentOrder !== 'ronr' || !pending)) {
        steps.push({ type: 'amend', motionId: cur.id });
      }
    }
    // A procedural motion needs a mover and a seconder present, and some need a question.
    if (f.present > 1) {
      const question = !!cur && DEBATING.includes(cur.status);
      for (const kind of PROCEDURAL_KINDS) {
        const rule = proceduralRule(kind, { amendmentOrder: f.amendmentOrder });
        if (!rule.needsQuestion || question) steps.push({ type: 'procedural', kind });
      }
    }
  }
  // A question put is decided before the meeting ends.
  if (!f.questionPut) steps.push({ type: 'close' });
  return steps;
}

function motionSteps(f: MeetingFacts, cur: NonNullable<MeetingFacts['current']>): Step[] {
  const events = legalEvents({ kind: 'motion', status: cur.status });
  const on = cur.questionOn ? cur.amendments.find((a) => a.id === cur.questionOn) : undefined;
  const allowed = (event: (typeof MOTION_STEPS)[number]) => {
    if (!events.includes(event)) return false;
    // Someone other than the mover must be present to second it.
    if (event === 'second') return f.present > 1;
    // The question is put on what comes next (an amendment, else the motion): it must be
    // seconded, and the meeting quorate.
    if (event === 'put-question') {
      return f.quorumMet && (on ? DEBATING.includes(on.status) : DEBATING.includes(cur.status));
    }
    return true;
  };
  return MOTION_STEPS.filter(allowed).map((event) => ({
    type: 'motion' as const,
    motionId: cur.id,
    event,
  }));
}

const sameStep = (a: Step, b: Step) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the rules allow this step now. */
export const isOffered = (f: MeetingFacts, step: Step) =>
  nextSteps(f).some((s) => sameStep(s, step));

/**
 * Refuses a step the rules do not allow now, as the console would not offer it, with the code
 * the domain gives that refusal.
 * @throws DomainError QUESTION_ALREADY_PUT, QUORUM_NOT_MET, NOT_SECONDED, NOT_PRESENT,
 *   ILLEGAL_TRANSITION.
 */
export function assertOffered(f: MeetingFacts, step: Step): void {
  if (isOffered(f, step)) return;
  const [code, message] = refusalOf(f, step);
  if (code === 'QUORUM_NOT_MET' && f.quorum) {
    const { present, required } = f.quorum;
    throw new DomainError(code, `${describeQuorum(f.quorum)}.`, [], { present, required });
  }
  throw new DomainError(code, message);
}

function refusalOf(f: MeetingFacts, step: Step): [ErrorCode, string] {
  if (f.status !== 'open' && step.type !== 'open' && step.type !== 'cancel') {
    return ['ILLEGAL_TRANSITION', 'The meeting is not in session.'];
  }
  if (f.questionPut) {
    return ['QUESTION_ALREADY_PUT', 'A question has been put: its vote is recorded first.'];
  }
  if (step.type === 'take-up' && f.current) {
    return ['ILLEGAL_TRANSITION', 'A motion is before the meeting; it is settled first.'];
  }
  if (step.type === 'motion' && step.event === 'put-question' && f.current) {
    if (!DEBATING.includes(f.current.status))
      return ['NOT_SECONDED', 'The question cannot be put: nobody has seconded it.'];
    if (!f.quorumMet)
      return ['QUORUM_NOT_MET', 'The question cannot be put: the meeting is not quorate.'];
    return [
      'NOT_SECONDED',
      'The question cannot be put: the amendment before the meeting has not been seconded.',
    ];
  }
  if (
    (step.type === 'procedural' || (step.type === 'motion' && step.event === 'second')) &&
    f.present <= 1
  ) {
    return ['NOT_PRESENT', 'A mover and a seconder must both be present.'];
  }
  if (step.type === 'procedural') {
    return [
      'ILLEGAL_TRANSITION',
      'That procedural motion can be moved only while a question is before the meeting.',
    ];
  }
  return ['ILLEGAL_TRANSITION', 'That step is not open to the meeting now.'];
}
