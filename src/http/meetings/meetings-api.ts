import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { approveMinutes } from '../../app/meetings/approve-minutes.ts';
import { correctMinutes } from '../../app/meetings/correct-minutes.ts';
import { redraftMinutes } from '../../app/meetings/draft-minutes.ts';
import { draftMotion } from '../../app/meetings/draft-motion.ts';
import { editMinutes } from '../../app/meetings/edit-minutes.ts';
import { listMotions, viewMinutes } from '../../app/meetings/view-meeting.ts';
import {
  actorOf,
  asJson,
  conflict,
  errors,
  IdParams,
  Json,
  json,
  Ok,
  openApiRoutes,
  stepRoute,
  unprocessable,
  viewRoute,
} from '../api-kit.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { actionBody } from '../action.ts';
import {
  ApproveMinutes,
  CorrectMinutes,
  DraftMotion,
  EditMinutes,
  RedraftMinutes,
} from './motion-schema.ts';
import { meetingApi } from './meeting-api.ts';

/**
 * The meetings part of the JSON API (/api/v1): meetings, attendance, agenda and procedural
 * motions (meeting-api.ts), motions drafted for a body, and minutes. Every body is validated
 * here; every refusal of the rules comes back with the domain's code (QUORUM_NOT_MET,
 * NOT_SECONDED, ILLEGAL_TRANSITION, ...) as `{ ok: false, error, message }`.
 */

export function meetingsApiRoutes(opts: HttpOptions) {
  const { ctx } = opts;
  const api = openApiRoutes();
  meetingApi(api, opts);

  // ---- Motions of a body -----------------------------------------------------------------

  viewRoute(api, {
    path: '/bodies/{id}/motions',
    summary: "A body's motions, newest first",
    description: 'Motions',
    view: (actor, bodyId) => listMotions(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/motions',
      summary: 'Draft a motion (I am its proposer); meetingId names the meeting it is for',
      request: {
        params: IdParams,
        ...actionBody(DraftMotion),
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), motionId: z.string(), text: Json }), 'Drafted'),
        ...errors,
        ...unprocessable,
      },
    }),
    async (c) => {
      const { meetingId, secretKind, ...text } = c.req.valid('json');
      const result = await draftMotion(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        meetingId,
        secretKind,
        text,
      });
      return c.json(
        { ok: true as const, motionId: result.motionId, text: asJson(result.text) },
        201,
      );
    },
  );

  minutesApi(api, opts);
  return api;
}

function minutesApi(api: OpenAPIHono<HttpEnv>, { ctx }: HttpOptions) {
  // ---- Minutes ----------------------------------------------------------------------------

  viewRoute(api, {
    path: '/meetings/{id}/minutes',
    summary: 'The minutes of a meeting (draft, or approved and locked), with their plain text',
    description: 'The minutes',
    view: (actor, meetingId) => viewMinutes(ctx, { actor, meetingId }),
  });

  api.openapi(
    createRoute({
      method: 'put',
      path: '/meetings/{id}/minutes',
      summary: 'Edit the draft minutes (secretary, chair, admin); MINUTES_LOCKED once approved',
      request: { params: IdParams, ...actionBody(EditMinutes) },
      responses: { 200: json(Ok, 'Saved'), ...errors, ...conflict },
    }),
    async (c) => {
      await editMinutes(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        document: c.req.valid('json').document,
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  stepRoute(api, {
    path: '/meetings/{id}/minutes/redraft',
    summary: "Draft the minutes again from what happened, replacing the secretary's edits",
    action: RedraftMinutes,
    run: (actor, meetingId) => redraftMinutes(ctx, { actor, meetingId }).then(() => ({})),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/minutes/approve',
      summary: 'Approve the minutes as a correct record at a later meeting, in session; they lock',
      request: { params: IdParams, ...actionBody(ApproveMinutes) },
      responses: { 200: json(Ok, 'Approved'), ...errors, ...conflict },
    }),
    async (c) => {
      await approveMinutes(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        atMeetingId: c.req.valid('json').atMeetingId,
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/minutes/corrections',
      summary: 'Record a correction to approved minutes, decided at a later meeting in session',
      request: {
        params: IdParams,
        ...actionBody(CorrectMinutes),
      },
      responses: { 200: json(Ok, 'Recorded'), ...errors, ...conflict },
    }),
    async (c) => {
      await correctMinutes(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const }, 200);
    },
  );
}
