import { openMeeting as open } from '../../domain/meetings/meeting.ts';
import { namesOf, updateMeeting } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { attendanceOf, auditMeeting, recordEvent } from './meeting-support.ts';
import { stepAtMeeting, type ActorAtMeeting } from './meeting-step.ts';
import { recordSignIns } from './record-sign-ins.ts';
import { freshSignInCode } from './sign-in-by-code.ts';
import { assertStepOffered } from './meeting-facts.ts';

/**
 * The chair opens the meeting: refused before the notice has run (NOTICE_NOT_GIVEN, unless it
 * was called as an emergency meeting the standing orders allow) and without a quorum
 * (QUORUM_NOT_MET). The actor takes the chair and, if a member of the body, is signed in first
 * (so counts towards the quorum). A meeting called before sign-in codes existed gets its code.
 */
export async function openMeeting(ctx: AppContext, props: ActorAtMeeting) {
  const quorum = await stepAtMeeting(
    ctx,
    { ...props, may: 'body.runMeetings' },
    async (trx, opening) => {
      // Whoever opens it is in the room and takes the chair: signed in first (a member of the
      // body only), so they count towards the quorum checked next.
      const chairId = props.actor?.personId ?? null;
      const isMember = opening.members.some((m) => m.person_id === chairId);
      const { scope } =
        chairId && isMember
          ? await recordSignIns(trx, ctx, opening, props.actor, [chairId])
          : { scope: opening };
      const { present, members } = attendanceOf(scope);
      const opened = open(scope.state, {
        at: scope.at,
        rules: scope.rules,
        present,
        members,
        timeZone: scope.meeting.time_zone,
      });
      // The console offers "open" only when the rules allow it (next-steps.ts); neither does this.
      await assertStepOffered(trx, ctx, scope, { type: 'open' });
      await updateMeeting(trx, scope.meeting.id, {
        status: opened.meeting.status,
        opened_at: opened.meeting.openedAt,
        emergency: opened.meeting.emergency ? 1 : 0,
        chair_person_id: chairId,
        sign_in_code: scope.meeting.sign_in_code ?? (await freshSignInCode(trx)),
        updated_at: scope.at,
      });
      const chair = chairId
        ? ((await namesOf(trx, [chairId])).get(chairId) ?? 'the chair')
        : 'the chair';
      await recordEvent(trx, scope, {
        type: 'opened',
        at: scope.at,
        chair,
        present,
        members,
        quorum: opened.quorum.required,
      });
      await auditMeeting(trx, ctx, scope, props.actor, 'meeting.opened', {
        present,
        members,
        quorum: opened.quorum.required,
        emergency: opened.meeting.emergency,
      });
      return opened.quorum;
    },
    (quorum) => ({ type: 'opened', data: { ...quorum } }),
  );
  return { quorum };
}
