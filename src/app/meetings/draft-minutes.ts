import { DomainError, notFound } from '../../domain/errors.ts';
import {
  draftMinutes,
  editMinutes,
  newMinutes,
  type Minutes,
} from '../../domain/meetings/minutes.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import {
  findMeeting,
  findMinutes,
  insertMinutes,
  listMeetingEvents,
  updateMinutes,
  type MeetingRow,
  type MinutesRow,
} from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { minutesWords } from '../../messages/minutes-words.ts';
import { auditMeeting, publishMeeting, type MeetingScope } from './meeting-support.ts';
import { stepAtMeeting, type ActorAtMeeting } from './meeting-step.ts';

export const minutesOf = (row: MinutesRow): Minutes => ({
  status: row.status,
  document: row.document,
  approvedAt: row.approved_at,
  approvedAtMeeting: row.approved_at_meeting,
  corrections: row.corrections,
});

/**
 * The minutes of an earlier meeting of the body, taken up at a later meeting in session
 * (secretary, chair, admin): approved or corrected there (approval needs a later meeting than
 * the one they record). `takeUp` changes them and records it; the screens of both meetings are
 * then told the minutes changed.
 */
export async function takeUpMinutes(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string; atMeetingId: string },
  { approving }: { approving: boolean },
  takeUp: (trx: Db, scope: MeetingScope, earlier: MeetingRow, minutes: Minutes) => Promise<void>,
) {
  await stepAtMeeting(
    ctx,
    { actor: props.actor, meetingId: props.atMeetingId, may: 'body.runMeetings', inSession: true },
    async (trx, scope) => {
      const earlier = await findMeeting(trx, props.meetingId);
      if (!earlier || earlier.body_id !== scope.meeting.body_id) throw notFound('That meeting');
      const atTheMeetingRecorded =
        earlier.id === scope.meeting.id || earlier.starts_at >= scope.meeting.starts_at;
      if (approving && atTheMeetingRecorded) {
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          'Minutes are approved at a later meeting of the body, not at the meeting they record.',
        );
      }
      const row = await findMinutes(trx, earlier.id);
      if (!row) throw new DomainError('NOT_FOUND', 'That meeting has no minutes yet.');
      await takeUp(trx, scope, earlier, minutesOf(row));
    },
    () => ({ type: 'minutes' }),
  );
  publishMeeting(ctx, props.meetingId, 'minutes');
}

/** The minutes as drafted from the meeting's events (pure: the same events, the same text). */
export async function generateDocument(db: Db, scope: MeetingScope) {
  const events = (await listMeetingEvents(db, scope.meeting.id)).map((e) => e.event);
  return draftMinutes({
    meeting: {
      bodyName: scope.loaded.body.name,
      title: scope.meeting.title,
      startsAt: scope.meeting.starts_at,
      ...(scope.meeting.location ? { place: scope.meeting.location } : {}),
    },
    events,
    timeZone: scope.meeting.time_zone,
    // Drafted as whoever drafts them reads (the secretary or chair closing the meeting).
    words: minutesWords(),
  });
}

/** Writes the draft minutes (first time) or replaces the draft's text (never approved minutes). */
export async function writeDraftMinutes(trx: Db, scope: MeetingScope) {
  const document = await generateDocument(trx, scope);
  const existing = await findMinutes(trx, scope.meeting.id);
  if (!existing) {
    const minutes = newMinutes(document);
    await insertMinutes(trx, {
      meeting_id: scope.meeting.id,
      status: minutes.status,
      document: JSON.stringify(minutes.document),
      approved_at: null,
      approved_at_meeting: null,
      corrections: '[]',
      updated_at: scope.at,
    });
    return minutes;
  }
  const minutes = editMinutes(minutesOf(existing), document);
  await updateMinutes(trx, scope.meeting.id, {
    document: JSON.stringify(minutes.document),
    updated_at: scope.at,
  });
  return minutes;
}

/**
 * Drafts the minutes again from what happened, replacing the secretary's edits (secretary,
 * chair, admin). Refused once approved (MINUTES_LOCKED) and before the meeting has closed.
 */
export function redraftMinutes(ctx: AppContext, props: ActorAtMeeting) {
  return stepAtMeeting(
    ctx,
    { ...props, may: 'body.runMeetings' },
    async (trx, scope) => {
      if (scope.state.status !== 'closed') {
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          'Minutes are drafted once the meeting has closed (state ' + scope.state.status + ').',
        );
      }
      const minutes = await writeDraftMinutes(trx, scope);
      await auditMeeting(trx, ctx, scope, props.actor, 'minutes.redrafted', {});
      return minutes;
    },
    () => ({ type: 'minutes' }),
  );
}
