import { localDateTime } from './notice.ts';
import { DomainError, invalid } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';
import { assertValidMotionText, type MotionText } from './motion-text.ts';
import { assertQuorum } from './quorum.ts';
import type { QuestionResult } from './thresholds.ts';

/**
 * Motions (DESIGN.md section 3): one state machine for the whole life of a motion or an
 * amendment, from draft to the declared result. Its text (clauses, their checks) is
 * motion-text.ts.
 *
 * Words:
 * - Proposer: the member whose motion it is. Mover: who moves it at the meeting (the proposer,
 *   or a member on their behalf). Seconder: a second member who supports it being debated; a
 *   motion nobody seconds falls (Citrine, *ABC of Chairmanship*, on motions; RONR 12th ed.
 *   §4 on seconding).
 * - The question: the motion as the chair puts it to the vote.
 * - Substantive motion: the motion as amended by carried amendments (see debate.ts).
 *
 * The lifecycle, as one state machine (`transition`):
 *
 *     draft → submitted → on-agenda → moved → seconded → in-debate → question-put
 *                                                           → carried | lost | not-carried
 *
 * A motion may instead be put to a ballot of the body's members outside any meeting (a body
 * answering a resolution that called on it, between meetings): `put-to-ballot` takes it from
 * submitted straight to question-put, and the ballot's count declares it.
 *
 * with side exits: fell (not moved, or no seconder), withdrawn (once moved, only with the
 * meeting's consent), next-business, referred, remitted (to another body or officer, with the
 * mover's consent), composited (merged into another motion before the meeting). An amendment
 * uses the same machine (`kind: 'amendment'`), usually starting at `moved` from the floor, and
 * cannot be referred, remitted, composited or met by next business on its own.
 */

/** States from which nothing more happens to the motion. */
export const FINAL_STATUSES = [
  'carried',
  'lost',
  'not-carried',
  'fell',
  'withdrawn',
  'next-business',
  'referred',
  'remitted',
  'composited',
] as const;

export const MOTION_STATUSES = [
  'draft',
  'submitted',
  'on-agenda',
  'moved',
  'seconded',
  'in-debate',
  'question-put',
  ...FINAL_STATUSES,
] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];

export const isFinal = (status: MotionStatus): boolean =>
  (FINAL_STATUSES as readonly MotionStatus[]).includes(status);

/** Before the meeting takes it up: still text, not yet a question before the meeting. */
export const BEFORE_MEETING: readonly MotionStatus[] = ['draft', 'submitted', 'on-agenda'];
/** Before the meeting now and undecided: moved, seconded, in debate, being voted on. */
export const BEFORE_THE_MEETING: readonly MotionStatus[] = [
  'moved',
  'seconded',
  'in-debate',
  'question-put',
];

/**
 * A person as the rules see them for one step, as the app layer found them: a member of the
 * body (current membership), signed in to the meeting, an officer of the body.
 */
export interface Participant {
  readonly personId: string;
  readonly isMember: boolean;
  /** Signed in to the meeting now. Only asked for steps taken at the meeting. */
  readonly isPresent?: boolean;
  /** Holds an office of the body (chair, secretary, ...); matters when only officers may move. */
  readonly isOfficer?: boolean;
}

export interface MotionState {
  readonly kind: 'motion' | 'amendment';
  readonly status: MotionStatus;
  readonly proposerId: string;
  /** The seconder: named on submission, or who seconded at the meeting. */
  readonly seconderId: string | null;
  /** Who moved it at the meeting (the proposer, or a member on their behalf). */
  readonly movedById: string | null;
  readonly submittedAt: string | null;
  /** Set once the result is declared. */
  readonly result: QuestionResult | null;
  /** Where it was referred or remitted to (a body or officer, as words or an id). */
  readonly sentTo: string | null;
  /** The motion it was composited into. */
  readonly compositedInto: string | null;
}

export type MotionEvent =
  /** Send it in. A motion's text is checked here; the deadline, when there is one, too. */
  | {
      readonly type: 'submit';
      readonly at: string;
      readonly text?: MotionText;
      /** Motions received after this instant are refused (see notice.ts motionDeadline). */
      readonly deadline?: string | null;
      /** The meeting's time zone, in which a refusal states the deadline (UTC unless given). */
      readonly timeZone?: string;
      /** A seconder named on the form, before the meeting. */
      readonly seconder?: Participant;
    }
  | { readonly type: 'place-on-agenda' }
  | { readonly type: 'move'; readonly by: Participant }
  | { readonly type: 'second'; readonly by: Participant }
  /** Not moved, or nobody seconded it: the motion falls. */
  | { readonly type: 'fall' }
  | { readonly type: 'open-debate' }
  | { readonly type: 'put-question' }
  /** Put to a ballot of the body's members, not at a meeting; the ballot's count declares it. */
  | { readonly type: 'put-to-ballot' }
  /** The chair declares the result decided by decideQuestion. */
  | { readonly type: 'declare'; readonly result: QuestionResult }
  /** Once moved, `consent` says the meeting agreed (nobody objected, or a vote). */
  | { readonly type: 'withdraw'; readonly consent?: boolean }
  | { readonly type: 'next-business' }
  | { readonly type: 'refer'; readonly to: string }
  | { readonly type: 'remit'; readonly to: string; readonly moverConsents: boolean }
  | { readonly type: 'composite'; readonly into: string };

export type MotionEventType = MotionEvent['type'];

/**
 * Motions that are questions of no confidence or of discipline: standing orders may require
 * them to be decided by secret ballot (`secretQuestions`), never by a vote in the room.
 */
export const SECRET_KINDS = ['no-confidence', 'discipline'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Whether the standing orders require this motion's question to be put by secret ballot. */
export const needsSecretBallot = (
  secretKind: SecretKind | null,
  rules: Pick<StandingOrders, 'secretQuestions'>,
): boolean => secretKind !== null && rules.secretQuestions.includes(secretKind);

export interface TransitionContext {
  readonly rules: Pick<StandingOrders, 'whoMayMove' | 'quorum'>;
  /** Members signed in and members of the body, now. Needed to put the question. */
  readonly attendance?: { readonly present: number; readonly members: number };
  /** Amendments to this question still undecided; the question waits for them. */
  readonly pendingAmendments?: number;
}

/** A new draft by its proposer. From the floor, it starts at `moved` (amendments usually do). */
export function newMotion(props: {
  kind?: 'motion' | 'amendment';
  proposer: Participant;
  rules: Pick<StandingOrders, 'whoMayMove'>;
  /** Moved at the meeting without being submitted first: the proposer must be present. */
  fromTheFloor?: boolean;
}): MotionState {
  const { proposer, rules } = props;
  assertMayMove(proposer, rules, 'propose', props.fromTheFloor ?? false);
  return {
    kind: props.kind ?? 'motion',
    status: props.fromTheFloor ? 'moved' : 'draft',
    proposerId: proposer.personId,
    seconderId: null,
    movedById: props.fromTheFloor ? proposer.personId : null,
    submittedAt: null,
    result: null,
    sentTo: null,
    compositedInto: null,
  };
}

/** The events that may follow each status, for each kind. The chair's console shows these. */
const NEXT: Record<MotionStatus, readonly MotionEventType[]> = {
  draft: ['submit', 'withdraw'],
  submitted: ['place-on-agenda', 'put-to-ballot', 'withdraw', 'composite'],
  'on-agenda': ['move', 'fall', 'withdraw', 'composite'],
  moved: ['second', 'fall', 'withdraw'],
  seconded: ['open-debate', 'put-question', 'withdraw', 'next-business', 'refer', 'remit'],
  'in-debate': ['put-question', 'withdraw', 'next-business', 'refer', 'remit'],
  'question-put': ['declare'],
  carried: [],
  lost: [],
  'not-carried': [],
  fell: [],
  withdrawn: [],
  'next-business': [],
  referred: [],
  remitted: [],
  composited: [],
};

/** Motions only: an amendment is settled by a vote, withdrawn, or falls. */
const MOTION_ONLY: readonly MotionEventType[] = [
  'next-business',
  'refer',
  'remit',
  'composite',
  'put-to-ballot',
];

/**
 * The events that may be taken next from this state, in the order a console shows them. Facts
 * (quorum, who is present, pending amendments) can still refuse one; this is the shape of the
 * machine only.
 */
export function legalEvents(state: Pick<MotionState, 'kind' | 'status'>): MotionEventType[] {
  const next = NEXT[state.status];
  return state.kind === 'amendment' ? next.filter((e) => !MOTION_ONLY.includes(e)) : [...next];
}

/**
 * The English words of a refusal's message (an API message, written where the refusal is made).
 * What people read of a state, on pages and as the API's statusWords, is in the catalogues
 * (src/messages, `state.motion.*` and `state.amendment.*`).
 */
const STATUS_WORDS: Record<MotionStatus, string> = {
  draft: 'a draft',
  submitted: 'submitted',
  'on-agenda': 'on the agenda',
  moved: 'moved',
  seconded: 'seconded',
  'in-debate': 'in debate',
  'question-put': 'being voted on',
  carried: 'carried',
  lost: 'lost',
  'not-carried': 'not carried',
  fell: 'fallen',
  withdrawn: 'withdrawn',
  'next-business': 'passed over by next business',
  referred: 'referred',
  remitted: 'remitted',
  composited: 'composited',
};

const EVENT_WORDS: Record<MotionEventType, string> = {
  submit: 'submit',
  'place-on-agenda': 'put on the agenda',
  move: 'move',
  second: 'second',
  fall: 'let fall',
  'open-debate': 'open debate on',
  'put-question': 'put the question on',
  'put-to-ballot': 'put to a ballot of the members',
  declare: 'declare the result of',
  withdraw: 'withdraw',
  'next-business': 'move next business on',
  refer: 'refer',
  remit: 'remit',
  composite: 'composite',
};

function illegal(state: Pick<MotionState, 'kind' | 'status'>, event: MotionEventType) {
  return new DomainError(
    'ILLEGAL_TRANSITION',
    `You cannot ${EVENT_WORDS[event]} ${state.kind === 'amendment' ? 'an amendment' : 'a motion'} ` +
      `that is ${STATUS_WORDS[state.status]} (state ${state.status}, event ${event}).`,
  );
}

function assertMayMove(
  who: Participant,
  rules: Pick<StandingOrders, 'whoMayMove'>,
  role: 'propose' | 'move' | 'second',
  atMeeting: boolean,
) {
  if (!who.isMember) {
    throw new DomainError('NOT_A_MEMBER', `Only a member of the body may ${role} a motion.`);
  }
  if (rules.whoMayMove === 'officers' && !who.isOfficer) {
    throw new DomainError(
      'FORBIDDEN',
      `The standing orders allow only officers to ${role} motions.`,
    );
  }
  if (atMeeting && who.isPresent === false) {
    throw new DomainError('NOT_PRESENT', `Only a member present at the meeting may ${role} it.`);
  }
}

/**
 * Takes one step of the lifecycle, or refuses it.
 *
 * Refusals (DomainError codes): ILLEGAL_TRANSITION (the event cannot follow this state; the
 * message names both), NOT_SECONDED (putting a question nobody has seconded), QUESTION_ALREADY_PUT
 * (putting it again, or after the result), QUORUM_NOT_MET (putting it without a quorum),
 * AMENDMENT_PENDING (putting it while amendments to it are undecided), WITHDRAWAL_NEEDS_CONSENT,
 * REMIT_NEEDS_MOVER_CONSENT, NOT_A_MEMBER, NOT_PRESENT, FORBIDDEN (only officers may move),
 * SECONDER_IS_PROPOSER, MOTION_DEADLINE_PASSED, VALIDATION_FAILED (the text on submission).
 */
export function transition(
  state: MotionState,
  event: MotionEvent,
  context: TransitionContext,
): MotionState {
  const { status } = state;
  if (event.type === 'put-question') {
    if (status === 'moved') {
      throw new DomainError(
        'NOT_SECONDED',
        'The question cannot be put: nobody has seconded it. Without a seconder it falls.',
      );
    }
    if (['question-put', 'carried', 'lost', 'not-carried'].includes(status)) {
      throw new DomainError('QUESTION_ALREADY_PUT', 'The question has already been put.');
    }
  }
  if (!legalEvents(state).includes(event.type)) throw illegal(state, event.type);

  switch (event.type) {
    case 'submit': {
      if (state.kind === 'motion') {
        if (!event.text) throw invalid('The motion has no text.');
        assertValidMotionText(event.text);
      }
      if (event.deadline && Date.parse(event.at) > Date.parse(event.deadline)) {
        throw new DomainError(
          'MOTION_DEADLINE_PASSED',
          `Motions for this meeting had to be in by ` +
            `${localDateTime(event.deadline, event.timeZone ?? 'UTC')} (${event.timeZone ?? 'UTC'}).`,
          [],
          { deadline: event.deadline, timeZone: event.timeZone ?? 'UTC' },
        );
      }
      let seconderId = state.seconderId;
      if (event.seconder) {
        assertMayMove(event.seconder, context.rules, 'second', false);
        assertDifferent(state.proposerId, event.seconder.personId);
        seconderId = event.seconder.personId;
      }
      return { ...state, status: 'submitted', submittedAt: event.at, seconderId };
    }
    case 'place-on-agenda':
      return { ...state, status: 'on-agenda' };
    case 'move':
      assertMayMove(event.by, context.rules, 'move', true);
      return { ...state, status: 'moved', movedById: event.by.personId };
    case 'second': {
      assertMayMove(event.by, context.rules, 'second', true);
      assertDifferent(state.proposerId, event.by.personId);
      if (state.movedById !== null && state.movedById === event.by.personId) {
        throw new DomainError('SECONDER_IS_PROPOSER', 'The mover cannot also second it.');
      }
      return { ...state, status: 'seconded', seconderId: event.by.personId };
    }
    case 'fall':
      return { ...state, status: 'fell' };
    case 'open-debate':
      return { ...state, status: 'in-debate' };
    case 'put-question': {
      if ((context.pendingAmendments ?? 0) > 0) {
        throw new DomainError(
          'AMENDMENT_PENDING',
          'Amendments to this question are still to be decided; they are taken first.',
        );
      }
      if (!context.attendance) {
        // A programming error in the caller, not a refusal of the user: quorum must be checked.
        throw new Error('transition: the attendance is needed to put the question.');
      }
      assertQuorum(context.attendance.present, context.attendance.members, context.rules);
      return { ...state, status: 'question-put' };
    }
    case 'put-to-ballot':
      return { ...state, status: 'question-put' };
    case 'declare':
      return { ...state, status: event.result.outcome, result: event.result };
    case 'withdraw':
      if (!BEFORE_MEETING.includes(status) && event.consent !== true) {
        throw new DomainError(
          'WITHDRAWAL_NEEDS_CONSENT',
          'Once moved, a motion may be withdrawn only with the consent of the meeting.',
        );
      }
      return { ...state, status: 'withdrawn' };
    case 'next-business':
      return { ...state, status: 'next-business' };
    case 'refer':
      return { ...state, status: 'referred', sentTo: event.to };
    case 'remit':
      if (!event.moverConsents) {
        throw new DomainError(
          'REMIT_NEEDS_MOVER_CONSENT',
          'A motion is remitted only if its mover agrees; otherwise it is put to the vote.',
        );
      }
      return { ...state, status: 'remitted', sentTo: event.to };
    case 'composite':
      return { ...state, status: 'composited', compositedInto: event.into };
  }
}

function assertDifferent(proposerId: string, seconderId: string) {
  if (proposerId === seconderId) {
    throw new DomainError(
      'SECONDER_IS_PROPOSER',
      'The seconder must be a different member from the proposer.',
    );
  }
}

/** Like transition, but returns the refusal instead of throwing it. */
export function tryTransition(
  state: MotionState,
  event: MotionEvent,
  context: TransitionContext,
): { ok: true; state: MotionState } | { ok: false; error: DomainError } {
  try {
    return { ok: true, state: transition(state, event, context) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

/** A composite motion's state: on the agenda at once, moved by the first source's proposer. */
export function compositeMotion(props: {
  proposerId: string;
  seconderId: string | null;
  at: string;
}): MotionState {
  return {
    kind: 'motion',
    status: 'on-agenda',
    proposerId: props.proposerId,
    seconderId: props.seconderId,
    movedById: null,
    submittedAt: props.at,
    result: null,
    sentTo: null,
    compositedInto: null,
  };
}
