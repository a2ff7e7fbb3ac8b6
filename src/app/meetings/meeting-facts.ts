import { quorumOf } from './meeting-support.ts';
import { nextQuestion } from '../../domain/meetings/debate.ts';
import { BEFORE_THE_MEETING, type MotionStatus } from '../../domain/meetings/motion.ts';
import { assertOffered, type MeetingFacts, type Step } from '../../domain/meetings/next-steps.ts';
import { mayOpenMeeting } from '../../domain/meetings/notice.ts';
import type { Db } from '../../db/database.ts';
import { findQuestionPut, listAgenda, listMotionsOfMeeting } from '../../db/queries/meetings.ts';
import type { AppContext } from '../common/context.ts';
import { loadDebate, type MeetingScope } from './meeting-support.ts';

/**
 * The facts the meeting's legal next steps are read from (next-steps.ts): what the console
 * offers and what each step's use case accepts come from this one reading.
 */
export async function meetingFacts(
  db: Db,
  ctx: AppContext,
  scope: MeetingScope,
): Promise<MeetingFacts> {
  const { meeting, rules } = scope;
  const [motions, agenda, put] = await Promise.all([
    listMotionsOfMeeting(db, meeting.id),
    listAgenda(db, meeting.id),
    findQuestionPut(db, meeting.id),
  ]);
  const before: readonly MotionStatus[] = BEFORE_THE_MEETING;
  const current = motions.find((m) => before.includes(m.status));
  const onAgenda = new Set(motions.filter((m) => m.status === 'on-agenda').map((m) => m.id));
  const debate = current ? (await loadDebate(db, current, rules)).debate : null;
  const question = debate ? nextQuestion(debate) : null;
  const quorum = quorumOf({ ...scope, rules });
  return {
    status: meeting.status,
    mayOpen: mayOpenMeeting({
      noticeGivenAt: meeting.notice_given_at,
      opensAt: ctx.now(),
      rules,
      emergency: meeting.emergency === 1,
      timeZone: meeting.time_zone,
    }).allowed,
    questionPut: !!put,
    quorumMet: quorum.met,
    quorum,
    present: scope.presentIds.length,
    amendmentOrder: rules.amendmentOrder,
    onAgenda: agenda.flatMap((a) =>
      a.motion_id && onAgenda.has(a.motion_id) ? [a.motion_id] : [],
    ),
    current:
      current && debate
        ? {
            id: current.id,
            status: current.status,
            amendments: debate.amendments.map((a) => ({ id: a.id, status: a.state.status })),
            questionOn: question?.kind === 'amendment' ? question.amendmentId : null,
          }
        : null,
  };
}

/** Refuses a step the meeting's legal next steps do not hold now (next-steps.ts). */
export async function assertStepOffered(db: Db, ctx: AppContext, scope: MeetingScope, step: Step) {
  assertOffered(await meetingFacts(db, ctx, scope), step);
}
