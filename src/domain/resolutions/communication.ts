import { DomainError, invalid } from '../errors.ts';

/**
 * Communications (DESIGN.md section 3): a resolution delivered to a body it addresses, and what
 * that body does with it. One pure state machine, so the receiving secretary's inbox, the API
 * and the sender's resolution page agree on every state and every legal step.
 *
 * Words:
 * - A "calls on" communication carries a resolution to the body one of its "calls on" clauses
 *   names. The receiving body must answer it: acknowledge it, rule it in or out of order (out of
 *   order with a reason: not within its powers, already decided, ...), then put it on its agenda
 *   as its own motion or composite it with others into one motion, and record what its meeting
 *   decided (carried, lost, noted, referred).
 * - A "model motion" communication carries a text a body above publicises to the bodies below
 *   it, for each to adopt as its own motion (an Adoption), changed or not.
 * - A body elsewhere, named by name only, cannot be delivered to from this server: its
 *   communication is recorded as not deliverable here, so the sender sees it was not sent.
 *
 *     sent → acknowledged → ruled-in | ruled-out (reason)
 *     ruled-in → on-agenda | balloting | composited → carried | lost | noted | referred
 *
 * "balloting": put to a ballot of the body's members (open or secret) as its own motion, the
 * ballot linked to that motion; when the ballot closes the motion is decided and the outcome
 * recorded here with its figures, as a meeting's decision is. An outcome the secretary records
 * by hand (not read off a vote here) needs a reason, and the history says it was recorded by
 * hand, so the sender can tell a counted result from a declared one.
 *
 * Ruling may be done on receipt (sent → ruled-in, receipt is then implied); a ruled-in
 * communication may be noted or referred without a motion. A model motion is adopted straight
 * from the inbox (sent or acknowledged → adopted), where a branch tables its own motion from it,
 * and its outcome is then recorded like any other.
 *
 * A "conference" communication carries a branch's resolution sent to a conference as its motion
 * (src/domain/conference): the arrangements committee rules it in or out, and may rule it again
 * when conference refers that part of its report back (Labour Party conference standing orders;
 * src/domain/conference/reference-back.ts), so neither ruling is final; the card vote's outcome
 * is then recorded, read off the count (carried, lost; remitted is recorded as referred). No
 * body's inbox holds it: the conference's own pages and use cases take its steps.
 */

export const COMMUNICATION_KINDS = ['calls-on', 'model-motion', 'conference'] as const;
export type CommunicationKind = (typeof COMMUNICATION_KINDS)[number];

export const OUTCOMES = ['carried', 'lost', 'noted', 'referred'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const COMMUNICATION_STATUSES = [
  'sent',
  'acknowledged',
  'ruled-in',
  'ruled-out',
  'on-agenda',
  'balloting',
  'composited',
  'adopted',
  ...OUTCOMES,
  'not-deliverable',
  'withdrawn',
] as const;
export type CommunicationStatus = (typeof COMMUNICATION_STATUSES)[number];

export interface CommunicationState {
  readonly kind: CommunicationKind;
  readonly status: CommunicationStatus;
  /** Why it was ruled out of order (or in, when the secretary gives a reason). */
  readonly reason: string | null;
  /** The receiving body's own motion: taken up, composited into, or adopted as. */
  readonly motionId: string | null;
}

export type CommunicationEvent =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'rule'; readonly inOrder: boolean; readonly reason?: string | undefined }
  | { readonly type: 'put-on-agenda'; readonly motionId: string }
  | { readonly type: 'put-to-ballot'; readonly motionId: string }
  | { readonly type: 'composite'; readonly motionId: string }
  | { readonly type: 'adopt'; readonly motionId: string }
  /**
   * `byHand`: typed in by the secretary, not read off a vote decided here; then `reason` is
   * required (why it is recorded by hand: decided at a meeting held elsewhere, by email, ...).
   */
  | {
      readonly type: 'record-outcome';
      readonly outcome: Outcome;
      readonly byHand?: boolean | undefined;
      readonly reason?: string | undefined;
    };

export type CommunicationEventType = CommunicationEvent['type'];

export const REASON_MAX = 2000;

/** The first state of a communication: in the addressee's inbox, or not deliverable here. */
export function newCommunication(
  kind: CommunicationKind,
  deliverable: boolean,
): CommunicationState {
  return { kind, status: deliverable ? 'sent' : 'not-deliverable', reason: null, motionId: null };
}

const NEXT: Record<
  CommunicationKind,
  Record<CommunicationStatus, readonly CommunicationEventType[]>
> = {
  'calls-on': {
    sent: ['acknowledge', 'rule'],
    acknowledged: ['rule'],
    'ruled-in': ['put-on-agenda', 'put-to-ballot', 'composite', 'record-outcome'],
    'ruled-out': [],
    'on-agenda': ['record-outcome'],
    balloting: ['record-outcome'],
    composited: ['record-outcome'],
    adopted: [],
    carried: [],
    lost: [],
    noted: [],
    referred: [],
    'not-deliverable': [],
    withdrawn: [],
  },
  'model-motion': {
    sent: ['acknowledge', 'adopt'],
    acknowledged: ['adopt'],
    'ruled-in': [],
    'ruled-out': [],
    'on-agenda': [],
    balloting: [],
    composited: [],
    adopted: ['record-outcome'],
    carried: [],
    lost: [],
    noted: [],
    referred: [],
    'not-deliverable': [],
    withdrawn: [],
  },
  conference: {
    sent: ['rule'],
    acknowledged: ['rule'],
    'ruled-in': ['rule', 'record-outcome'],
    'ruled-out': ['rule'],
    'on-agenda': [],
    balloting: [],
    composited: [],
    adopted: [],
    carried: [],
    lost: [],
    noted: [],
    referred: [],
    'not-deliverable': [],
    withdrawn: [],
  },
};

/** What conference decides of a motion in order: carried or lost by card vote, or remitted. */
const AT_CONFERENCE: readonly Outcome[] = ['carried', 'lost', 'referred'];

/** Outcomes a communication may take without a motion of its own: it was only ruled in. */
const WITHOUT_A_MOTION: readonly Outcome[] = ['noted', 'referred'];

/** The steps that may be taken next, in the order an inbox shows them. */
export function legalCommunicationEvents(
  state: Pick<CommunicationState, 'kind' | 'status'>,
): CommunicationEventType[] {
  return [...NEXT[state.kind][state.status]];
}

/** Outcomes that may be recorded now (none when no outcome may be recorded). */
export function legalOutcomes(state: Pick<CommunicationState, 'kind' | 'status'>): Outcome[] {
  if (!legalCommunicationEvents(state).includes('record-outcome')) return [];
  if (state.kind === 'conference') return [...AT_CONFERENCE];
  return state.status === 'ruled-in' ? [...WITHOUT_A_MOTION] : [...OUTCOMES];
}

/** Whether nothing more will happen to it. */
export const isSettled = (state: Pick<CommunicationState, 'kind' | 'status'>): boolean =>
  legalCommunicationEvents(state).length === 0;

/**
 * The English words of a refusal's message (an API message, written where the refusal is made).
 * What people read of a state, on pages, in mail and as the API's statusWords, is in the
 * catalogues (src/messages, `state.communication.*`).
 */
const STATUS_WORDS: Record<CommunicationStatus, string> = {
  sent: 'delivered, awaiting an answer',
  acknowledged: 'acknowledged',
  'ruled-in': 'ruled in order',
  'ruled-out': 'ruled out of order',
  'on-agenda': 'on the agenda as a motion',
  balloting: "put to a ballot of the body's members",
  composited: 'composited into a motion',
  adopted: 'adopted as a motion',
  carried: 'carried',
  lost: 'lost',
  noted: 'noted',
  referred: 'referred',
  'not-deliverable': 'not deliverable from this server (a body elsewhere)',
  withdrawn: 'withdrawn by the body that sent it',
};

const EVENT_WORDS: Record<CommunicationEventType, string> = {
  acknowledge: 'acknowledge',
  rule: 'rule on',
  'put-on-agenda': 'put on the agenda',
  'put-to-ballot': 'put to a ballot',
  composite: 'composite',
  adopt: 'adopt',
  'record-outcome': 'record the outcome of',
};

/**
 * Takes one step, or refuses it: ILLEGAL_TRANSITION when the step cannot follow this state (the
 * message names both), VALIDATION_FAILED for a ruling out of order without a reason, an outcome
 * recorded by hand without a reason, or an outcome that needs a motion recorded on a
 * communication that has none.
 */
export function communicationTransition(
  state: CommunicationState,
  event: CommunicationEvent,
): CommunicationState {
  if (!legalCommunicationEvents(state).includes(event.type)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `You cannot ${EVENT_WORDS[event.type]} a communication that is ${STATUS_WORDS[state.status]} ` +
        `(state ${state.status}, event ${event.type}).`,
    );
  }
  switch (event.type) {
    case 'acknowledge':
      return { ...state, status: 'acknowledged' };
    case 'rule': {
      const reason = event.reason?.trim() ?? '';
      if (reason.length > REASON_MAX) {
        throw invalid(`A reason may be at most ${REASON_MAX} characters.`, [
          { path: 'reason', message: `At most ${REASON_MAX} characters.` },
        ]);
      }
      if (!event.inOrder && !reason) {
        throw invalid('Give the reason it is out of order; the sender is told it.', [
          { path: 'reason', message: 'Say why it is out of order.' },
        ]);
      }
      return { ...state, status: event.inOrder ? 'ruled-in' : 'ruled-out', reason: reason || null };
    }
    case 'put-on-agenda':
      return { ...state, status: 'on-agenda', motionId: event.motionId };
    case 'put-to-ballot':
      return { ...state, status: 'balloting', motionId: event.motionId };
    case 'composite':
      return { ...state, status: 'composited', motionId: event.motionId };
    case 'adopt':
      return { ...state, status: 'adopted', motionId: event.motionId };
    case 'record-outcome':
      if (!legalOutcomes(state).includes(event.outcome)) {
        throw invalid(
          `Only "noted" or "referred" can be recorded before it is a motion (state ${state.status}).`,
          [{ path: 'outcome', message: 'Put it on the agenda first, or note or refer it.' }],
        );
      }
      if (event.byHand) checkByHandReason(event.reason);
      return { ...state, status: event.outcome };
  }
}

/**
 * The sending body withdraws its resolution (ActivityStreams `Undo` of the Offer between
 * servers): allowed while the receiving body has not decided it, that is while the
 * communication is not settled (ruled out, or an outcome recorded, is final: ILLEGAL_TRANSITION).
 * Not one of the receiving body's steps, so it is not among legalCommunicationEvents.
 */
export function withdrawCommunication(state: CommunicationState): CommunicationState {
  if (isSettled(state)) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `You cannot withdraw a communication that is ${STATUS_WORDS[state.status]} ` +
        `(state ${state.status}, event withdraw).`,
    );
  }
  return { ...state, status: 'withdrawn' };
}

/** The reason an outcome is recorded by hand: required, at most REASON_MAX characters. */
function checkByHandReason(raw: string | undefined) {
  const reason = raw?.trim() ?? '';
  if (!reason) {
    throw invalid(
      'Say why the outcome is recorded by hand; the sender is told it was recorded by hand.',
      [{ path: 'reason', message: 'Say why it is recorded by hand.' }],
    );
  }
  if (reason.length > REASON_MAX) {
    throw invalid(`A reason may be at most ${REASON_MAX} characters.`, [
      { path: 'reason', message: `At most ${REASON_MAX} characters.` },
    ]);
  }
}

/**
 * The outcome to record when the receiving body's linked motion is decided: a motion carried is
 * carried, one lost or not carried (a tie) is lost, one referred is referred. Other ends of a
 * motion (withdrawn, fell, ...) leave the communication for the secretary to answer.
 */
export function outcomeOfMotion(status: string): Outcome | null {
  switch (status) {
    case 'carried':
      return 'carried';
    case 'lost':
    case 'not-carried':
      return 'lost';
    case 'referred':
    case 'remitted':
      return 'referred';
    default:
      return null;
  }
}
