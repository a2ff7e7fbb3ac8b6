import { presentForQuorum } from '../../domain/meetings/proxies.ts';
import { checkQuorum } from '../../domain/meetings/quorum.ts';
import { listStandingProxies } from '../../db/queries/proxies.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import {
  amendmentEvent,
  type DebateState,
  type TabledAmendment,
} from '../../domain/meetings/debate.ts';
import type { Attendance, MeetingState } from '../../domain/meetings/meeting.ts';
import { presentAt } from '../../domain/meetings/meeting.ts';
import type { MeetingEvent } from '../../domain/meetings/minutes.ts';
import { BEFORE_THE_MEETING, transition } from '../../domain/meetings/motion.ts';
import type { MotionText } from '../../domain/meetings/motion-text.ts';
import type {
  MotionEvent,
  MotionState,
  MotionStatus,
  Participant,
  TransitionContext,
} from '../../domain/meetings/motion.ts';
import { can, type Action, type Actor } from '../../domain/organisations/policy.ts';
import { presetStandingOrders } from '../../domain/organisations/standing-orders.ts';
import type { StandingOrders } from '../../domain/organisations/standing-orders.ts';
import type { Db } from '../../db/database.ts';
import {
  appendMeetingEvent,
  findMeeting,
  findMotion,
  listAmendments,
  listAttendance,
  listCurrentMembers,
  listMotionsOfMeeting,
  lockMeeting,
  lockMotion,
  rolesInBody,
  updateAmendment,
  updateMotion,
  type AmendmentRow,
  type MeetingRow,
  type MotionRow,
} from '../../db/queries/meetings.ts';
import { findStandingOrders } from '../../db/queries/standing-orders.ts';
import { authorise, authoriseOrHide, type BodyWithTree } from '../common/actor.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, isoNow, today } from '../common/context.ts';

/**
 * What the meeting use cases share: loading a meeting with its rules and attendance, the facts
 * the domain asks for (a Participant, the attendance for the quorum), the debate on a motion
 * rebuilt from its rows, and the three records every step leaves (the meeting's own event for
 * the minutes, the audit chain, the live event). Not a use case itself.
 */

/** The body's standing orders; a body with none follows the Citrine preset. */
export async function loadRules(db: Db, bodyId: string): Promise<StandingOrders> {
  const stored = await findStandingOrders(db, bodyId);
  return stored ? stored.rules : presetStandingOrders('citrine');
}

export const meetingStateOf = (m: MeetingRow): MeetingState => ({
  status: m.status,
  startsAt: m.starts_at,
  noticeGivenAt: m.notice_given_at,
  emergency: m.emergency === 1,
  openedAt: m.opened_at,
  closedAt: m.closed_at,
});

/** Everything a step at a meeting needs, loaded (and on PostgreSQL locked) in its transaction. */
export interface MeetingScope {
  readonly meeting: MeetingRow;
  readonly state: MeetingState;
  readonly loaded: BodyWithTree;
  readonly rules: StandingOrders;
  /** M: current members of the body. */
  readonly members: readonly { person_id: string; name: string; vote_weight: number | null }[];
  readonly attendance: readonly Attendance[];
  /** Members signed in now, sorted. */
  readonly presentIds: readonly string[];
  /** Proxies standing for this meeting (proxies.ts): who gave one to whom. */
  readonly proxies: readonly { readonly giverId: string; readonly holderId: string }[];
  readonly names: ReadonlyMap<string, string>;
  readonly today: string;
  readonly at: string;
}

/**
 * A meeting to read, and its body: whoever may not take part in the body is told the meeting
 * does not exist (one "not found" for what a person may not see).
 */
export async function findVisibleMeeting(db: Db, actor: Actor | null, meetingId: string) {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw notFound('That meeting');
  const loaded = await authoriseOrHide(
    db,
    actor,
    'body.participate',
    meeting.body_id,
    'That meeting',
  );
  return { meeting, loaded };
}

/**
 * Loads a meeting and checks the actor may do `action` in its body. Someone who may not take
 * part in the body is told the meeting does not exist.
 */
export async function loadMeeting(
  trx: Db,
  ctx: AppContext,
  actor: Actor | null,
  meetingId: string,
  action: Action,
): Promise<MeetingScope> {
  const meeting = await lockMeeting(trx, meetingId);
  if (!meeting) throw notFound('That meeting');
  const loaded = await authoriseOrHide(
    trx,
    actor,
    'body.participate',
    meeting.body_id,
    'That meeting',
  );
  if (!can(actor, action, loaded.inTree))
    throw new DomainError('FORBIDDEN', forbiddenWords(action));
  return scopeOf(trx, ctx, meeting, loaded);
}

const forbiddenWords = (action: Action) =>
  action === 'body.runMeetings'
    ? "Only the body's chair, secretary or an administrator can do that."
    : 'You are not allowed to do that.';

export async function scopeOf(
  db: Db,
  ctx: AppContext,
  meeting: MeetingRow,
  loaded: BodyWithTree,
): Promise<MeetingScope> {
  const day = today(ctx);
  const [rules, members, rows, proxies] = await Promise.all([
    loadRules(db, meeting.body_id),
    listCurrentMembers(db, meeting.body_id, day),
    listAttendance(db, meeting.id),
    listStandingProxies(db, { meetingId: meeting.id }),
  ]);
  const attendance: Attendance[] = rows.map((r) => ({
    personId: r.person_id,
    inAt: r.signed_in_at,
    outAt: r.signed_out_at,
    signedInBy: r.signed_in_by,
  }));
  const names = new Map<string, string>();
  for (const m of members) names.set(m.person_id, m.name);
  for (const r of rows) names.set(r.person_id, r.name);
  const memberIds = new Set(members.map((m) => m.person_id));
  return {
    meeting,
    state: meetingStateOf(meeting),
    loaded,
    rules,
    members,
    attendance,
    // Only members count towards the quorum (a member who left the body since signing in no more).
    presentIds: presentAt(attendance).filter((id) => memberIds.has(id)),
    // Only members' proxies, as only members count (a giver who has left the body gives none).
    proxies: proxies
      .filter((p) => memberIds.has(p.giver_person_id))
      .map((p) => ({ giverId: p.giver_person_id, holderId: p.holder_person_id })),
    names,
    today: day,
    at: isoNow(ctx),
  };
}

/**
 * P for the quorum: the members present, and the proxies they hold where the standing orders
 * count them (proxies.ts `presentForQuorum`).
 */
export const presentForQuorumOf = (
  scope: Pick<MeetingScope, 'presentIds' | 'proxies' | 'rules'>,
): number => presentForQuorum(scope.presentIds, scope.proxies, scope.rules);

/** The quorum as it stands at the meeting, proxies counted where the rules say so. */
export const quorumOf = (
  scope: Pick<MeetingScope, 'presentIds' | 'proxies' | 'rules' | 'members'>,
) => checkQuorum(presentForQuorumOf(scope), scope.members.length, scope.rules);

/** The attendance facts the domain reads before a vote: P (for the quorum) and M now. */
export const attendanceOf = (scope: MeetingScope) => ({
  present: presentForQuorumOf(scope),
  members: scope.members.length,
});

export const transitionContext = (
  scope: MeetingScope,
  pendingAmendments?: number,
): TransitionContext => ({
  rules: scope.rules,
  attendance: attendanceOf(scope),
  ...(pendingAmendments === undefined ? {} : { pendingAmendments }),
});

/** A person as the rules see them at this meeting. */
export async function participant(
  db: Db,
  scope: MeetingScope,
  personId: string,
): Promise<Participant> {
  const roles = await rolesInBody(db, scope.meeting.body_id, personId, scope.today);
  return {
    personId,
    isMember: roles.includes('member'),
    isPresent: scope.presentIds.includes(personId),
    isOfficer: roles.some((r) => r !== 'member'),
  };
}

/**
 * A step on a motion or an amendment, as motion.ts takes it: a member records only their own
 * moving or seconding (`by`, named as the rules see them at this meeting); the chair
 * (secretary, administrator) records any step.
 */
export async function chairOrOwnStep(
  db: Db,
  scope: MeetingScope,
  actor: Actor,
  step:
    | Exclude<MotionEvent, { readonly type: 'move' | 'second' }>
    | { readonly type: 'move'; readonly by?: string | undefined }
    | { readonly type: 'second'; readonly by?: string | undefined },
  by: string | undefined,
): Promise<MotionEvent> {
  assertOwnPartOrChair(scope, actor, by, 'Only the chair records that step.');
  if (step.type !== 'move' && step.type !== 'second') return step;
  return { type: step.type, by: await participant(db, scope, by!) };
}

/** The name to write in the minutes. */
export const nameOf = (scope: MeetingScope, personId: string | null | undefined) =>
  (personId && scope.names.get(personId)) || 'a member';

/** Appends to the meeting's own record, from which the minutes are drafted. */
export const recordEvent = (trx: Db, scope: MeetingScope, event: MeetingEvent) =>
  appendMeetingEvent(trx, scope.meeting.id, scope.at, JSON.stringify(event));

/** Appends an audit event about this meeting (or something done at it). */
export const auditMeeting = (
  trx: Db,
  ctx: AppContext,
  scope: Pick<MeetingScope, 'meeting' | 'at'>,
  actor: Actor | null,
  action: string,
  data: Record<string, unknown>,
  subject = `meeting:${scope.meeting.id}`,
) =>
  appendAudit(trx, {
    organisationId: scope.meeting.organisation_id,
    actorPersonId: actor?.personId ?? null,
    action,
    subject,
    data: { meetingId: scope.meeting.id, ...data },
    at: scope.at,
  });

/** Tells everyone following the meeting that it changed; their screens reload what they show. */
export const publishMeeting = (
  ctx: AppContext,
  meetingId: string,
  type: string,
  data: Record<string, unknown> = {},
) => ctx.events.publish(`meeting:${meetingId}`, { type, data });

/**
 * A member records their own part in a step (moving, seconding, signing in); the chair
 * (secretary, administrator) records anyone's. `personId` undefined is a step only the chair
 * records.
 */
export function assertOwnPartOrChair(
  scope: MeetingScope,
  actor: Actor,
  personId: string | undefined,
  refusal: string,
) {
  if (personId !== actor.personId && !can(actor, 'body.runMeetings', scope.loaded.inTree)) {
    throw new DomainError('FORBIDDEN', refusal);
  }
}

/** Refuses steps that belong to a meeting in session. */
export function assertInSession(scope: MeetingScope) {
  if (scope.state.status !== 'open') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `The meeting is ${scope.state.status}: this is done while it is open (state ${scope.state.status}).`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Motions and their debate

export const motionTextOf = (row: MotionRow): MotionText => row.text;
export const motionStateOf = (row: Pick<MotionRow, 'state'>): MotionState => row.state;
export const substantiveOf = (row: MotionRow): MotionText => row.substantive ?? row.text;

/** Loads (and locks) a motion of this meeting. */
export async function loadMotionAt(
  trx: Db,
  ctx: AppContext,
  scope: MeetingScope,
  motionId: string,
): Promise<MotionRow> {
  const motion = await lockMotion(trx, motionId);
  if (!motion || motion.meeting_id !== scope.meeting.id) throw notFound('That motion');
  return motion;
}

/**
 * A motion of a body the actor takes part in, loaded (and locked) for a step before a meeting
 * takes it up (drafting, seconding, submitting).
 */
export async function loadMotionOfBody(trx: Db, actor: Actor, motionId: string) {
  const motion = await lockMotion(trx, motionId);
  if (!motion) throw notFound('That motion');
  await authorise(trx, actor, 'body.participate', motion.body_id, 'That motion');
  return motion;
}

/** Only the proposer changes or sends in their own motion. */
export function assertProposer(motion: MotionRow, actor: Actor, refusal: string) {
  if (motion.proposer_person_id !== actor.personId) throw new DomainError('FORBIDDEN', refusal);
}

/** Appends an audit event about a motion, done by a signed-in person. */
export const auditMotion = (
  trx: Db,
  motion: Pick<MotionRow, 'id' | 'organisation_id'>,
  actor: Actor,
  action: string,
  data: Record<string, unknown>,
  at: string,
) =>
  appendAudit(trx, {
    organisationId: motion.organisation_id,
    actorPersonId: actor.personId,
    action,
    subject: `motion:${motion.id}`,
    data,
    at,
  });

/** Finds a motion and its meeting's id, to load the meeting first (locks go meeting, motion). */
export async function meetingIdOfMotion(db: Db, motionId: string): Promise<string> {
  const motion = await findMotion(db, motionId);
  if (!motion) throw notFound('That motion');
  if (!motion.meeting_id) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      'This motion is not on the agenda of a meeting yet (state ' + motion.status + ').',
    );
  }
  return motion.meeting_id;
}

const tabled = (row: AmendmentRow): TabledAmendment => ({
  id: row.id,
  parentId: row.parent_id,
  change: row.change,
  asMoved: row.as_moved,
  state: row.state,
  depth: row.depth,
});

/** The debate on a motion, rebuilt from its rows: the substantive text and every amendment. */
export async function loadDebate(
  db: Db,
  motion: MotionRow,
  rules: StandingOrders,
): Promise<{ debate: DebateState; rows: AmendmentRow[] }> {
  const rows = await listAmendments(db, motion.id);
  return {
    rows,
    debate: {
      order: rules.amendmentOrder,
      maxDepth: rules.amendmentDepth,
      original: motionTextOf(motion),
      motion: substantiveOf(motion),
      amendments: rows.map(tabled),
    },
  };
}

/** Writes back what a debate step changed: amendments' words and states, the substantive text. */
export async function saveDebate(
  trx: Db,
  motion: MotionRow,
  rows: readonly AmendmentRow[],
  after: DebateState,
  at: string,
) {
  for (const a of after.amendments) {
    const row = rows.find((r) => r.id === a.id);
    if (!row) continue;
    const change = JSON.stringify(a.change);
    const state = JSON.stringify(a.state);
    if (JSON.stringify(row.change) !== change || JSON.stringify(row.state) !== state) {
      await updateAmendment(trx, a.id, {
        change,
        state,
        status: a.state.status,
        seconder_person_id: a.state.seconderId,
      });
    }
  }
  const substantive = JSON.stringify(after.motion);
  if (substantive !== JSON.stringify(motion.substantive ?? motion.text)) {
    await updateMotion(trx, motion.id, { substantive, updated_at: at });
  }
}

/** Saves a motion's new state (and the copies of it kept for listing). */
export const saveMotionState = (trx: Db, motionId: string, state: MotionState, at: string) =>
  updateMotion(trx, motionId, {
    state: JSON.stringify(state),
    status: state.status,
    seconder_person_id: state.seconderId,
    updated_at: at,
  });

/**
 * Takes a motion before the meeting one step through its lifecycle (motion.ts `transition`,
 * with the meeting's rules and attendance) and saves its new state.
 */
export async function advanceMotion(
  trx: Db,
  scope: MeetingScope,
  motion: MotionRow,
  event: MotionEvent,
  pendingAmendments?: number,
): Promise<MotionState> {
  const next = transition(
    motionStateOf(motion),
    event,
    transitionContext(scope, pendingAmendments),
  );
  await saveMotionState(trx, motion.id, next, scope.at);
  return next;
}

/**
 * Takes an amendment in the debate on a motion one step (debate.ts `amendmentEvent`: those left
 * impossible by it fall with it) and writes back what changed.
 */
export async function advanceAmendment(
  trx: Db,
  scope: MeetingScope,
  motion: MotionRow,
  { debate, rows }: { debate: DebateState; rows: readonly AmendmentRow[] },
  amendmentId: string,
  event: MotionEvent,
): Promise<DebateState> {
  const after = amendmentEvent(debate, amendmentId, event, transitionContext(scope));
  await saveDebate(trx, motion, rows, after, scope.at);
  return after;
}

/** The agenda may change until the meeting closes (or is cancelled). */
export function assertAgendaMayChange(scope: MeetingScope) {
  const { status } = scope.state;
  if (status === 'closed' || status === 'cancelled') {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `The meeting is ${status}; its agenda cannot change (state ${status}).`,
    );
  }
}

/** The motion before the meeting now (moved, seconded, in debate or being voted on), if any. */
export async function motionBeforeMeeting(db: Db, meetingId: string) {
  const motions = await listMotionsOfMeeting(db, meetingId);
  const before: readonly MotionStatus[] = BEFORE_THE_MEETING;
  return motions.find((m) => before.includes(m.status));
}
