import { signOut } from '../../domain/meetings/meeting.ts';
import { checkQuorum } from '../../domain/meetings/quorum.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { signOutAttendance } from '../../db/queries/meetings.ts';
import { signedIn } from '../shared/actor.ts';
import type { AppContext } from '../shared/context.ts';
import { assertOwnPartOrChair, auditMeeting } from './meeting-support.ts';
import { stepAtMeeting } from './meeting-step.ts';
import { attendanceChanged } from './sign-in-to-meeting.ts';

/** Signs a member out (themself, or anyone by the secretary or chair). Returns the quorum line. */
export async function signOutOfMeeting(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | undefined },
) {
  const actor = signedIn(props.actor);
  const personId = props.personId ?? actor.personId;
  const quorum = await stepAtMeeting(
    ctx,
    { actor, meetingId: props.meetingId, may: 'body.participate' },
    async (trx, scope) => {
      assertOwnPartOrChair(
        scope,
        actor,
        personId,
        'Only the secretary or chair can sign other members out.',
      );
      signOut(scope.attendance, { personId, at: scope.at });
      await signOutAttendance(trx, scope.meeting.id, personId, scope.at);
      await auditMeeting(trx, ctx, scope, actor, 'meeting.signedOut', { personId });
      const present = scope.presentIds.filter((id) => id !== personId).length;
      return checkQuorum(present, scope.members.length, scope.rules);
    },
    attendanceChanged,
  );
  return { quorum };
}
