import { notFound } from '../../domain/errors.ts';
import { checkQuorum } from '../../domain/meetings/quorum.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import { countCurrentMembers, countPresentMembers } from '../../db/queries/room.ts';
import { authoriseOrHide } from '../common/actor.ts';
import { type AppContext, today } from '../common/context.ts';
import { loadRules } from './meeting-support.ts';

/**
 * The quorum of a meeting as it stands, from counts alone: what a screen is sent first when it
 * starts following the meeting. Someone who may not take part in the body is told the meeting
 * does not exist.
 */
export async function viewQuorum(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const meeting = await findMeeting(ctx.db, props.meetingId);
  if (!meeting) throw notFound('That meeting');
  await authoriseOrHide(ctx.db, props.actor, 'body.participate', meeting.body_id, 'That meeting');
  const day = today(ctx);
  const [rules, members, present] = await Promise.all([
    loadRules(ctx.db, meeting.body_id),
    countCurrentMembers(ctx.db, meeting.body_id, day),
    countPresentMembers(ctx.db, meeting.id, meeting.body_id, day),
  ]);
  return { ...checkQuorum(present, members, rules), members, status: meeting.status };
}
