/**
 * Meetings as iCalendar: one meeting, and a body's meetings as a feed read with a session or with
 * the person's feed token (calendar-feed-token.ts).
 */
import { DomainError, notFound } from '../../domain/errors.ts';
import { meetingsCalendar, meetingUid } from '../../domain/meetings/icalendar.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findCalendarFeedByHash } from '../../db/queries/calendar-feeds.ts';
import { listMeetingsOfBody, type MeetingRow } from '../../db/queries/meetings.ts';
import { authoriseOrHide, loadActor } from '../common/actor.ts';
import type { AppContext } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import { findVisibleMeeting } from './meeting-support.ts';

const hostOf = (baseUrl: string) => new URL(baseUrl).host;

const calendarEntry = (ctx: AppContext, m: MeetingRow) => ({
  uid: meetingUid(m.id, hostOf(ctx.baseUrl)),
  title: m.title,
  startsAt: m.starts_at,
  location: m.location,
  url: `${ctx.baseUrl}/meetings/${m.id}`,
  status: m.status === 'cancelled' ? ('cancelled' as const) : ('confirmed' as const),
  sequence: m.sequence,
  updatedAt: m.updated_at,
});

/** One meeting as an iCalendar file. */
export async function meetingCalendar(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const { meeting, loaded } = await findVisibleMeeting(ctx.db, props.actor, props.meetingId);
  const { body } = loaded;
  return meetingsCalendar({
    meetings: [{ ...calendarEntry(ctx, meeting), title: `${body.name}: ${meeting.title}` }],
    generatedAt: ctx.now(),
  });
}

/**
 * A body's meetings feed read by a calendar app, without a session, with the person's feed
 * token (calendar-feed-token.ts). A wrong token, or one whose person may no longer see the body,
 * reads as a feed that does not exist.
 */
export async function bodyCalendarByToken(
  ctx: AppContext,
  props: { token: string; bodyId: string },
) {
  const feed = props.token
    ? await findCalendarFeedByHash(ctx.db, hashSecret(props.token))
    : undefined;
  if (!feed) throw notFound('That calendar');
  const actor = await loadActor(ctx.db, feed.person_id, ctx.now().toISOString().slice(0, 10));
  return bodyCalendar(ctx, { actor, bodyId: props.bodyId }).catch((error: unknown) => {
    throw error instanceof DomainError ? notFound('That calendar') : error;
  });
}

/** A body's meetings as an iCalendar feed. */
export async function bodyCalendar(
  ctx: AppContext,
  props: { actor: Actor | null; bodyId: string },
) {
  const { body } = await authoriseOrHide(
    ctx.db,
    props.actor,
    'body.participate',
    props.bodyId,
    'That body',
  );
  const meetings = await listMeetingsOfBody(ctx.db, body.id);
  return meetingsCalendar({
    meetings: meetings.map((m) => calendarEntry(ctx, m)),
    generatedAt: ctx.now(),
    name: `${body.name} meetings`,
  });
}
