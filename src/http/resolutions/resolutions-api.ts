import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { adoptModelMotion } from '../../app/resolutions/adopt-model-motion.ts';
import { answerCommunication } from '../../app/resolutions/answer-communication.ts';
import { compositeCommunications } from '../../app/resolutions/composite-communications.ts';
import { publishModelMotion } from '../../app/resolutions/publish-model-motion.ts';
import { putCommunicationOnAgenda } from '../../app/resolutions/put-communication-on-agenda.ts';
import { setResolutionsPrivate } from '../../app/resolutions/set-publication.ts';
import { viewCommunication, viewInbox, viewModelMotion } from '../../app/resolutions/view-inbox.ts';
import { listBodyResolutions, viewResolutionById } from '../../app/resolutions/view-resolution.ts';
import { CLAUSE_KINDS, MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import { OUTCOMES, REASON_MAX } from '../../domain/resolutions/communication.ts';
import {
  actorOf,
  asJson,
  ErrorSchema,
  errors,
  IdParams,
  Json,
  json,
  jsonBody,
  openApiRoutes,
  viewRoute,
} from '../api-kit.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';

/**
 * Resolutions that travel (/api/v1): a published resolution with the delivery state of each
 * "calls on"; a body's inbox and the answers its secretary gives (acknowledge, rule in or out
 * of order, put on the agenda, composite, record the outcome); model motions publicised to the
 * bodies below, adopted by branches, with their adoptions compared with the model.
 */

const conflict = { 409: json(ErrorSchema, 'Refused: not a legal step now') };
const MeetingId = z.string().min(1).max(64).nullable().optional();
const TextInput = z
  .object({
    title: z.string().max(MOTION_LIMITS.title),
    clauses: z
      .array(
        z.object({
          id: z.string().max(64).optional(),
          kind: z.enum(CLAUSE_KINDS),
          text: z.string().max(MOTION_LIMITS.clauseText),
          bodyId: z.string().max(64).optional(),
          bodyName: z.string().max(MOTION_LIMITS.addresseeName).optional(),
          officer: z.string().max(MOTION_LIMITS.addresseeName).optional(),
        }),
      )
      .max(MOTION_LIMITS.clauses),
  })
  .openapi('OwnMotionText', {
    description:
      'The receiving body’s own motion; keep a clause’s id to say it is the model’s clause, changed or not.',
  });
/** A communication made the body's own motion: the text received, or `text`, and its meeting. */
const OwnMotionInput = z.object({ meetingId: MeetingId, text: TextInput.optional() });

/** The signed-in actor, or null: published resolutions are read without signing in. */
const maybeActor = (c: Context<HttpEnv>) => c.get('signedIn')?.actor ?? null;

export function resolutionsApiRoutes({ ctx }: HttpOptions) {
  const api = openApiRoutes();

  api.openapi(
    createRoute({
      method: 'get',
      path: '/resolutions/{id}',
      summary:
        'A published resolution: text, meeting, result and rule applied, and the delivery state and history of each "calls on" (no session needed unless its body keeps resolutions private)',
      request: { params: IdParams },
      responses: { 200: json(Json, 'The resolution'), ...errors },
    }),
    async (c) =>
      c.json(
        asJson(
          await viewResolutionById(ctx, {
            actor: maybeActor(c),
            resolutionId: c.req.valid('param').id,
          }),
        ),
        200,
      ),
  );

  viewRoute(api, {
    path: '/bodies/{id}/resolutions',
    summary: "A body's resolutions, newest first, and whether they are public",
    description: 'Resolutions',
    view: (actor, bodyId) => listBodyResolutions(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'put',
      path: '/bodies/{id}/publication',
      summary:
        "Keep the body's resolutions and minutes to its organisation (true) or publish them (false); secretary or admin",
      request: { params: IdParams, ...jsonBody(z.object({ resolutionsPrivate: z.boolean() })) },
      responses: { 200: json(Json, 'Saved'), ...errors },
    }),
    async (c) => {
      const saved = await setResolutionsPrivate(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        resolutionsPrivate: c.req.valid('json').resolutionsPrivate,
      });
      return c.json({ ok: true as const, ...saved }, 200);
    },
  );

  // ---- The inbox ------------------------------------------------------------------------

  viewRoute(api, {
    path: '/bodies/{id}/inbox',
    summary:
      "A body's inbox: resolutions that call on it and model motions sent to it, with their state and the steps I may take",
    description: 'The inbox',
    view: (actor, bodyId) => viewInbox(ctx, { actor, bodyId }),
  });

  viewRoute(api, {
    path: '/communications/{id}',
    summary: 'One communication in an inbox: the resolution, its state, history and legal steps',
    description: 'The communication',
    view: (actor, communicationId) => viewCommunication(ctx, { actor, communicationId }),
  });

  const Answered = z.object({
    ok: z.literal(true),
    status: z.string(),
    reason: z.string().nullable(),
  });
  api.openapi(
    createRoute({
      method: 'post',
      path: '/communications/{id}/answers',
      summary:
        'Answer a communication (secretary, admin): acknowledge; rule (inOrder, and a reason when out of order); record-outcome (carried, lost, noted, referred). ILLEGAL_TRANSITION when the step cannot follow its state',
      request: {
        params: IdParams,
        ...jsonBody(
          z.discriminatedUnion('type', [
            z.object({ type: z.literal('acknowledge') }),
            z.object({
              type: z.literal('rule'),
              inOrder: z.boolean(),
              reason: z.string().max(REASON_MAX).optional(),
            }),
            z.object({ type: z.literal('record-outcome'), outcome: z.enum(OUTCOMES) }),
          ]),
        ),
      },
      responses: { 200: json(Answered, 'Answered'), ...errors, ...conflict },
    }),
    async (c) => {
      const result = await answerCommunication(ctx, {
        actor: actorOf(c),
        communicationId: c.req.valid('param').id,
        answer: c.req.valid('json'),
      });
      return c.json({ ok: true as const, ...result }, 200);
    },
  );

  const Made = z.object({
    ok: z.literal(true),
    status: z.string(),
    motionId: z.string(),
    agendaItemId: z.string().nullable(),
  });
  api.openapi(
    createRoute({
      method: 'post',
      path: '/communications/{id}/agenda',
      summary:
        "Put a communication ruled in order on the agenda: it becomes the body's own motion (the resolution's text, or `text`), submitted, and with meetingId on that meeting's agenda",
      request: {
        params: IdParams,
        ...jsonBody(OwnMotionInput),
      },
      responses: { 201: json(Made, 'Its motion'), ...errors, ...conflict },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await putCommunicationOnAgenda(ctx, {
        actor: actorOf(c),
        communicationId: c.req.valid('param').id,
        meetingId: input.meetingId,
        text: input.text,
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/composites',
      summary:
        'Composite two or more communications ruled in order into one motion of the body, keeping every source',
      request: {
        params: IdParams,
        ...jsonBody(
          z.object({
            communicationIds: z.array(z.string().min(1).max(64)).min(1).max(100),
            title: z.string().max(MOTION_LIMITS.title),
            meetingId: MeetingId,
          }),
        ),
      },
      responses: {
        201: json(
          z.object({
            ok: z.literal(true),
            motionId: z.string(),
            agendaItemId: z.string().nullable(),
            sources: z.number(),
          }),
          'The composite motion',
        ),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const result = await compositeCommunications(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  // ---- Model motions ------------------------------------------------------------------------

  api.openapi(
    createRoute({
      method: 'post',
      path: '/resolutions/{id}/model-motion',
      summary:
        'Publish a resolution as a model motion and publicise it to every body below (each inbox, each secretary emailed)',
      request: { params: IdParams },
      responses: {
        201: json(z.object({ ok: z.literal(true), publicisedTo: z.number() }), 'Publicised'),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const result = await publishModelMotion(ctx, {
        actor: actorOf(c),
        resolutionId: c.req.valid('param').id,
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  viewRoute(api, {
    path: '/resolutions/{id}/adoptions',
    summary:
      "A model motion's adoptions: how many branches tabled and passed it, which, and each text's clause-level diff from the model",
    description: 'Adoptions',
    view: (actor, resolutionId) => viewModelMotion(ctx, { actor, resolutionId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/communications/{id}/adoption',
      summary:
        "Adopt a model motion from the inbox as the branch's own motion (the model's text, or `text` with clauses changed), submitted, and with meetingId on that meeting's agenda",
      request: {
        params: IdParams,
        ...jsonBody(OwnMotionInput),
      },
      responses: {
        201: json(Made.extend({ adoptionId: z.string() }), 'Adopted'),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await adoptModelMotion(ctx, {
        actor: actorOf(c),
        communicationId: c.req.valid('param').id,
        meetingId: input.meetingId,
        text: input.text,
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  return api;
}
