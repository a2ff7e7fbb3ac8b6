import { listCurrentMembers } from '../db/queries/meetings.ts';
import { listInbox, listResolutionsOfBodies } from '../db/queries/resolutions.ts';
import { loadActor } from '../app/common/actor.ts';
import { answerCommunication } from '../app/resolutions/answer-communication.ts';
import { closeMeeting } from '../app/meetings/close-meeting.ts';
import type { AppContext } from '../app/common/context.ts';
import { openMeeting } from '../app/meetings/open-meeting.ts';
import { publishModelMotion } from '../app/resolutions/publish-model-motion.ts';
import { putCommunicationOnAgenda } from '../app/resolutions/put-communication-on-agenda.ts';
import { putQuestion } from '../app/meetings/put-question.ts';
import { recordVote } from '../app/meetings/record-vote.ts';
import { scheduleMeeting } from '../app/meetings/schedule-meeting.ts';
import { storyClock } from './seed-demo-meetings.ts';
import { signInToMeeting } from '../app/meetings/sign-in-to-meeting.ts';
import { takeMotionStep } from '../app/meetings/take-motion-step.ts';

/**
 * The resolutions part of the demo (DESIGN.md section 2, step 6), after Camden carried its
 * motion a fortnight ago: the National Coordinating Group's secretary ruled it in order and put
 * it on the Group's agenda; the Group carried it ten days ago and published its resolution as a
 * model motion to every local group. So the local groups' inboxes hold a model motion to adopt,
 * and the NEC's inbox holds Camden's resolution and the Group's, both waiting for an answer.
 */
export async function seedDemoResolutions(
  ctx: AppContext,
  props: { nationalId: string; secretaryId: string },
) {
  const { at, day, today } = storyClock(ctx);
  const secretary = await loadActor(ctx.db, props.secretaryId, today);
  const [received] = await listInbox(ctx.db, props.nationalId);
  if (!received) return;

  const { meetingId } = await scheduleMeeting(at(day(-20, 9)), {
    actor: secretary,
    bodyId: props.nationalId,
    title: 'July meeting of the Coordinating Group',
    startsAt: new Date(day(-10)).toISOString(),
    location: 'Northfield House',
    giveNotice: true,
  });
  const ruling = at(day(-13, 10));
  await answerCommunication(ruling, {
    actor: secretary,
    communicationId: received.id,
    answer: { type: 'acknowledge' },
  });
  await answerCommunication(ruling, {
    actor: secretary,
    communicationId: received.id,
    answer: { type: 'rule', inOrder: true },
  });
  const { motionId } = await putCommunicationOnAgenda(ruling, {
    actor: secretary,
    communicationId: received.id,
    meetingId,
  });

  const held = at(day(-10));
  const members = (await listCurrentMembers(ctx.db, props.nationalId, today)).map(
    (m) => m.person_id,
  );
  for (const personId of members)
    await signInToMeeting(held, { actor: secretary, meetingId, personId });
  await openMeeting(held, { actor: secretary, meetingId });
  await takeMotionStep(held, { actor: secretary, motionId, step: { type: 'move' } });
  const seconder = members.find((id) => id !== props.secretaryId)!;
  await takeMotionStep(held, {
    actor: secretary,
    motionId,
    step: { type: 'second', by: seconder },
  });
  const { questionId } = await putQuestion(held, {
    actor: secretary,
    motionId,
    mode: 'show-of-hands',
  });
  await recordVote(held, {
    actor: secretary,
    questionId,
    vote: {
      mode: 'show-of-hands',
      counts: { for: members.length - 2, against: 1, abstain: 1 },
    },
  });
  await closeMeeting(at(day(-10, 20)), { actor: secretary, meetingId });

  const [resolution] = await listResolutionsOfBodies(ctx.db, [props.nationalId]);
  if (resolution) {
    await publishModelMotion(at(day(-9, 10)), { actor: secretary, resolutionId: resolution.id });
  }
}
