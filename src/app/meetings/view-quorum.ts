import { findVisibleMeeting } from './meeting-support.ts';
import { checkQuorum } from '../../domain/meetings/quorum.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { countCurrentMembers, countPresentMembers } from '../../db/queries/room.ts';
import { type AppContext, today } from '../common/context.ts';
import { loadRules, quorumOf, scopeOf } from './meeting-support.ts';
import { loadBodyWithTree } from '../common/actor.ts';

/**
 * The quorum of a meeting as it stands, from counts alone: what a screen is sent first when it
 * starts following the meeting. Someone who may not take part in the body is told the meeting
 * does not exist.
 */
export async function viewQuorum(
  ctx: AppContext,
  props: { actor: Actor | null; meetingId: string },
) {
  const { meeting } = await findVisibleMeeting(ctx.db, props.actor, props.meetingId);
  const day = today(ctx);
  const [rules, members, present] = await Promise.all([
    loadRules(ctx.db, meeting.body_id),
    countCurrentMembers(ctx.db, meeting.body_id, day),
    countPresentMembers(ctx.db, meeting.id, meeting.body_id, day),
  ]);
  if (!rules.proxies.allowed || !rules.proxies.countToQuorum)
    return { ...checkQuorum(present, members, rules), members, status: meeting.status };
  // Proxies count towards the quorum: which do depends on who is present, so from the scope.
  const scope = await scopeOf(
    ctx.db,
    ctx,
    meeting,
    await loadBodyWithTree(ctx.db, meeting.body_id),
  );
  return { ...quorumOf(scope), members, status: meeting.status };
}
