import type { AppContext } from '../src/app/common/context.ts';
import { addAgendaItem } from '../src/app/meetings/add-agenda-item.ts';
import { draftMotion } from '../src/app/meetings/draft-motion.ts';
import { editStandingOrders } from '../src/app/organisations/edit-standing-orders.ts';
import { secondMotion } from '../src/app/meetings/second-motion.ts';
import { submitMotion } from '../src/app/meetings/submit-motion.ts';
import { takeMotionStep } from '../src/app/meetings/take-motion-step.ts';
import { NO_CONFIDENCE } from '../src/demo/seed-demo-meetings.ts';
import { openMeeting } from '../src/app/meetings/open-meeting.ts';
import { signInToMeeting } from '../src/app/meetings/sign-in-to-meeting.ts';
import { presetStandingOrders } from '../src/domain/organisations/standing-orders.ts';
import { scheduleMeeting } from '../src/app/meetings/schedule-meeting.ts';
import { addMembers, giveAccounts, sessionFor } from './factories.ts';
import { actorFor, northfield } from './story.ts';

/**
 * The Camden Town Group's general meeting (quorum 2), called with notice a week ago and open
 * now, with `members` members, each with a session and signed in, and the site administrator in
 * the chair.
 */
export async function openCamdenMeeting(
  ctx: AppContext,
  members = 5,
  opts: { withMotion?: boolean } = {},
) {
  const story = await northfield(ctx);
  const now = ctx.now().getTime();
  const called: AppContext = { ...ctx, now: () => new Date(now - 8 * 86_400_000) };
  const chair = await actorFor(ctx, story.adminId);
  await editStandingOrders(ctx, {
    actor: chair,
    bodyId: story.camdenId,
    rules: { ...presetStandingOrders('citrine'), quorum: { kind: 'count', members: 2 } },
  });
  const { meetingId } = await scheduleMeeting(called, {
    actor: chair,
    bodyId: story.camdenId,
    title: 'General meeting',
    startsAt: new Date(now).toISOString(),
    location: 'Camden Centre',
    giveNotice: true,
  });
  const people = await addMembers(ctx, story.camdenId, members);
  // Signed in on their phones, so each has an account and votes online (not on paper).
  await giveAccounts(
    ctx,
    people.map((p) => p.personId),
  );
  let motionId: string | null = null;
  if (opts.withMotion) {
    // The motion of no confidence, proposed and seconded by the first two members, on the
    // agenda before the meeting; moved and seconded once it opens.
    const [proposer, seconder] = [
      await actorFor(ctx, people[0]!.personId),
      await actorFor(ctx, people[1]!.personId),
    ];
    ({ motionId } = await draftMotion(called, {
      actor: proposer,
      bodyId: story.camdenId,
      meetingId,
      text: {
        ...NO_CONFIDENCE,
        clauses: [
          ...NO_CONFIDENCE.clauses.slice(0, 6),
          { kind: 'resolves', text: 'to make its view known to the Leader' },
        ],
      },
    }));
    await secondMotion(called, { actor: seconder, motionId });
    await submitMotion(called, { actor: proposer, motionId });
    await addAgendaItem(called, { actor: chair, meetingId, motionId });
  }
  for (const p of people)
    await signInToMeeting(ctx, { actor: chair, meetingId, personId: p.personId });
  await openMeeting(ctx, { actor: chair, meetingId });
  if (motionId) {
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'move' } });
    await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'second' } });
  }
  return {
    ...story,
    chair,
    chairToken: await sessionFor(ctx, story.adminId),
    meetingId,
    motionId,
    members: people,
  };
}

/** Reads server-sent events from a response body, one `{ id, event, data }` at a time. */
export function sseReader(res: Response, timeoutMs = 5000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ id: string | undefined; event: string; data: unknown }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          const field = (name: string) =>
            lines
              .find((l) => l.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const event = field('event');
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (event) return { id: field('id'), event, data: JSON.parse(data) };
          continue;
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('no event within the time')), timeoutMs);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}
