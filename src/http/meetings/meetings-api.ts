import { z } from '@hono/zod-openapi';
import { approveMinutes } from '../../app/meetings/approve-minutes.ts';
import { correctMinutes } from '../../app/meetings/correct-minutes.ts';
import { redraftMinutes } from '../../app/meetings/draft-minutes.ts';
import { draftMotion } from '../../app/meetings/draft-motion.ts';
import { editMinutes } from '../../app/meetings/edit-minutes.ts';
import { listMotions } from '../../app/meetings/view-meeting.ts';
import { viewMinutes } from '../../app/meetings/view-minutes.ts';
import {
  actionRoute,
  type Api,
  conflict,
  json,
  Ok,
  okWith,
  stepRoute,
  unprocessable,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import {
  ApproveMinutes,
  CorrectMinutes,
  DraftMotion,
  EditMinutes,
  RedraftMinutes,
} from './motion-schema.ts';
import { meetingApi } from './meeting-api.ts';
import { Minutes, MotionList } from './views.ts';
import { MotionText } from '../view-schemas.ts';

/**
 * The meetings part of the JSON API (/api/v1): meetings, attendance, agenda and procedural
 * motions (meeting-api.ts), motions drafted for a body, and minutes. Every body is validated
 * here; every refusal of the rules comes back with the domain's code (QUORUM_NOT_MET,
 * NOT_SECONDED, ILLEGAL_TRANSITION, ...) as `{ ok: false, error, message }`.
 */

export function meetingsApi(api: Api, opts: HttpOptions) {
  const { ctx } = opts;
  meetingApi(api, opts);

  // ---- Motions of a body -----------------------------------------------------------------

  viewRoute(api, {
    path: '/bodies/{id}/motions',
    summary: "A body's motions, newest first",
    description: 'Motions',
    schema: MotionList,
    view: (actor, bodyId) => listMotions(ctx, { actor, bodyId }),
  });

  actionRoute(api, {
    path: '/bodies/{id}/motions',
    summary: 'Draft a motion (I am its proposer); meetingId names the meeting it is for',
    action: DraftMotion,
    answer: json(okWith({ motionId: z.string(), text: MotionText }), 'Drafted'),
    status: 201,
    refusals: unprocessable,
    run: async (actor, bodyId, { meetingId, secretKind, ...text }) => {
      const result = await draftMotion(ctx, { actor, bodyId, meetingId, secretKind, text });
      return { motionId: result.motionId, text: result.text };
    },
  });

  minutesApi(api, opts);
}

function minutesApi(api: Api, { ctx }: HttpOptions) {
  // ---- Minutes ----------------------------------------------------------------------------

  viewRoute(api, {
    path: '/meetings/{id}/minutes',
    summary: 'The minutes of a meeting (draft, or approved and locked), with their plain text',
    description: 'The minutes',
    schema: Minutes,
    view: (actor, meetingId) => viewMinutes(ctx, { actor, meetingId }),
  });

  actionRoute(api, {
    method: 'put',
    path: '/meetings/{id}/minutes',
    summary: 'Edit the draft minutes (secretary, chair, admin); MINUTES_LOCKED once approved',
    action: EditMinutes,
    answer: json(Ok, 'Saved'),
    refusals: conflict,
    run: (actor, meetingId, { document }) => editMinutes(ctx, { actor, meetingId, document }),
  });

  stepRoute(api, {
    path: '/meetings/{id}/minutes/redraft',
    summary: "Draft the minutes again from what happened, replacing the secretary's edits",
    action: RedraftMinutes,
    run: async (actor, meetingId) => {
      await redraftMinutes(ctx, { actor, meetingId });
    },
  });

  actionRoute(api, {
    path: '/meetings/{id}/minutes/approve',
    summary: 'Approve the minutes as a correct record at a later meeting, in session; they lock',
    action: ApproveMinutes,
    answer: json(Ok, 'Approved'),
    refusals: conflict,
    run: (actor, meetingId, { atMeetingId }) =>
      approveMinutes(ctx, { actor, meetingId, atMeetingId }),
  });

  actionRoute(api, {
    path: '/meetings/{id}/minutes/corrections',
    summary: 'Record a correction to approved minutes, decided at a later meeting in session',
    action: CorrectMinutes,
    answer: json(Ok, 'Recorded'),
    refusals: conflict,
    run: (actor, meetingId, input) => correctMinutes(ctx, { actor, meetingId, ...input }),
  });
}
