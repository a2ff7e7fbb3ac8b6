import { transition } from '../../domain/meetings/motion.ts';
import { motionDeadline } from '../../domain/meetings/notice.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMeeting } from '../../db/queries/meetings.ts';
import { findMembership, isCurrentMember } from '../../db/queries/memberships.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow, today } from '../common/context.ts';
import {
  assertProposer,
  auditMotion,
  loadMotionOfBody,
  loadRules,
  motionStateOf,
  motionTextOf,
  saveMotionState,
} from './meeting-support.ts';

/**
 * The proposer sends their motion in. The text is checked in full (motion.ts), the seconder who
 * seconded the draft is named, and a motion meant for a meeting must be in by its deadline
 * (MOTION_DEADLINE_PASSED).
 */
export function submitMotion(ctx: AppContext, props: { actor: Actor | null; motionId: string }) {
  const actor = signedIn(props.actor, 'Sign in to submit a motion.');
  return inTransaction(ctx, async (trx) => {
    const motion = await loadMotionOfBody(trx, actor, props.motionId);
    assertProposer(motion, actor, 'Only the proposer can submit their motion.');
    const rules = await loadRules(trx, motion.body_id);
    const meeting = motion.meeting_id ? await findMeeting(trx, motion.meeting_id) : undefined;
    const at = isoNow(ctx);
    const day = today(ctx);
    const seconderId = motion.seconder_person_id;
    const state = transition(
      motionStateOf(motion),
      {
        type: 'submit',
        at,
        text: motionTextOf(motion),
        deadline: meeting
          ? motionDeadline({
              meetingStartsAt: meeting.starts_at,
              rules,
              timeZone: meeting.time_zone,
            })
          : null,
        ...(meeting ? { timeZone: meeting.time_zone } : {}),
        ...(seconderId
          ? {
              seconder: {
                personId: seconderId,
                isMember: await isCurrentMember(trx, motion.body_id, seconderId, day),
                isOfficer: !!(
                  (await findMembership(trx, motion.body_id, seconderId, 'secretary')) ??
                  (await findMembership(trx, motion.body_id, seconderId, 'chair'))
                ),
              },
            }
          : {}),
      },
      { rules },
    );
    await saveMotionState(trx, motion.id, state, at);
    await auditMotion(
      trx,
      motion,
      actor,
      'motion.submitted',
      { title: motion.title, seconderId: state.seconderId, meetingId: motion.meeting_id },
      at,
    );
    return { status: state.status };
  });
}
