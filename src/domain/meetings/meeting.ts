import { DomainError } from '../errors.ts';
import type { StandingOrders } from '../organisations/standing-orders.ts';
import { assertMayOpenMeeting } from './notice.ts';
import { assertQuorum } from './quorum.ts';
import type { QuorumCheck } from './quorum.ts';

/**
 * A meeting of one body (DESIGN.md section 3): called with notice, opened by the chair when the
 * notice has run and a quorum is present, closed by the chair. Attendance is a list of sign-ins
 * and sign-outs with their times; who is present at any moment is read from it, so the quorum
 * can be checked again before every vote (quorum.ts).
 *
 *     scheduled → open → closed
 *     scheduled → cancelled
 */

export type MeetingStatus = 'scheduled' | 'open' | 'closed' | 'cancelled';

export interface MeetingState {
  readonly status: MeetingStatus;
  readonly startsAt: string;
  /** When notice was given (sent to the members); null until then. */
  readonly noticeGivenAt: string | null;
  /** Called at short notice under the emergency rule (see notice.ts). */
  readonly emergency: boolean;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
}

export const newMeeting = (props: { startsAt: string; emergency?: boolean }): MeetingState => ({
  status: 'scheduled',
  startsAt: props.startsAt,
  noticeGivenAt: null,
  emergency: props.emergency ?? false,
  openedAt: null,
  closedAt: null,
});

const illegal = (status: MeetingStatus, action: string) =>
  new DomainError(
    'ILLEGAL_TRANSITION',
    `You cannot ${action} a meeting that is ${status} (state ${status}, event ${action}).`,
  );

/** Records that notice was given. Giving it again (a re-sent notice) keeps the first time. */
export function giveNotice(meeting: MeetingState, at: string): MeetingState {
  if (meeting.status !== 'scheduled') throw illegal(meeting.status, 'give notice of');
  return meeting.noticeGivenAt ? meeting : { ...meeting, noticeGivenAt: at };
}

/**
 * The chair opens the meeting.
 * @throws DomainError NOTICE_NOT_GIVEN (notice has not run and no emergency meeting is allowed),
 *   QUORUM_NOT_MET, ILLEGAL_TRANSITION.
 */
export function openMeeting(
  meeting: MeetingState,
  props: {
    at: string;
    rules: Pick<StandingOrders, 'noticeDays' | 'emergencyMeetings' | 'quorum'>;
    present: number;
    members: number;
    timeZone?: string;
  },
): { meeting: MeetingState; quorum: QuorumCheck } {
  if (meeting.status !== 'scheduled') throw illegal(meeting.status, 'open');
  const { emergency } = assertMayOpenMeeting({
    noticeGivenAt: meeting.noticeGivenAt,
    opensAt: props.at,
    rules: props.rules,
    emergency: meeting.emergency,
    ...(props.timeZone ? { timeZone: props.timeZone } : {}),
  });
  const quorum = assertQuorum(props.present, props.members, props.rules);
  return { meeting: { ...meeting, status: 'open', openedAt: props.at, emergency }, quorum };
}

export function closeMeeting(meeting: MeetingState, at: string): MeetingState {
  if (meeting.status !== 'open') throw illegal(meeting.status, 'close');
  return { ...meeting, status: 'closed', closedAt: at };
}

export function cancelMeeting(meeting: MeetingState): MeetingState {
  if (meeting.status !== 'scheduled') throw illegal(meeting.status, 'cancel');
  return { ...meeting, status: 'cancelled' };
}

// ---------------------------------------------------------------------------------------------
// Attendance

/** One stay in the room: signed in at `inAt`, out at `outAt` (null while still present). */
export interface Attendance {
  readonly personId: string;
  readonly inAt: string;
  readonly outAt: string | null;
  /** Who signed them in, when not themselves (the secretary). */
  readonly signedInBy: string | null;
}

const isIn = (a: Attendance) => a.outAt === null;

/**
 * Signs a member in. Signing in someone already present changes nothing.
 * @throws DomainError NOT_A_MEMBER (only members count towards the quorum and vote),
 *   ILLEGAL_TRANSITION (the meeting is closed or cancelled).
 */
export function signIn(
  records: readonly Attendance[],
  props: {
    meeting: Pick<MeetingState, 'status'>;
    personId: string;
    isMember: boolean;
    at: string;
    by?: string | null;
  },
): Attendance[] {
  const { meeting } = props;
  if (meeting.status === 'closed' || meeting.status === 'cancelled') {
    throw illegal(meeting.status, 'sign in to');
  }
  if (!props.isMember) {
    throw new DomainError('NOT_A_MEMBER', 'Only members of the body can sign in to its meeting.');
  }
  if (records.some((a) => a.personId === props.personId && isIn(a))) return [...records];
  const by = props.by && props.by !== props.personId ? props.by : null;
  return [...records, { personId: props.personId, inAt: props.at, outAt: null, signedInBy: by }];
}

/** Signs a member out. @throws DomainError NOT_PRESENT when they are not signed in. */
export function signOut(
  records: readonly Attendance[],
  props: { personId: string; at: string },
): Attendance[] {
  const i = records.findIndex((a) => a.personId === props.personId && isIn(a));
  if (i < 0) throw new DomainError('NOT_PRESENT', 'That member is not signed in.');
  return records.map((a, j) => (j === i ? { ...a, outAt: props.at } : a));
}

/** The members present at an instant (default: now, i.e. everyone not signed out), sorted. */
export function presentAt(records: readonly Attendance[], at?: string): string[] {
  const t = at === undefined ? null : Date.parse(at);
  const present = new Set<string>();
  for (const a of records) {
    const arrived = t === null || Date.parse(a.inAt) <= t;
    const stillIn = a.outAt === null || (t !== null && Date.parse(a.outAt) > t);
    if (arrived && stillIn) present.add(a.personId);
  }
  return [...present].sort();
}
