import { DomainError } from '../../domain/errors.ts';
import { renderMinutesText } from '../../domain/meetings/minutes.ts';
import { can, type Actor } from '../../domain/organisations/policy.ts';
import { findMinutes, listMeetingsOfBody } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { minutesOf } from './draft-minutes.ts';
import { findVisibleMeeting } from './meeting-support.ts';
import { presentMeeting } from './view-meeting.ts';

/** The minutes of a meeting, with the later open meetings of the body that may approve them. */
export async function viewMinutes(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const { meeting, loaded } = await findVisibleMeeting(ctx.db, props.actor, props.meetingId);
  const { body, inTree } = loaded;
  const row = await findMinutes(ctx.db, meeting.id);
  if (!row) throw new DomainError('NOT_FOUND', 'This meeting has no minutes yet.');
  const minutes = minutesOf(row);
  const later = (await listMeetingsOfBody(ctx.db, body.id)).filter(
    (m) => m.status === 'open' && m.starts_at > meeting.starts_at,
  );
  return {
    meeting: presentMeeting(meeting),
    body: { id: body.id, name: body.name },
    ...minutes,
    text: renderMinutesText(minutes),
    canEdit: can(props.actor, 'body.runMeetings', inTree) && minutes.status === 'draft',
    approvableAt: can(props.actor, 'body.runMeetings', inTree)
      ? later.map((m) => ({ id: m.id, title: m.title }))
      : [],
  };
}
