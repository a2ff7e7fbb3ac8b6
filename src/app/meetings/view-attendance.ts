import { quorumOf } from './meeting-support.ts';
import { findVisibleMeeting } from './meeting-support.ts';
import { describeQuorum } from '../../domain/meetings/quorum.ts';
import { maskEmail, showSignInCode, signInCodeWorks } from '../../domain/meetings/sign-in-code.ts';
import { forbidden } from '../../domain/errors.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import { listSignInCandidates, sharedNames } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { scopeOf } from './meeting-support.ts';

/** The most members the list shows at once; a search narrows a larger body down. */
export const ATTENDANCE_LIST_LIMIT = 300;

/**
 * The secretary's attendance list (secretary, chair, admin): the body's current members whose
 * name, member number or email contains `search`, by name, each ticked off when present; two
 * people of the same name are told apart by their member number, or by their email masked when
 * they have none. With the meeting's sign-in code while it works, for the door and the wall.
 */
export async function viewAttendance(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; search?: string | undefined },
) {
  const { meeting, loaded } = await findVisibleMeeting(ctx.db, props.actor, props.meetingId);
  if (!can(props.actor, 'body.runMeetings', loaded.inTree))
    throw forbidden("Only the body's chair, secretary or an administrator can do that.");
  const scope = await scopeOf(ctx.db, ctx, meeting, loaded);
  const search = (props.search ?? '').trim().toLowerCase().slice(0, 100);
  const rows = await listSignInCandidates(ctx.db, {
    bodyId: meeting.body_id,
    today: scope.today,
    search,
    limit: ATTENDANCE_LIST_LIMIT + 1,
  });
  const shown = rows.slice(0, ATTENDANCE_LIST_LIMIT);
  const shared = await sharedNames(
    ctx.db,
    meeting.body_id,
    scope.today,
    shown.map((r) => r.name),
  );
  const present = new Set(scope.presentIds);
  const quorum = quorumOf(scope);
  const code = meeting.sign_in_code;
  const codeWorks =
    !!code &&
    signInCodeWorks({
      status: meeting.status,
      startsAt: meeting.starts_at,
      timeZone: meeting.time_zone,
      now: ctx.now(),
    });
  return {
    id: meeting.id,
    title: meeting.title,
    status: meeting.status,
    body: { id: loaded.body.id, name: loaded.body.name },
    /** Sign-ins are taken until the meeting closes or is cancelled. */
    takesSignIns: meeting.status === 'scheduled' || meeting.status === 'open',
    signInCode: code && codeWorks ? { code, shown: showSignInCode(code) } : null,
    search,
    entries: shown.map((r) => ({
      personId: r.person_id,
      name: r.name,
      memberNumber: r.member_number,
      /** Their email masked, to tell them from another of the same name with no number. */
      maskedEmail: !r.member_number && shared.has(r.name.toLowerCase()) ? maskEmail(r.email) : null,
      present: present.has(r.person_id),
    })),
    /** More members match than the list shows: search to narrow it. */
    more: rows.length > ATTENDANCE_LIST_LIMIT,
    presentCount: scope.presentIds.length,
    quorum: { ...quorum, members: scope.members.length, words: describeQuorum(quorum) },
  };
}
export type AttendanceView = Awaited<ReturnType<typeof viewAttendance>>;
