import { isDeepStrictEqual } from 'node:util';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { type Actor } from '../domain/organisations/policy.ts';
import { actionBody, validate, type Action } from './action.ts';
import type { HttpEnv } from './env.ts';
import { completeDocument } from './openapi-document.ts';

/**
 * What every part of the JSON API (/api/v1) is built with: the one error shape and the refusals
 * in it, path parameters, the signed-in actor, and the routes most of the API is made of: reading
 * a thing (`viewRoute`), an action on it (`actionRoute`) and a step with no fields (`stepRoute`).
 * Each area's routes live in its folder (`accounts/accounts-api.ts`, ...).
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
/** A response that is the one error shape, for a refusal that `description` explains. */
export const refused = (description: string) => json(ErrorSchema, description);
export const errors = {
  400: refused('The request is not valid'),
  401: refused('Not signed in'),
  403: refused('Not allowed'),
  404: refused('Not found'),
} as const;

export const Id = z
  .string()
  .min(1)
  .max(64)
  .openapi({ param: { in: 'path', name: 'id' }, example: '3f0c…' });
export const IdParams = z.object({ id: Id });
/** The path parameters of a thing within the `{id}` one: an agenda item, a request to speak. */
export const IdParamsWith = <N extends string>(name: N) => {
  const within = z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { in: 'path', name } });
  return z.object({ id: Id, ...({ [name]: within } as Record<N, typeof within>) });
};
/** What a step answers: `ok: true`, then what it made or changed. */
export const okWith = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ok: z.literal(true), ...shape });
export const Ok = okWith({});
/** Presenters return readonly shapes; they are JSON all the same. */
export const asJson = (value: unknown) => value as Record<string, unknown>;
export const conflict = { 409: refused('Refused by the rules of procedure') };
export const unprocessable = { 422: refused('Not a valid step') };
/** A step of the procedure: refused by the rules now (409), or not a valid step at all (422). */
export const stepRefusals = { ...conflict, ...unprocessable };

/** Responses of the one error shape, by status, beside the standard ones (`errors`). */
type Refusals = Readonly<Record<number, ReturnType<typeof refused>>>;

export function actorOf(c: Context<HttpEnv>) {
  const signedIn = c.get('signedIn');
  if (!signedIn) throw new DomainError('NOT_SIGNED_IN', 'Sign in first: POST /api/v1/session.');
  return signedIn.actor;
}

/** The JSON API under /api/v1, on which each area declares its routes (`ballotsApi(api, opts)`). */
export type Api = OpenAPIHono<HttpEnv>;

/** The APIs whose answers are checked against their schemas (`checkAnswers`). */
const checkedApis = new WeakSet<Api>();

/**
 * The JSON API under /api/v1, with no routes yet. With `checkAnswers` (the tests' app, never
 * production's: parsing every answer costs time on every request), each view's answer must be
 * exactly what its schema says, or the request fails.
 */
export function openApiRoutes({ checkAnswers = false }: { checkAnswers?: boolean } = {}): Api {
  const api = new OpenAPIHono<HttpEnv>({
    // Invalid input goes through the one error handler, like every other client mistake.
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
  if (checkAnswers) checkedApis.add(api);
  return api;
}

/**
 * What a presenter returns for a schema: the schema's type, read-only as presenters make their
 * shapes. A view that lacks a field the schema has, or has one of another type, does not
 * compile; a field the schema lacks is caught when the tests check the answers.
 */
export type Presented<T> = T extends readonly (infer U)[]
  ? readonly Presented<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Presented<T[K]> }
    : T;

/**
 * `value` as a client reads it (JSON), checked against `schema` when `api` checks its answers:
 * parsing must succeed and give back the same value, so a field the schema does not declare
 * (which parsing drops) fails as surely as a field of the wrong type.
 */
export function checkedAnswer(api: Api, schema: z.ZodType, value: unknown): unknown {
  if (!checkedApis.has(api)) return value;
  const sent: unknown = JSON.parse(JSON.stringify(value));
  const parsed = schema.safeParse(sent);
  if (!parsed.success)
    throw new Error(`The answer does not match its schema: ${z.prettifyError(parsed.error)}`);
  if (!isDeepStrictEqual(parsed.data, sent))
    throw new Error(
      `The answer has fields its schema does not declare: ${JSON.stringify(undeclared(sent, parsed.data))}`,
    );
  return value;
}

/**
 * What a route answers with `schema`: the presenter's value, whose type must fit the schema,
 * checked as `checkedAnswer` does when `api` checks its answers.
 */
export const answerOf = <S extends z.ZodType>(api: Api, schema: S, value: Presented<z.input<S>>) =>
  checkedAnswer(api, schema, value) as z.output<S>;

/** The paths of `sent` that `parsed` dropped, to name them in the failure. */
function undeclared(sent: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed))
    return sent.flatMap((v, i) => undeclared(v, parsed[i], `${at}[${i}]`));
  if (sent && typeof sent === 'object' && parsed && typeof parsed === 'object')
    return Object.entries(sent).flatMap(([k, v]) =>
      k in parsed
        ? undeclared(v, (parsed as Record<string, unknown>)[k], `${at}.${k}`)
        : [`${at}.${k}`],
    );
  return [];
}

/**
 * GET `path` (with an `{id}`): what a read use case presents of that thing to the signed-in actor;
 * `refusals` where it may not be read yet.
 */
export function viewRoute<S extends z.ZodType>(
  api: Api,
  {
    path,
    summary,
    description,
    schema,
    refusals = {},
    view,
  }: {
    path: string;
    summary: string;
    /** What the answer is, for the OpenAPI document. */
    description: string;
    /**
     * The answer's schema, named (`.openapi('Meeting')`), so the document types it: the
     * presenter's return type must fit it, and the tests check every answer against it.
     */
    schema: S;
    refusals?: Refusals;
    view: (actor: Actor, id: string) => Promise<Presented<z.input<S>>>;
  },
) {
  api.openapi(
    createRoute({
      method: 'get',
      path,
      summary,
      request: { params: IdParams },
      responses: { 200: json(schema, description), ...errors, ...refusals },
    }),
    async (c) => {
      const answer = await view(actorOf(c), c.req.valid('param').id);
      return c.json(asJson(answerOf(api, schema, answer)), 200);
    },
  );
}

interface ActionRouteOptions<S extends z.ZodType, P extends z.ZodObject> {
  /** Default `post`. */
  method?: 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  /** The path's parameters; default `IdParams`, an `{id}` alone. */
  params?: P;
  /**
   * The action whose schema the JSON body is, the one its HTML form validates with; an action
   * that sends no fields makes the body optional (`noFieldsBody`). Without one, no body.
   */
  action?: Action<S>;
  /** The success response, `json(okWith({ ... }), 'What happened')`. */
  answer: ReturnType<typeof json>;
  /** Default 200; 201 when the step made something. */
  status?: 200 | 201;
  /** How the rules may refuse it (`conflict`, `unprocessable`, ...), beside `errors`. */
  refusals?: Refusals;
  /**
   * Runs the use case for the signed-in actor on the thing `{id}` names; what it returns is the
   * answer (a use case that returns nothing is answered `{ ok: true }`).
   */
  run: (actor: Actor, id: string, input: z.infer<S>, params: z.infer<P>) => Promise<object | void>;
}

/**
 * `method path`: the JSON route of an action, which most of the API is. It reads top to bottom:
 * the path's parameters and the body checked against the action's schema, the signed-in actor,
 * the use case run, and the answer `{ ok: true, ...what it returns }`.
 */
export function actionRoute<S extends z.ZodType, P extends z.ZodObject = typeof IdParams>(
  api: Api,
  opts: ActionRouteOptions<S, P>,
) {
  const { method = 'post', path, summary, action, answer, status = 200, refusals = {} } = opts;
  // Every path here names its thing by `{id}`; a path with more parameters passes them on whole.
  const params = (opts.params ?? IdParams) as typeof IdParams;
  const optional = action && sendsNoFields(action) ? noFieldsBody(api, action) : undefined;
  const body: { content: object; required: boolean } | undefined =
    optional?.body ?? (action && actionBody(action).body);
  api.openapi(
    createRoute({
      method,
      path,
      summary,
      ...(optional ? { middleware: optional.middleware } : {}),
      request: { params, ...(body ? { body } : {}) },
      responses: { [status]: answer, ...errors, ...refusals } as Record<number, typeof answer>,
    }),
    async (c) => {
      const sent = c.req.valid('param');
      // The body was checked against the action's schema, whose type the router cannot see here.
      const input = (
        optional
          ? validate(action!, await optionalJson(c))
          : body
            ? c.req.valid('json' as never)
            : undefined
      ) as z.infer<S>;
      const result = await opts.run(actorOf(c), sent.id, input, sent as z.infer<P>);
      const answered = { ok: true as const, ...(result ?? {}) };
      const schema = answer.content['application/json'].schema;
      return c.json(checkedAnswer(api, schema, answered) as typeof answered, status);
    },
  );
}

/**
 * An action whose schema needs no fields: its form may send nothing but the button (a field it
 * may send, such as closing a ballot's `confirm`, is optional).
 */
const sendsNoFields = (action: Action) =>
  action.schema instanceof z.ZodObject && action.schema.safeParse({}).success;

/** The JSON object of an optional body, or `{}` when none was sent. */
async function optionalJson(c: Context<HttpEnv>): Promise<unknown> {
  const isJson = /^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '');
  const text = isJson ? (await c.req.text()).trim() : '';
  return text ? JSON.parse(text) : {};
}

/**
 * POST `path` (with an `{id}`): a step a use case takes on that thing, sending no fields (its
 * form's action, if any, names the optional body), answered `{ ok: true, ...what it returns }`
 * (the fields of `answer`); refused by the rules with 409 (and `refusals` beside).
 */
export function stepRoute<F extends z.ZodRawShape = Record<never, z.ZodType>>(
  api: Api,
  {
    description = 'Done',
    answer,
    refusals = {},
    ...route
  }: {
    path: string;
    summary: string;
    description?: string;
    /** The fields it answers beside `ok: true`, as zod schemas; none by default. */
    answer?: F;
    refusals?: Refusals;
    /** The action its HTML form takes (one that sends no fields): named as the optional body. */
    action?: Action;
    run: (actor: Actor, id: string) => Promise<Presented<z.input<z.ZodObject<F>>> | void>;
  },
) {
  actionRoute(api, {
    ...route,
    answer: json(okWith(answer ?? {}), description),
    refusals: { ...conflict, ...refusals },
  });
}

/**
 * The optional body of a step whose action sends no fields (open a ballot, second a nomination):
 * named in the OpenAPI document by the action's schema, so the step's HTML form and its JSON
 * route are seen to share it. API clients send such a POST with no body, or an empty one under
 * a JSON content type, and both stand for the action's empty input; a JSON object sent is
 * checked against the schema, and malformed JSON is refused as anywhere else. The check is a
 * middleware because the body is declared as a reference, not a zod schema, so that the route's
 * own validator does not refuse the empty body as malformed JSON.
 */
function noFieldsBody(api: Api, action: Action) {
  api.openAPIRegistry.register(action.name, action.schema);
  const schema = { $ref: `#/components/schemas/${action.name}` };
  const check: MiddlewareHandler<HttpEnv> = async (c, next) => {
    validate(action, await optionalJson(c));
    await next();
  };
  return {
    body: { content: { 'application/json': { schema } }, required: false },
    middleware: [check],
  };
}

/** The OpenAPI document of the API. */
export function openApiDocument(api: Api, baseUrl: string) {
  const doc = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Seconded API',
      version: '1',
      description:
        'Every response is JSON; errors are `{ ok: false, error, message, problems? }` with a stable `error` code. Sign in with POST /session; the session cookie authenticates later calls.',
    },
    servers: [{ url: `${baseUrl}/api/v1` }],
  });
  return completeDocument(doc);
}
