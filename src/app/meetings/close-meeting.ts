import { closeMeeting as close } from '../../domain/meetings/meeting.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { findQuestionPut, updateMeeting } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { writeDraftMinutes } from './draft-minutes.ts';
import { auditMeeting, recordEvent, type MeetingScope } from './meeting-support.ts';
import { stepAtMeeting, type ActorAtMeeting } from './meeting-step.ts';

/** Closes the meeting in the caller's transaction and drafts its minutes (also on adjournment). */
export async function closeIn(trx: Db, ctx: AppContext, scope: MeetingScope, actor: Actor | null) {
  // A secret ballot of those present ends with its declared result, before the meeting ends.
  const put = await findQuestionPut(trx, scope.meeting.id);
  if (put?.ballot_id) {
    throw new DomainError(
      'QUESTION_ALREADY_PUT',
      `The secret ballot on "${put.wording}" has not been declared: close it (and give or decline a casting vote) first.`,
    );
  }
  const closed = close(scope.state, scope.at);
  await updateMeeting(trx, scope.meeting.id, {
    status: closed.status,
    closed_at: closed.closedAt,
    updated_at: scope.at,
  });
  await recordEvent(trx, scope, { type: 'closed', at: scope.at });
  await writeDraftMinutes(trx, scope);
  await auditMeeting(trx, ctx, scope, actor, 'meeting.closed', {
    present: scope.presentIds.length,
  });
}

/** The chair closes the meeting; its minutes are drafted at once from what happened. */
export async function closeMeeting(ctx: AppContext, props: ActorAtMeeting) {
  await stepAtMeeting(
    ctx,
    { ...props, may: 'body.runMeetings' },
    (trx, scope) => closeIn(trx, ctx, scope, props.actor),
    () => ({ type: 'closed' }),
  );
}
