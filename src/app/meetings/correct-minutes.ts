import { invalid } from '../../domain/errors.ts';
import { correctMinutes as correct } from '../../domain/meetings/minutes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { updateMinutes } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { takeUpMinutes } from './draft-minutes.ts';
import { auditMeeting, recordEvent } from './meeting-support.ts';

/**
 * Records a correction to approved minutes, decided at a later meeting of the body in session.
 * Approved minutes are never rewritten: the correction is appended, with the meeting that made
 * it, and shown after the record (DESIGN.md section 3: minutes are locked once approved).
 */
export async function correctMinutes(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; atMeetingId: string; text: string },
) {
  const text = props.text.trim();
  if (!text || text.length > 5000) {
    throw invalid('Write the correction (up to 5,000 characters).', [
      { path: 'text', message: 'Write the correction.' },
    ]);
  }
  await takeUpMinutes(ctx, props, { approving: false }, async (trx, scope, earlier, approved) => {
    const minutes = correct(approved, {
      at: scope.at,
      meetingRef: scope.meeting.title,
      text,
    });
    await updateMinutes(trx, earlier.id, {
      corrections: JSON.stringify(minutes.corrections),
      updated_at: scope.at,
    });
    await recordEvent(trx, scope, {
      type: 'note',
      text: `A correction to the minutes of the ${earlier.title} was recorded: ${text}`,
    });
    await auditMeeting(
      trx,
      ctx,
      scope,
      props.actor,
      'minutes.corrected',
      { minutesOf: earlier.id, text },
      `meeting:${earlier.id}`,
    );
  });
}
