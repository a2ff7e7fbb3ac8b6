import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { actionBody, type Action } from './action.ts';
import { DomainError } from '../domain/errors.ts';
import { type Actor } from '../domain/organisations/policy.ts';
import type { HttpEnv } from './env.ts';

/**
 * What every part of the JSON API (/api/v1) is built with: the one error shape, response
 * descriptions, path parameters, the signed-in actor, and routes for reading a thing and taking a
 * step on it. Each area's routes live in its folder (`accounts/accounts-api.ts`, ...).
 */

export const ErrorSchema = z
  .object({
    ok: z.literal(false),
    error: z.string().openapi({ example: 'NOT_FOUND' }),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Error');

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
export const errors = {
  400: json(ErrorSchema, 'The request is not valid'),
  401: json(ErrorSchema, 'Not signed in'),
  403: json(ErrorSchema, 'Not allowed'),
  404: json(ErrorSchema, 'Not found'),
} as const;

export const Id = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { in: 'path', name: 'id' }, example: '3f0c…' });
export const IdParams = z.object({ id: Id });
export const Ok = z.object({ ok: z.literal(true) });
export const Json = z.record(z.string(), z.unknown());
/** Presenters return readonly shapes; they are JSON all the same. */
export const asJson = (value: unknown) => value as Record<string, unknown>;
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
/**
 * The body of a step that sends no fields, described by its action so that its HTML form pairs
 * with it. It may be left out, or sent empty even when labelled JSON, as before it was described.
 */
export const noFieldsBody = (action: Action) => ({
  middleware: [emptyJsonIsNoFields],
  body: actionBody(action, false).body,
});
const emptyJsonIsNoFields: MiddlewareHandler = async (c, next) => {
  // Hono keeps the promise of the body it read, whatever its type says; JSON is read from it.
  const empty = (await c.req.text()).trim() === '';
  if (empty) c.req.bodyCache.text = Promise.resolve('{}') as unknown as string;
  await next();
};

export const conflict = { 409: json(ErrorSchema, 'Refused by the rules of procedure') };
export const unprocessable = { 422: json(ErrorSchema, 'Not a valid step') };

export function actorOf(c: Context<HttpEnv>) {
  const signedIn = c.get('signedIn');
  if (!signedIn) throw new DomainError('NOT_SIGNED_IN', 'Sign in first: POST /api/v1/session.');
  return signedIn.actor;
}

/** A part of the API under /api/v1. */
export function openApiRoutes() {
  return new OpenAPIHono<HttpEnv>({
    // Invalid input goes through the one error handler, like every other client mistake.
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
}

/** GET `path` (with an `{id}`): what a read use case presents of that thing to the signed-in actor. */
export function viewRoute(
  api: OpenAPIHono<HttpEnv>,
  {
    path,
    summary,
    description,
    view,
  }: {
    path: string;
    summary: string;
    /** What the answer is, for the OpenAPI document. */
    description: string;
    view: (actor: Actor, id: string) => Promise<unknown>;
  },
) {
  api.openapi(
    createRoute({
      method: 'get',
      path,
      summary,
      request: { params: IdParams },
      responses: { 200: json(Json, description), ...errors },
    }),
    async (c) => c.json(asJson(await view(actorOf(c), c.req.valid('param').id)), 200),
  );
}

/**
 * POST `path` (with an `{id}`, no body): a step a use case takes on that thing, answered
 * `{ ok: true, ...what it returns }`; refused by the rules with 409 (and `refusals` beside).
 */
export function stepRoute(
  api: OpenAPIHono<HttpEnv>,
  {
    path,
    summary,
    description = 'Done',
    refusals = {},
    action,
    run,
  }: {
    path: string;
    summary: string;
    description?: string;
    refusals?: Record<number, (typeof conflict)[409]>;
    /** The action of the HTML form that takes this step, when there is one (it sends no fields). */
    action?: Action;
    run: (actor: Actor, id: string) => Promise<object>;
  },
) {
  const body = action ? noFieldsBody(action) : undefined;
  api.openapi(
    createRoute({
      method: 'post',
      path,
      summary,
      ...(body ? { middleware: body.middleware } : {}),
      request: { params: IdParams, ...(body ? { body: body.body } : {}) },
      responses: { 200: json(Json, description), ...errors, ...conflict, ...refusals },
    }),
    async (c) => {
      const result = await run(actorOf(c), c.req.valid('param').id);
      return c.json({ ok: true as const, ...result }, 200);
    },
  );
}

/** The OpenAPI document of the API. */
export function openApiDocument(api: OpenAPIHono<HttpEnv>, baseUrl: string) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Seconded API',
      version: '1',
      description:
        'Every response is JSON; errors are `{ ok: false, error, message, problems? }` with a stable `error` code. Sign in with POST /session; the session cookie authenticates later calls.',
    },
    servers: [{ url: `${baseUrl}/api/v1` }],
  });
}
