import { expect } from 'vitest';
import { loadActor } from '../src/app/common/actor.ts';
import { addAgendaItem } from '../src/app/meetings/add-agenda-item.ts';
import type { AppContext } from '../src/app/common/context.ts';
import { draftMotion, type MotionTextInput } from '../src/app/meetings/draft-motion.ts';
import { importMembers } from '../src/app/organisations/import-members.ts';
import { openMeeting } from '../src/app/meetings/open-meeting.ts';
import { scheduleMeeting } from '../src/app/meetings/schedule-meeting.ts';
import { signInToMeeting } from '../src/app/meetings/sign-in-to-meeting.ts';
import { takeAmendmentStep } from '../src/app/meetings/amendment-step.ts';
import { moveAmendment } from '../src/app/meetings/move-amendment.ts';
import { submitMotion } from '../src/app/meetings/submit-motion.ts';
import { takeMotionStep } from '../src/app/meetings/take-motion-step.ts';
import { listCurrentMembers } from '../src/db/queries/meetings.ts';
import { upsertStandingOrders } from '../src/db/queries/standing-orders.ts';
import {
  presetStandingOrders,
  type PresetName,
  type StandingOrders,
} from '../src/domain/organisations/standing-orders.ts';
import type { SecretKind } from '../src/domain/meetings/motion.ts';
import type { api } from './http-client.ts';
import { giveAccounts } from './factories.ts';
import { northfield } from './story.ts';

/**
 * The Camden Town Group with 12 members ("Member 01" to "Member 12", imported on 1 July 2026,
 * each with an account)
 * under a preset's standing orders with a quorum of 3 (and any `rules` given), and its general
 * meeting of 20 July 2026 18:00, called with notice, in session with the first 10 signed in.
 * `motion`, drafted by member 0 and on the agenda, has been moved and seconded by member 1.
 * The clock must start on 1 July; it is moved to the meeting.
 */
export async function camdenInSession(
  ctx: AppContext & { setNow: (iso: string) => void },
  opts: {
    preset: PresetName;
    rules?: Partial<StandingOrders>;
    motion: MotionTextInput;
    secretKind?: SecretKind;
  },
) {
  const story = await northfield(ctx);
  const csv = [
    'Name,Email',
    ...Array.from(
      { length: 12 },
      (_, i) => `Member ${String(i + 1).padStart(2, '0')},m${i + 1}@example.org`,
    ),
  ].join('\n');
  await importMembers(ctx, { actor: story.admin, bodyId: story.camdenId, csv, dryRun: false });
  await upsertStandingOrders(ctx.db, {
    body_id: story.camdenId,
    preset: opts.preset,
    rules: JSON.stringify({
      ...presetStandingOrders(opts.preset),
      quorum: { kind: 'count', members: 3 },
      ...opts.rules,
    }),
    updated_at: ctx.now().toISOString(),
  });
  const ids = (await listCurrentMembers(ctx.db, story.camdenId, '2026-07-01')).map(
    (m) => m.person_id,
  );
  // They accepted their invitations: each can vote online.
  await giveAccounts(ctx, ids);
  /** Member `i` (0 to 11) as an actor on the day of the meeting. */
  const member = (i: number) => loadActor(ctx.db, ids[i]!, '2026-07-20');
  const chair = story.admin;
  const { meetingId } = await scheduleMeeting(ctx, {
    actor: chair,
    bodyId: story.camdenId,
    title: 'General meeting',
    startsAt: '2026-07-20T18:00:00Z',
    giveNotice: true,
  });
  const { motionId, text } = await draftMotion(ctx, {
    actor: await member(0),
    bodyId: story.camdenId,
    meetingId,
    text: opts.motion,
    secretKind: opts.secretKind,
  });
  await submitMotion(ctx, { actor: await member(0), motionId });
  await addAgendaItem(ctx, { actor: chair, meetingId, motionId });
  ctx.setNow('2026-07-20T18:00:00Z');
  for (const personId of ids.slice(0, 10))
    await signInToMeeting(ctx, { actor: chair, meetingId, personId });
  await openMeeting(ctx, { actor: chair, meetingId });
  await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'move' } });
  await takeMotionStep(ctx, { actor: chair, motionId, step: { type: 'second', by: ids[1] } });
  return { ...story, chair, ids, member, meetingId, motionId, text };
}

/**
 * An amendment to the motion before a meeting, recorded by the chair as moved by `by` and
 * seconded by `secondedBy`; returns what moving it returned.
 */
export async function amendmentSeconded(
  ctx: AppContext,
  props: Omit<Parameters<typeof moveAmendment>[1], 'by'> & { by: string; secondedBy: string },
) {
  const { secondedBy, ...move } = props;
  const moved = await moveAmendment(ctx, move);
  await takeAmendmentStep(ctx, {
    actor: props.actor,
    amendmentId: moved.amendmentId,
    step: { type: 'second', by: secondedBy },
  });
  return moved;
}

/**
 * Through the JSON API: `present` sign in to the meeting, the secretary opens it and the first
 * of them moves the motion on its agenda, each step checked as it goes.
 */
export async function openedWithMotionMoved(
  meeting: { secretary: ReturnType<typeof api>; meetingId: string; motionId: string },
  present: readonly [mover: ReturnType<typeof api>, ...others: ReturnType<typeof api>[]],
) {
  const { secretary, meetingId, motionId } = meeting;
  const [mover] = present;
  for (const member of present) await member('POST', `/meetings/${meetingId}/attendance`, {});
  expect((await secretary('POST', `/meetings/${meetingId}/open`)).body.ok).toBe(true);
  expect((await mover('POST', `/motions/${motionId}/steps`, { type: 'move' })).body.status).toBe(
    'moved',
  );
}
