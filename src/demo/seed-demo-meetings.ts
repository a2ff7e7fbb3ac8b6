import type { Actor } from '../domain/organisations/policy.ts';
import { listCurrentMembers } from '../db/queries/meetings.ts';
import { loadActor } from '../app/common/actor.ts';
import { addAgendaItem } from '../app/meetings/add-agenda-item.ts';
import { takeAmendmentStep } from '../app/meetings/amendment-step.ts';
import { closeMeeting } from '../app/meetings/close-meeting.ts';
import type { AppContext } from '../app/common/context.ts';
import { draftMotion, type MotionTextInput } from '../app/meetings/draft-motion.ts';
import { moveAmendment } from '../app/meetings/move-amendment.ts';
import { openMeeting } from '../app/meetings/open-meeting.ts';
import { putQuestion } from '../app/meetings/put-question.ts';
import { recordVote } from '../app/meetings/record-vote.ts';
import { scheduleMeeting } from '../app/meetings/schedule-meeting.ts';
import { secondMotion } from '../app/meetings/second-motion.ts';
import { signInToMeeting } from '../app/meetings/sign-in-to-meeting.ts';
import { submitMotion } from '../app/meetings/submit-motion.ts';
import { takeMotionStep } from '../app/meetings/take-motion-step.ts';

const DAY = 86_400_000;

/** The motion of DESIGN.md section 2, step 3. */
export const NO_CONFIDENCE: MotionTextInput = {
  title: 'No confidence in the Leader',
  clauses: [
    { kind: 'notes', text: 'that the Leader promised to consult the members on policy' },
    { kind: 'notes', text: 'that no consultation has taken place in two years' },
    { kind: 'notes', text: 'that the Leader overruled the conference decision on local democracy' },
    { kind: 'believes', text: 'that the Leader has lost the trust of the members' },
    { kind: 'believes', text: 'that a party run from the top cannot win' },
    { kind: 'believes', text: 'that the members must be heard' },
    {
      kind: 'calls-on',
      text: 'to pass a motion of no confidence in the Leader',
      bodyName: 'the Northfield Party NEC',
    },
    {
      kind: 'calls-on',
      text: 'to support this demand and publicise its support to all local groups',
      bodyName: 'the National Coordinating Group',
    },
  ],
};

const HOUSING: MotionTextInput = {
  title: 'Rent control now',
  clauses: [
    { kind: 'notes', text: 'that rents in Camden rose by a tenth last year' },
    { kind: 'believes', text: 'that secure homes are a right, not a privilege' },
    { kind: 'resolves', text: 'to campaign for rent control with the tenants’ unions' },
    {
      kind: 'instructs',
      text: 'to write to our councillors asking for their support',
      officer: 'the Secretary',
    },
  ],
};

/**
 * The clock of the demo's story: `at(t)` is the context as if it were then, so each use case
 * records the time it happened; `day(n, hour)` is `n` days from now at that hour (UTC).
 */
export function storyClock(ctx: AppContext) {
  const now = ctx.now().getTime();
  return {
    at: (t: number): AppContext => ({ ...ctx, now: () => new Date(t) }),
    day: (n: number, hour = 18) => {
      const d = new Date(now + n * DAY);
      d.setUTCHours(hour, 0, 0, 0);
      return d.getTime();
    },
    today: new Date(now).toISOString().slice(0, 10),
  };
}

/**
 * The meetings part of the demo (DESIGN.md section 2, steps 2–4), on the clock of the story:
 * the Camden Town Group's July general meeting, held a fortnight ago, where an amendment to
 * clause 3 was lost and the motion of no confidence carried 23–4–2, with its draft minutes;
 * and the next general meeting, called with notice, that the chair can run today from the
 * console, with a motion on its agenda.
 */
export async function seedDemoMeetings(
  ctx: AppContext,
  props: { camdenId: string; chairId: string; nationalId: string; necId?: string },
) {
  const { at, day, today } = storyClock(ctx);
  const chair = await loadActor(ctx.db, props.chairId, today);
  const members = await listCurrentMembers(ctx.db, props.camdenId, today);
  const ordinary = members.filter((m) => m.person_id !== props.chairId);
  const actor = (i: number): Promise<Actor> => loadActor(ctx.db, ordinary[i]!.person_id, today);
  const [proposer, seconder] = [await actor(0), await actor(1)];

  // The July general meeting: called with 7 clear days' notice, held a fortnight ago.
  const called = day(-23, 9);
  const { meetingId } = await scheduleMeeting(at(called), {
    actor: chair,
    bodyId: props.camdenId,
    title: 'July general meeting',
    startsAt: new Date(day(-14)).toISOString(),
    location: 'Camden Centre, Judd Street',
    giveNotice: true,
  });
  const motionText = {
    ...NO_CONFIDENCE,
    // Both bodies it calls on are on this server, so the carried resolution is delivered to
    // their inboxes (the NEC's in the other organisation).
    clauses: NO_CONFIDENCE.clauses.map((c, i) =>
      i === 7
        ? { ...c, bodyId: props.nationalId }
        : i === 6 && props.necId
          ? { ...c, bodyId: props.necId }
          : c,
    ),
  };
  const { motionId, text } = await draftMotion(at(day(-22, 20)), {
    actor: proposer,
    bodyId: props.camdenId,
    meetingId,
    text: motionText,
  });
  await secondMotion(at(day(-22, 21)), { actor: seconder, motionId });
  await submitMotion(at(day(-21, 10)), { actor: proposer, motionId });
  await addAgendaItem(at(day(-20, 10)), { actor: chair, meetingId, motionId });

  const held = at(day(-14));
  const present = [props.chairId, ...ordinary.slice(0, 28).map((m) => m.person_id)];
  for (const personId of present)
    await signInToMeeting(held, { actor: chair, meetingId, personId });
  await openMeeting(held, { actor: chair, meetingId });
  await takeMotionStep(held, { actor: chair, motionId, step: { type: 'move' } });
  await takeMotionStep(held, { actor: chair, motionId, step: { type: 'second' } });
  const { amendmentId } = await moveAmendment(held, {
    actor: chair,
    motionId,
    by: ordinary[2]!.person_id,
    change: {
      kind: 'delete-and-insert',
      clauseId: text.clauses[2]!.id,
      delete: 'overruled',
      insert: 'set aside',
    },
  });
  await takeAmendmentStep(held, {
    actor: chair,
    amendmentId,
    step: { type: 'second', by: ordinary[3]!.person_id },
  });
  const onAmendment = await putQuestion(held, { actor: chair, motionId, mode: 'show-of-hands' });
  await recordVote(held, {
    actor: chair,
    questionId: onAmendment.questionId,
    vote: { mode: 'show-of-hands', counts: { for: 8, against: 18, abstain: 3 } },
  });
  const onMotion = await putQuestion(held, { actor: chair, motionId, mode: 'show-of-hands' });
  await recordVote(held, {
    actor: chair,
    questionId: onMotion.questionId,
    vote: { mode: 'show-of-hands', counts: { for: 23, against: 4, abstain: 2 } },
  });
  await closeMeeting(at(day(-14, 19) + 45 * 60_000), { actor: chair, meetingId });

  // The next general meeting: notice given eight days ago, to be held today.
  const next = await scheduleMeeting(at(day(-8, 9)), {
    actor: chair,
    bodyId: props.camdenId,
    title: 'General meeting',
    startsAt: new Date(day(0, 19)).toISOString(),
    location: 'Camden Centre, Judd Street',
    giveNotice: true,
  });
  const housing = await draftMotion(at(day(-7, 20)), {
    actor: seconder,
    bodyId: props.camdenId,
    meetingId: next.meetingId,
    text: HOUSING,
  });
  await secondMotion(at(day(-7, 21)), { actor: proposer, motionId: housing.motionId });
  await submitMotion(at(day(-6, 10)), { actor: seconder, motionId: housing.motionId });
  await addAgendaItem(at(day(-5, 10)), {
    actor: chair,
    meetingId: next.meetingId,
    motionId: housing.motionId,
  });
  return { heldMeetingId: meetingId, nextMeetingId: next.meetingId };
}
