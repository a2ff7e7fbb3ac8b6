import { DomainError, notFound } from '../../domain/errors.ts';
import { transition } from '../../domain/meetings/motion.ts';
import { motionDeadline } from '../../domain/meetings/notice.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findMeeting, lockMotion } from '../../db/queries/meetings.ts';
import { findMembership, isCurrentMember } from '../../db/queries/memberships.ts';
import { authorise } from '../shared/actor.ts';
import { appendAudit } from '../shared/audit-log.ts';
import { type AppContext, inTransaction, isoNow, today } from '../shared/context.ts';
import { loadRules, motionStateOf, motionTextOf, saveMotionState } from './meeting-support.ts';

/**
 * The proposer sends their motion in. The text is checked in full (motion.ts), the seconder who
 * seconded the draft is named, and a motion meant for a meeting must be in by its deadline
 * (MOTION_DEADLINE_PASSED).
 */
export function submitMotion(ctx: AppContext, props: { actor: Actor | null; motionId: string }) {
  if (!props.actor) throw new DomainError('NOT_SIGNED_IN', 'Sign in to submit a motion.');
  const actor = props.actor;
  return inTransaction(ctx, async (trx) => {
    const motion = await lockMotion(trx, props.motionId);
    if (!motion) throw notFound('That motion');
    await authorise(trx, actor, 'body.participate', motion.body_id, 'That motion');
    if (motion.proposer_person_id !== actor.personId) {
      throw new DomainError('FORBIDDEN', 'Only the proposer can submit their motion.');
    }
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
    await appendAudit(trx, {
      organisationId: motion.organisation_id,
      actorPersonId: actor.personId,
      action: 'motion.submitted',
      subject: `motion:${motion.id}`,
      data: { title: motion.title, seconderId: state.seconderId, meetingId: motion.meeting_id },
      at,
    });
    return { status: state.status };
  });
}
