import { signIn } from '../../domain/meetings/meeting.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { insertAttendance } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { auditMeeting, participant } from './meeting-support.ts';
import { changeAttendance } from './meeting-step.ts';
import { newId } from '../common/secrets.ts';

/**
 * Signs a member in to a meeting: a member signs themself in; the secretary, chair or an admin
 * can sign anyone in. Only members of the body count towards the quorum, so only they sign in.
 * Returns the quorum line as it now stands.
 */
export function signInToMeeting(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; personId?: string | undefined },
) {
  const refusal = 'Only the secretary or chair can sign other members in.';
  return changeAttendance(ctx, props, refusal, async (trx, scope, actor, personId) => {
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
    return scope.presentIds.length + (added ? 1 : 0);
  });
}
