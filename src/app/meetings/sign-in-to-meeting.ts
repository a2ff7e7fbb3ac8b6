import { DomainError } from '../../domain/errors.ts';
import { signIn } from '../../domain/meetings/meeting.ts';
import { checkQuorum } from '../../domain/meetings/quorum.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import { insertAttendance } from '../../db/queries/meetings.ts';
import { type AppContext, inTransaction } from '../shared/context.ts';
import { auditMeeting, loadMeeting, participant, publishMeeting } from './meeting-support.ts';
import { newId } from '../shared/secrets.ts';

/**
 * Signs a member in to a meeting: a member signs themself in; the secretary, chair or an admin
 * can sign anyone in. Only members of the body count towards the quorum, so only they sign in.
 * Returns the quorum line as it now stands.
 */
export async function signInToMeeting(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | undefined },
) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in first.');
  const actor = props.actor;
  const personId = props.personId ?? actor.personId;
  const result = await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, actor, props.meetingId, 'body.participate');
    if (personId !== actor.personId && !can(actor, 'body.runMeetings', scope.loaded.inTree)) {
      throw new DomainError('FORBIDDEN', 'Only the secretary or chair can sign other members in.');
    }
    const who = await participant(trx, scope, personId);
    const before = scope.attendance.length;
    const records = signIn(scope.attendance, {
      meeting: scope.state,
      personId,
      isMember: who.isMember,
      at: scope.at,
      by: actor.personId,
    });
    const added = records.length > before ? records[records.length - 1]! : null;
    if (added) {
      await insertAttendance(trx, {
        id: newId(),
        meeting_id: scope.meeting.id,
        person_id: personId,
        signed_in_at: added.inAt,
        signed_out_at: null,
        signed_in_by: added.signedInBy,
      });
      await auditMeeting(trx, ctx, scope, actor, 'meeting.signedIn', {
        personId,
        by: added.signedInBy,
      });
    }
    const present = scope.presentIds.length + (added ? 1 : 0);
    return checkQuorum(present, scope.members.length, scope.rules);
  });
  publishMeeting(ctx, props.meetingId, 'attendance', { ...result });
  return { quorum: result };
}
