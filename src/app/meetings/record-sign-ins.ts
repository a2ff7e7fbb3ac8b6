import { signIn, type Attendance } from '../../domain/meetings/meeting.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { insertAttendance } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { newId } from '../common/secrets.ts';
import { auditMeeting, type MeetingScope } from './meeting-support.ts';

/**
 * Signs several members in at once inside the caller's transaction (the secretary's list, the
 * officers as the meeting opens): each is checked by the domain's rule (members only, not after
 * the close; someone already present is left as they are), stored, and given its own
 * `meeting.signedIn` audit entry, the same as a member signing in alone, so the audit chain
 * reads one way however people came in. Returns the scope with the attendance as it now is,
 * and who was added. Not a use case itself.
 */
export async function recordSignIns(
  trx: Db,
  ctx: AppContext,
  scope: MeetingScope,
  actor: Actor | null,
  personIds: readonly string[],
): Promise<{ scope: MeetingScope; added: string[] }> {
  const memberIds = new Set(scope.members.map((m) => m.person_id));
  let attendance: readonly Attendance[] = scope.attendance;
  const added: string[] = [];
  for (const personId of new Set(personIds)) {
    const records = signIn(attendance, {
      meeting: scope.state,
      personId,
      isMember: memberIds.has(personId),
      at: scope.at,
      by: actor?.personId ?? null,
    });
    if (records.length === attendance.length) continue;
    const record = records[records.length - 1]!;
    await insertAttendance(trx, {
      id: newId(),
      meeting_id: scope.meeting.id,
      person_id: personId,
      signed_in_at: record.inAt,
      signed_out_at: null,
      signed_in_by: record.signedInBy,
    });
    await auditMeeting(trx, ctx, scope, actor, 'meeting.signedIn', {
      personId,
      by: record.signedInBy,
    });
    attendance = records;
    added.push(personId);
  }
  const presentIds = [...new Set([...scope.presentIds, ...added])].sort();
  return { scope: { ...scope, attendance, presentIds }, added };
}
