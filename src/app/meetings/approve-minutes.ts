import { DomainError, notFound } from '../../domain/errors.ts';
import { approveMinutes as approve } from '../../domain/meetings/minutes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMeeting, findMinutes, updateMinutes } from '../../db/queries/meetings.ts';
import { type AppContext, inTransaction } from '../shared/context.ts';
import { minutesOf } from './draft-minutes.ts';
import { publishMinutes } from './publish-minutes.ts';
import {
  assertInSession,
  auditMeeting,
  loadMeeting,
  publishMeeting,
  recordEvent,
} from './meeting-support.ts';

/**
 * A later meeting of the same body, in session, approves the minutes of an earlier one as a
 * correct record (RONR §48); they are locked from then on (MINUTES_LOCKED).
 */
export async function approveMinutes(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; atMeetingId: string },
) {
  await inTransaction(ctx, async (trx) => {
    const scope = await loadMeeting(trx, ctx, props.actor, props.atMeetingId, 'body.runMeetings');
    assertInSession(scope);
    const earlier = await findMeeting(trx, props.meetingId);
    if (!earlier || earlier.body_id !== scope.meeting.body_id) throw notFound('That meeting');
    if (earlier.id === scope.meeting.id || earlier.starts_at >= scope.meeting.starts_at) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        'Minutes are approved at a later meeting of the body, not at the meeting they record.',
      );
    }
    const row = await findMinutes(trx, earlier.id);
    if (!row) throw new DomainError('NOT_FOUND', 'That meeting has no minutes yet.');
    const minutes = approve(minutesOf(row), { at: scope.at, meetingRef: scope.meeting.title });
    await updateMinutes(trx, earlier.id, {
      status: minutes.status,
      approved_at: minutes.approvedAt,
      approved_at_meeting: scope.meeting.id,
      updated_at: scope.at,
    });
    await recordEvent(trx, scope, {
      type: 'note',
      text: `The minutes of the ${earlier.title} were approved as a correct record.`,
    });
    await auditMeeting(
      trx,
      ctx,
      scope,
      props.actor,
      'minutes.approved',
      {
        minutesOf: earlier.id,
      },
      `meeting:${earlier.id}`,
    );
    await publishMinutes(trx, ctx, {
      meeting: earlier,
      bodyName: scope.loaded.body.name,
      actorPersonId: props.actor?.personId ?? null,
      at: scope.at,
    });
  });
  publishMeeting(ctx, props.meetingId, 'minutes');
  publishMeeting(ctx, props.atMeetingId, 'minutes');
}
