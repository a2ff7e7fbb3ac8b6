import { createRoute, z } from '@hono/zod-openapi';
import { addAgendaItem } from '../../app/meetings/add-agenda-item.ts';
import { approveMinutes } from '../../app/meetings/approve-minutes.ts';
import { correctMinutes } from '../../app/meetings/correct-minutes.ts';
import { cancelMeeting } from '../../app/meetings/cancel-meeting.ts';
import { closeMeeting } from '../../app/meetings/close-meeting.ts';
import { makeCalendarFeedToken } from '../../app/meetings/calendar-feed-token.ts';
import { redraftMinutes } from '../../app/meetings/draft-minutes.ts';
import { removeAgendaItem } from '../../app/meetings/remove-agenda-item.ts';
import { draftMotion } from '../../app/meetings/draft-motion.ts';
import { editMinutes } from '../../app/meetings/edit-minutes.ts';
import { giveMeetingNotice } from '../../app/meetings/give-notice.ts';
import { moveAgendaItem } from '../../app/meetings/move-agenda-item.ts';
import { openMeeting } from '../../app/meetings/open-meeting.ts';
import { decideProceduralMotion } from '../../app/meetings/procedural-motion.ts';
import { compositeMotions, MAX_COMPOSITED } from '../../app/meetings/composite-motions.ts';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.ts';
import { signInToMeeting } from '../../app/meetings/sign-in-to-meeting.ts';
import { signOutOfMeeting } from '../../app/meetings/sign-out-of-meeting.ts';
import {
  listMeetings,
  listMotions,
  viewMeeting,
  viewMinutes,
} from '../../app/meetings/view-meeting.ts';
import { PROCEDURAL_KINDS } from '../../domain/meetings/procedural.ts';
import {
  actorOf,
  asJson,
  conflict,
  errors,
  Id,
  IdParams,
  Json,
  json,
  jsonBody,
  Ok,
  openApiRoutes,
  stepRoute,
  unprocessable,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { actionBody } from '../action.ts';

import { PersonId, Counts, CastingVote } from './schema.ts';
import {
  ApproveMinutes,
  CorrectMinutes,
  DraftMotion,
  EditMinutes,
  RedraftMinutes,
} from './schema.ts';

/**
 * The meetings part of the JSON API (/api/v1): meetings, attendance, motions with structured
 * clauses, amendments, questions and votes in the room, procedural motions and minutes. Every
 * body is validated here; every refusal of the rules comes back with the domain's code
 * (QUORUM_NOT_MET, NOT_SECONDED, ILLEGAL_TRANSITION, ...) as `{ ok: false, error, message }`.
 */

export function meetingsApiRoutes({ ctx }: HttpOptions) {
  const api = openApiRoutes();

  // ---- Meetings of a body ----------------------------------------------------------------

  viewRoute(api, {
    path: '/bodies/{id}/meetings',
    summary: "A body's meetings, latest first",
    description: 'Meetings',
    view: (actor, bodyId) => listMeetings(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/meetings',
      summary: 'Call a meeting (secretary, chair, admin); giveNotice gives notice now',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            title: z.string().max(200),
            startsAt: z.iso.datetime({ offset: true }),
            location: z.string().max(500).optional(),
            timeZone: z.string().max(64).optional(),
            emergency: z.boolean().default(false),
            giveNotice: z.boolean().default(true),
          }),
        ),
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), meetingId: z.string() }), 'Called'),
        ...errors,
      },
    }),
    async (c) => {
      const { meetingId } = await scheduleMeeting(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, meetingId }, 201);
    },
  );

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

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/calendar-feed',
      summary:
        "Make me a new calendar feed token (replacing my old one); `path` is the body's meetings feed with it, readable without a session. The token is shown only this once",
      request: { params: IdParams },
      responses: {
        201: json(z.object({ ok: z.literal(true), token: z.string(), path: z.string() }), 'Made'),
        ...errors,
      },
    }),
    async (c) => {
      const made = await makeCalendarFeedToken(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
      });
      return c.json({ ok: true as const, ...made }, 201);
    },
  );

  // ---- A meeting --------------------------------------------------------------------------

  viewRoute(api, {
    path: '/meetings/{id}',
    summary:
      "A meeting: agenda, who is present and the quorum, the motion before the meeting with its substantive text, the question before the meeting and the legal next steps (the chair's console)",
    description: 'The meeting',
    view: (actor, meetingId) => viewMeeting(ctx, { actor, meetingId }),
  });

  stepRoute(api, {
    path: '/meetings/{id}/notice',
    summary: 'Record that notice of the meeting was given now',
    run: (actor, meetingId) => giveMeetingNotice(ctx, { actor, meetingId }),
  });
  stepRoute(api, {
    path: '/meetings/{id}/open',
    summary:
      'Open the meeting: refused before the notice has run (NOTICE_NOT_GIVEN) or without a quorum (QUORUM_NOT_MET); I take the chair',
    run: (actor, meetingId) => openMeeting(ctx, { actor, meetingId }),
  });
  stepRoute(api, {
    path: '/meetings/{id}/cancel',
    summary: 'Cancel a meeting that has not opened; calendars show it cancelled',
    run: (actor, meetingId) => cancelMeeting(ctx, { actor, meetingId }).then(() => ({})),
  });
  stepRoute(api, {
    path: '/meetings/{id}/close',
    summary: 'Close the meeting; its minutes are drafted from what happened',
    run: (actor, meetingId) => closeMeeting(ctx, { actor, meetingId }).then(() => ({})),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/agenda',
      summary: 'Add an agenda item; with motionId, put a submitted motion on the agenda',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            title: z.string().max(300).optional(),
            motionId: z.string().max(64).optional(),
          }),
        ),
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), agendaItemId: z.string() }), 'Added'),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const { agendaItemId } = await addAgendaItem(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, agendaItemId }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/composites',
      summary:
        'Composite two or more submitted motions (or motions on the agenda) into one new motion on the agenda, keeping every clause and linking every source',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            motionIds: z.array(z.string().max(64)).min(2).max(MAX_COMPOSITED),
            title: z.string().max(200).optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({ ok: z.literal(true), motionId: z.string(), title: z.string() }),
          'Composited',
        ),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const result = await compositeMotions(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  const ItemParams = z.object({
    id: Id,
    itemId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { in: 'path', name: 'itemId' } }),
  });
  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/agenda/{itemId}/move',
      summary: 'Move an agenda item one place up or down, until the meeting closes',
      request: {
        params: ItemParams,
        ...jsonBody(z.object({ direction: z.enum(['up', 'down']) })),
      },
      responses: { 200: json(Ok, 'Moved'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await moveAgendaItem(ctx, {
        actor: actorOf(c),
        meetingId: id,
        agendaItemId: itemId,
        direction: c.req.valid('json').direction,
      });
      return c.json({ ok: true as const }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'delete',
      path: '/meetings/{id}/agenda/{itemId}',
      summary:
        'Take an item off the agenda, until the meeting closes; its motion goes back to submitted. AGENDA_ITEM_TAKEN_UP once the meeting has taken the motion up',
      request: { params: ItemParams },
      responses: { 200: json(Ok, 'Removed'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await removeAgendaItem(ctx, { actor: actorOf(c), meetingId: id, agendaItemId: itemId });
      return c.json({ ok: true as const }, 200);
    },
  );

  const Quorum = z.object({
    ok: z.literal(true),
    quorum: z.object({ met: z.boolean(), present: z.number(), required: z.number() }),
  });
  for (const [path, summary, run] of [
    [
      '/meetings/{id}/attendance',
      'Sign in to the meeting (myself, or a member by personId: secretary, chair, admin)',
      signInToMeeting,
    ],
    [
      '/meetings/{id}/attendance/sign-out',
      'Sign out of the meeting (myself, or a member by personId: secretary, chair, admin)',
      signOutOfMeeting,
    ],
  ] as const) {
    api.openapi(
      createRoute({
        method: 'post',
        path,
        summary,
        request: { params: IdParams, ...jsonBody(z.object({ personId: PersonId.optional() })) },
        responses: {
          200: json(Quorum, 'The quorum now'),
          ...errors,
          ...conflict,
          ...unprocessable,
        },
      }),
      async (c) => {
        const { quorum } = await run(ctx, {
          actor: actorOf(c),
          meetingId: c.req.valid('param').id,
          personId: c.req.valid('json').personId,
        });
        return c.json({ ok: true as const, quorum: { ...quorum } }, 200);
      },
    );
  }

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/procedural',
      summary:
        'A procedural motion moved, seconded and decided by show of hands: next business, closure, refer back, adjourn, suspend standing orders, challenge to the chair',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            kind: z.enum(PROCEDURAL_KINDS),
            moverId: PersonId,
            seconderId: PersonId.optional(),
            counts: Counts,
            castingVote: CastingVote,
            referTo: z.string().max(200).optional(),
          }),
        ),
      },
      responses: { 200: json(Json, 'Decided'), ...errors, ...conflict, ...unprocessable },
    }),
    async (c) => {
      const result = await decideProceduralMotion(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, ...result }, 200);
    },
  );

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
      request: { params: IdParams, ...actionBody(CorrectMinutes) },
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

  return api;
}
