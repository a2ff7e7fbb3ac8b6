import { quorumOf } from './meeting-support.ts';
import { listAttendance } from '../../db/queries/meetings.ts';
import { checkQuorum, type QuorumCheck } from '../../domain/meetings/quorum.ts';
import type { Action, Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import type { MotionRow } from '../../db/queries/meetings.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import {
  assertAgendaMayChange,
  assertInSession,
  assertOwnPartOrChair,
  loadMeeting,
  loadMotionAt,
  meetingIdOfMotion,
  publishMeeting,
  type MeetingScope,
} from './meeting-support.ts';

/**
 * The opening and the close every step taken at a meeting shares, so that each use case says
 * only what it needs, the rule it applies and what it records: the meeting loaded (and locked)
 * in one transaction with its rules and attendance, the actor's right checked, and, once the
 * step is committed, everyone following the meeting told what changed.
 */

/** What the screens following a meeting are told once a step is committed. */
export interface LiveChange {
  readonly type: string;
  readonly data?: Record<string, unknown>;
}

/** Who takes a step, and at which meeting: what every meeting step is given. */
export interface ActorAtMeeting {
  readonly actor: Actor | null;
  readonly meetingId: string;
}

export interface AtMeeting extends ActorAtMeeting {
  /** What the actor must be allowed to do in the meeting's body. */
  readonly may: Action;
  /** The step is taken only while the meeting is in session. */
  readonly inSession?: boolean;
}

/** Takes a step at a meeting in one transaction, then announces it (see the module comment). */
export async function stepAtMeeting<T>(
  ctx: AppContext,
  at: AtMeeting,
  step: (trx: Db, scope: MeetingScope) => Promise<T>,
  announce: (result: T) => LiveChange,
): Promise<T> {
  const result = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, at.actor, at.meetingId, at.may);
    if (at.inSession) assertInSession(scope);
    return step(trx, scope);
  });
  const change = announce(result);
  publishMeeting(ctx, at.meetingId, change.type, change.data);
  return result;
}

/**
 * Takes a step on a motion before a meeting in session: its meeting is found from the motion
 * and loaded first, then the motion (locks go meeting, then motion).
 */
export async function stepOnMotion<T>(
  ctx: AppContext,
  at: { readonly actor: Actor | null; readonly motionId: string; readonly may: Action },
  step: (trx: Db, scope: MeetingScope, motion: MotionRow) => Promise<T>,
  announce: (result: T) => LiveChange,
): Promise<T> {
  const meetingId = await meetingIdOfMotion(ctx.db, at.motionId);
  return stepAtMeeting(
    ctx,
    { actor: at.actor, meetingId, may: at.may, inSession: true },
    async (trx, scope) => step(trx, scope, await loadMotionAt(trx, ctx, scope, at.motionId)),
    announce,
  );
}

/**
 * Changes a meeting's agenda (secretary, chair, admin) while it may still change (until the
 * meeting closes or is cancelled); the screens following the meeting then reload it.
 */
export function changeAgenda<T>(
  ctx: AppContext,
  at: ActorAtMeeting,
  change: (trx: Db, scope: MeetingScope) => Promise<T>,
): Promise<T> {
  return stepAtMeeting(
    ctx,
    { actor: at.actor, meetingId: at.meetingId, may: 'body.runMeetings' },
    async (trx, scope) => {
      assertAgendaMayChange(scope);
      return change(trx, scope);
    },
    () => ({ type: 'agenda' }),
  );
}

/**
 * Signs someone in or out of a meeting: a member themself, or anyone by the secretary or chair
 * (`refusal` otherwise). `change` records it and says how many members are present after; the
 * quorum line as it then stands is returned and shown on every screen following the meeting.
 */
export async function changeAttendance(
  ctx: AppContext,
  props: {
    readonly actor: Actor | null;
    readonly meetingId: string;
    readonly personId?: string | undefined;
  },
  refusal: string,
  change: (trx: Db, scope: MeetingScope, actor: Actor, personId: string) => Promise<number>,
): Promise<{ quorum: QuorumCheck }> {
  const actor = signedIn(props.actor);
  const personId = props.personId ?? actor.personId;
  const quorum = await stepAtMeeting(
    ctx,
    { actor, meetingId: props.meetingId, may: 'body.participate' },
    async (trx, scope) => {
      assertOwnPartOrChair(scope, actor, personId, refusal);
      const present = await change(trx, scope, actor, personId);
      if (!scope.proxies.length) return checkQuorum(present, scope.members.length, scope.rules);
      // Proxies count only for members present: who is present now decides which.
      const memberIds = new Set(scope.members.map((m) => m.person_id));
      const presentIds = [
        ...new Set(
          (await listAttendance(trx, scope.meeting.id))
            .filter((a) => a.signed_out_at === null && memberIds.has(a.person_id))
            .map((a) => a.person_id),
        ),
      ];
      return quorumOf({ ...scope, presentIds });
    },
    (line) => ({ type: 'attendance', data: { ...line } }),
  );
  return { quorum };
}
