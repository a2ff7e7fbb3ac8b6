import { signOut } from '../../domain/meetings/meeting.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { signOutAttendance } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { auditMeeting } from './meeting-support.ts';
import { changeAttendance } from './meeting-step.ts';

/** Signs a member out (themself, or anyone by the secretary or chair). Returns the quorum line. */
export function signOutOfMeeting(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | undefined },
) {
  const refusal = 'Only the secretary or chair can sign other members out.';
  return changeAttendance(ctx, props, refusal, async (trx, scope, actor, personId) => {
    signOut(scope.attendance, { personId, at: scope.at });
    await signOutAttendance(trx, scope.meeting.id, personId, scope.at);
    await auditMeeting(trx, ctx, scope, actor, 'meeting.signedOut', { personId });
    return scope.presentIds.filter((id) => id !== personId).length;
  });
}
