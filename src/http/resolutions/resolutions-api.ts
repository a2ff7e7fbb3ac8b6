import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { adoptModelMotion } from '../../app/resolutions/adopt-model-motion.ts';
import { answerCommunication } from '../../app/resolutions/answer-communication.ts';
import { compositeCommunications } from '../../app/resolutions/composite-communications.ts';
import { publishModelMotion } from '../../app/resolutions/publish-model-motion.ts';
import { putCommunicationOnAgenda } from '../../app/resolutions/put-communication-on-agenda.ts';
import { setResolutionsPrivate } from '../../app/resolutions/set-publication.ts';
import { viewCommunication, viewInbox, viewModelMotion } from '../../app/resolutions/view-inbox.ts';
import { listBodyResolutions, viewResolutionById } from '../../app/resolutions/view-resolution.ts';
import type { AppContext } from '../../app/shared/context.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { actionBody } from '../action.ts';
import {
  actorOf,
  asJson,
  errors,
  ErrorSchema,
  IdParams,
  json,
  Json,
  noFieldsBody,
  openApiRoutes,
  viewRoute,
} from '../api-kit.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import {
  AnswerCommunication,
  CompositeCommunications,
  PublishModelMotion,
  SetPublication,
  TableCommunication,
} from './schema.ts';

/**
 * Resolutions that travel (/api/v1): a published resolution with the delivery state of each
 * "calls on"; a body's inbox and the answers its secretary gives (acknowledge, rule in or out
 * of order, put on the agenda, composite, record the outcome); model motions publicised to the
 * bodies below, adopted by branches, with their adoptions compared with the model. Each step
 * takes the schema of its action (schema.ts), the one its HTML form validates with.
 */
export function resolutionsApiRoutes({ ctx }: HttpOptions) {
  const api = openApiRoutes();
  resolutionRoutes(api, ctx);
  inboxRoutes(api, ctx);
  modelMotionRoutes(api, ctx);
  return api;
}

type Api = OpenAPIHono<HttpEnv>;

const conflict = { 409: json(ErrorSchema, 'Refused: not a legal step now') };

/** The signed-in actor, or null: published resolutions are read without signing in. */
const maybeActor = (c: Context<HttpEnv>) => c.get('signedIn')?.actor ?? null;

/** A published resolution, a body's resolutions, and whether they are public. */
function resolutionRoutes(api: Api, ctx: AppContext) {
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
      request: { params: IdParams, ...actionBody(SetPublication) },
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
}

const Made = z.object({
  ok: z.literal(true),
  status: z.string(),
  motionId: z.string(),
  agendaItemId: z.string().nullable(),
});

/** A body's inbox, one communication, and the answers its secretary gives. */
function inboxRoutes(api: Api, ctx: AppContext) {
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
      request: { params: IdParams, ...actionBody(AnswerCommunication) },
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

  ownMotionRoute(api, {
    path: '/communications/{id}/agenda',
    summary:
      "Put a communication ruled in order on the agenda: it becomes the body's own motion (the resolution's text, or `text`), submitted, and with meetingId on that meeting's agenda",
    response: json(Made, 'Its motion'),
    run: (actor, communicationId, input) =>
      putCommunicationOnAgenda(ctx, { actor, communicationId, ...input }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/composites',
      summary:
        'Composite two or more communications ruled in order into one motion of the body, keeping every source',
      request: { params: IdParams, ...actionBody(CompositeCommunications) },
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
}

/** A model motion: publicised to the bodies below, its adoptions, and adopting one. */
function modelMotionRoutes(api: Api, ctx: AppContext) {
  const publishing = noFieldsBody(api, PublishModelMotion);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/resolutions/{id}/model-motion',
      summary:
        'Publish a resolution as a model motion and publicise it to every body below (each inbox, each secretary emailed); the body may be left out',
      middleware: publishing.middleware,
      request: { params: IdParams, body: publishing.body },
      responses: {
        201: json(z.object({ ok: z.literal(true), publicisedTo: z.number() }), 'Publicised'),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const resolutionId = c.req.valid('param').id;
      const result = await publishModelMotion(ctx, { actor: actorOf(c), resolutionId });
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

  ownMotionRoute(api, {
    path: '/communications/{id}/adoption',
    summary:
      "Adopt a model motion from the inbox as the branch's own motion (the model's text, or `text` with clauses changed), submitted, and with meetingId on that meeting's agenda",
    response: json(Made.extend({ adoptionId: z.string() }), 'Adopted'),
    run: (actor, communicationId, input) =>
      adoptModelMotion(ctx, { actor, communicationId, ...input }),
  });
}

/**
 * POST `path` (with an `{id}`): a communication made the body's own motion (TableCommunication),
 * answered 201 with what the use case made.
 */
function ownMotionRoute(
  api: Api,
  opts: {
    path: string;
    summary: string;
    response: ReturnType<typeof json>;
    run: (
      actor: Actor,
      communicationId: string,
      input: z.infer<(typeof TableCommunication)['schema']>,
    ) => Promise<object>;
  },
) {
  api.openapi(
    createRoute({
      method: 'post',
      path: opts.path,
      summary: opts.summary,
      request: { params: IdParams, ...actionBody(TableCommunication) },
      responses: { 201: opts.response, ...errors, ...conflict },
    }),
    async (c) => {
      const result = await opts.run(actorOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ ok: true as const, ...result }, 201);
    },
  );
}
