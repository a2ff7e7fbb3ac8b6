import { DomainError } from '../../domain/errors.ts';
import { signOut } from '../../domain/meetings/meeting.ts';
import { checkQuorum } from '../../domain/meetings/quorum.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import { signOutAttendance } from '../../db/queries/meetings.ts';
import { type AppContext, inTransaction } from '../shared/context.ts';
import { auditMeeting, loadMeeting, publishMeeting } from './meeting-support.ts';

/** Signs a member out (themself, or anyone by the secretary or chair). Returns the quorum line. */
export async function signOutOfMeeting(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | undefined },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  const personId = props.personId ?? actor.personId;
  const result = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, actor, props.meetingId, 'body.participate');
    if (personId !== actor.personId && !can(actor, 'body.runMeetings', scope.loaded.inTree)) {
      throw new DomainError('FORBIDDEN', 'Only the secretary or chair can sign other members out.');
    }
    signOut(scope.attendance, { personId, at: scope.at });
    await signOutAttendance(trx, scope.meeting.id, personId, scope.at);
    await auditMeeting(trx, ctx, scope, actor, 'meeting.signedOut', { personId });
    const present = scope.presentIds.filter((id) => id !== personId).length;
    return checkQuorum(present, scope.members.length, scope.rules);
  });
  publishMeeting(ctx, props.meetingId, 'attendance', { ...result });
  return { quorum: result };
}
