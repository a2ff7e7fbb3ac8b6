import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assignRole } from '../app/organisations/assign-role.ts';
import { castBallot } from '../app/ballots/cast-ballot.ts';
import { closeBallot } from '../app/ballots/close-ballot.ts';
import { createBallot } from '../app/ballots/create-ballot.ts';
import { nominate, secondNomination } from '../app/ballots/nominate.ts';
import { openBallot } from '../app/ballots/open-ballot.ts';
import { checkReceipt, listBallots, publishedBox, viewBallot } from '../app/ballots/view-ballot.ts';
import { BALLOT_KINDS, type BallotOptions } from '../domain/ballots/ballot.ts';
import { METHOD_NAMES } from '../domain/tally/count.ts';
import type { MethodName } from '../domain/tally/types.ts';
import { createBody } from '../app/organisations/create-body.ts';
import { createOrganisation } from '../app/organisations/create-organisation.ts';
import { exportMyData } from '../app/accounts/export-my-data.ts';
import { importMembers } from '../app/organisations/import-members.ts';
import { inviteMembers } from '../app/organisations/invite-members.ts';
import { listMembers } from '../app/organisations/list-members.ts';
import { requestPasswordReset, resetPassword } from '../app/accounts/reset-password.ts';
import { acceptInvitation } from '../app/accounts/accept-invitation.ts';
import { createFirstAdmin } from '../app/accounts/first-admin.ts';
import { signOut } from '../app/accounts/session.ts';
import { signIn } from '../app/accounts/sign-in.ts';
import {
  listMyOrganisations,
  viewBody,
  viewOrganisation,
} from '../app/organisations/view-organisation.ts';
import { DomainError } from '../domain/errors.ts';
import { ROLES, type Actor } from '../domain/organisations/policy.ts';
import { BODY_KINDS } from '../domain/names.ts';
import { PRESET_NAMES, THRESHOLDS } from '../domain/organisations/standing-orders.ts';
import type { HttpEnv, HttpOptions } from './env.ts';
import {
  clearSessionCookie,
  clientAddress,
  readSessionCookie,
  setSessionCookie,
  type RateLimiter,
} from './security.ts';

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
export const conflict = { 409: json(ErrorSchema, 'Refused by the rules of procedure') };
export const unprocessable = { 422: json(ErrorSchema, 'Not a valid step') };

const MappingSchema = z
  .object({
    name: z.string().max(200),
    firstName: z.string().max(200),
    lastName: z.string().max(200),
    email: z.string().max(200),
    memberNumber: z.string().max(200),
    branch: z.string().max(200),
    joined: z.string().max(200),
  })
  .partial()
  .strict()
  .openapi('ColumnMapping', {
    description: 'Which CSV column holds each field; guessed from the headings when omitted.',
  });

const ImportReportSchema = z
  .object({
    ok: z.literal(true),
    dryRun: z.boolean(),
    headers: z.array(z.string()),
    mapping: MappingSchema,
    rows: z.number().int(),
    added: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .openapi('ImportReport');

const MemberSchema = z
  .object({
    personId: z.string(),
    name: z.string(),
    email: z.string(),
    memberNumber: z.string().nullable(),
    joinedOn: z.string().nullable(),
    bodyId: z.string(),
    bodyName: z.string(),
    hasAccount: z.boolean(),
  })
  .openapi('Member');

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
    run,
  }: {
    path: string;
    summary: string;
    description?: string;
    refusals?: Record<number, (typeof conflict)[409]>;
    run: (actor: Actor, id: string) => Promise<object>;
  },
) {
  api.openapi(
    createRoute({
      method: 'post',
      path,
      summary,
      request: { params: IdParams },
      responses: { 200: json(Json, description), ...errors, ...conflict, ...refusals },
    }),
    async (c) => {
      const result = await run(actorOf(c), c.req.valid('param').id);
      return c.json({ ok: true as const, ...result }, 200);
    },
  );
}

/** The JSON API under /api/v1, validated by zod and described at /api/openapi.json. */
export function apiRoutes(opts: HttpOptions & { limiter: RateLimiter }) {
  const { ctx } = opts;
  const api = openApiRoutes();

  api.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      summary: 'Sign in (sets the session cookie)',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({ email: z.string().max(320), password: z.string().max(1000) }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(z.object({ ok: z.literal(true), personId: z.string() }), 'Signed in'),
        ...errors,
        429: json(ErrorSchema, 'Too many attempts'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      opts.limiter.hit([`ip:${clientAddress(c)}`, `email:${email.trim().toLowerCase()}`]);
      const session = await signIn(ctx, { email, password });
      setSessionCookie(c, session, opts.secureCookies);
      return c.json({ ok: true as const, personId: session.personId }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      summary: 'Sign out',
      responses: { 200: json(Ok, 'Signed out') },
    }),
    async (c) => {
      await signOut(ctx, readSessionCookie(c));
      clearSessionCookie(c);
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/password-reset',
      summary:
        'Email a password reset link (the answer is the same whether or not the address has an account)',
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ email: z.string().max(320) }) } },
          required: true,
        },
      },
      responses: {
        202: json(Ok, 'If the address has an account, a link was sent'),
        ...errors,
        429: json(ErrorSchema, 'Too many attempts'),
      },
    }),
    async (c) => {
      const { email } = c.req.valid('json');
      opts.limiter.hit([`ip:${clientAddress(c)}`, `reset:${email.trim().toLowerCase()}`]);
      await requestPasswordReset(ctx, { email });
      return c.json({ ok: true as const }, 202);
    },
  );

  const Secret = z.string().min(1).max(100);
  const Password = z.string().max(1000);
  const SignedInSchema = z.object({ ok: z.literal(true), personId: z.string() });
  const linkErrors = {
    ...errors,
    409: json(ErrorSchema, 'Already set up'),
    410: json(ErrorSchema, 'The link was used or has expired'),
  };

  api.openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      summary: 'Create the first administrator with the one-time setup link printed at start',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                secret: Secret,
                name: z.string().max(200),
                email: z.string().max(320),
                password: Password,
              }),
            },
          },
          required: true,
        },
      },
      responses: { 201: json(SignedInSchema, 'Created and signed in'), ...linkErrors },
    }),
    async (c) => {
      const session = await createFirstAdmin(ctx, c.req.valid('json'));
      setSessionCookie(c, session, opts.secureCookies);
      return c.json({ ok: true as const, personId: session.personId }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/accept',
      summary: 'Accept an emailed invitation: set a password, creating the account, and sign in',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                secret: Secret,
                name: z.string().max(200).default(''),
                password: Password,
              }),
            },
          },
          required: true,
        },
      },
      responses: { 201: json(SignedInSchema, 'Account created and signed in'), ...linkErrors },
    }),
    async (c) => {
      const session = await acceptInvitation(ctx, c.req.valid('json'));
      setSessionCookie(c, session, opts.secureCookies);
      return c.json({ ok: true as const, personId: session.personId }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/password-reset/complete',
      summary: 'Set a new password with an emailed reset link; signs out every other session',
      request: {
        body: {
          content: {
            'application/json': { schema: z.object({ secret: Secret, password: Password }) },
          },
          required: true,
        },
      },
      responses: { 200: json(SignedInSchema, 'Password changed and signed in'), ...linkErrors },
    }),
    async (c) => {
      const session = await resetPassword(ctx, c.req.valid('json'));
      setSessionCookie(c, session, opts.secureCookies);
      return c.json({ ok: true as const, personId: session.personId }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      summary: 'Everything held about me (also my data export)',
      responses: { 200: json(Json, 'Your data'), ...errors },
    }),
    async (c) => c.json(await exportMyData(ctx, { personId: actorOf(c).personId }), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      summary: 'Organisations I belong to',
      responses: {
        200: json(
          z.object({
            organisations: z.array(
              z.object({ id: z.string(), slug: z.string(), name: z.string(), member: z.boolean() }),
            ),
          }),
          'Organisations',
        ),
        ...errors,
      },
    }),
    async (c) => c.json({ organisations: await listMyOrganisations(ctx, actorOf(c)) }, 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      summary: 'Create an organisation with its top body (site administrators)',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                name: z.string().max(200),
                topBodyName: z.string().max(200),
                preset: z.enum(PRESET_NAMES as [string, ...string[]]).default('citrine'),
                slug: z.string().max(60).optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(
          z.object({
            ok: z.literal(true),
            organisationId: z.string(),
            slug: z.string(),
            topBodyId: z.string(),
          }),
          'Created',
        ),
        ...errors,
        409: json(ErrorSchema, 'Already exists'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const created = await createOrganisation(ctx, { actor: actorOf(c), ...input });
      return c.json({ ok: true as const, ...created }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{slug}',
      summary: 'An organisation and its tree of bodies',
      request: {
        params: z.object({
          slug: z
            .string()
            .max(100)
            .openapi({ param: { in: 'path', name: 'slug' } }),
        }),
      },
      responses: { 200: json(Json, 'The organisation'), ...errors },
    }),
    async (c) =>
      c.json(
        await viewOrganisation(ctx, { actor: actorOf(c), slug: c.req.valid('param').slug }),
        200,
      ),
  );

  viewRoute(api, {
    path: '/bodies/{id}',
    summary: 'A body: officers, bodies below, standing orders, what I may do',
    description: 'The body',
    view: (actor, bodyId) => viewBody(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/bodies',
      summary: 'Create a body below this one',
      request: {
        params: IdParams,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                name: z.string().max(200),
                kind: z.enum(BODY_KINDS),
                preset: z.enum(PRESET_NAMES as [string, ...string[]]).optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(
          z.object({ ok: z.literal(true), bodyId: z.string(), slug: z.string() }),
          'Created',
        ),
        ...errors,
        409: json(ErrorSchema, 'Already exists'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const created = await createBody(ctx, {
        actor: actorOf(c),
        parentId: c.req.valid('param').id,
        ...input,
      });
      return c.json({ ok: true as const, ...created }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/bodies/{id}/members',
      summary: 'The member register (secretary, chair, scrutineer, admin)',
      request: {
        params: IdParams,
        query: z.object({ includeBelow: z.enum(['true', 'false']).optional() }),
      },
      responses: { 200: json(z.object({ members: z.array(MemberSchema) }), 'Members'), ...errors },
    }),
    async (c) => {
      const members = await listMembers(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        includeBelow: c.req.valid('query').includeBelow === 'true',
        kind: 'register-export',
      });
      return c.json({ members }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/imports',
      summary: 'Import members from CSV text (dryRun reports without saving)',
      request: {
        params: IdParams,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                csv: z.string().min(1).max(50_000_000),
                mapping: MappingSchema.optional(),
                dryRun: z.boolean().default(true),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(ImportReportSchema, 'What was (or would be) added, updated and rejected'),
        ...errors,
      },
    }),
    async (c) => {
      const { csv, mapping, dryRun } = c.req.valid('json');
      const report = await importMembers(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        csv,
        mapping,
        dryRun,
      });
      return c.json(
        {
          ok: true as const,
          dryRun: report.dryRun,
          headers: [...report.headers],
          mapping: report.mapping,
          rows: report.rows,
          added: report.added,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: [...report.rejected],
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/invitations',
      summary: 'Email members an invitation to sign up (all without an account, or those listed)',
      request: {
        params: IdParams,
        body: {
          content: {
            'application/json': {
              schema: z.object({ personIds: z.array(z.string().max(64)).max(100_000).optional() }),
            },
          },
        },
      },
      responses: {
        200: json(
          z.object({ ok: z.literal(true), invited: z.number().int() }),
          'Invitations queued; the server sends them, retrying while the mail server is down',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as { personIds?: string[] } | undefined;
      const report = await inviteMembers(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        personIds: body?.personIds,
      });
      return c.json({ ok: true as const, invited: report.invited }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/bodies/{id}/roles',
      summary: 'Give or take away a role (admins)',
      request: {
        params: IdParams,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                personId: z.string().max(64),
                role: z.enum(ROLES),
                holds: z.boolean(),
              }),
            },
          },
          required: true,
        },
      },
      responses: { 200: json(Ok, 'Done'), ...errors, 409: json(ErrorSchema, 'Not a member') },
    }),
    async (c) => {
      await assignRole(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        ...c.req.valid('json'),
      });
      return c.json({ ok: true as const }, 200);
    },
  );

  const Choice = z.union([
    z.enum(['for', 'against', 'abstain']),
    z.number().int().min(0),
    z.string().max(10),
    z.array(z.number().int().min(0)).max(200),
  ]);

  viewRoute(api, {
    path: '/bodies/{id}/ballots',
    summary: "A body's ballots, newest first",
    description: 'Ballots',
    view: (actor, bodyId) => listBallots(ctx, { actor, bodyId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bodies/{id}/ballots',
      summary:
        'Draft a ballot: a yes/no question, a choice, or a ranked election (secretary, chair, admin)',
      request: {
        params: IdParams,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                question: z.string().max(2000),
                kind: z.enum(BALLOT_KINDS).default('yes-no'),
                options: z.array(z.string().max(200)).max(100).optional(),
                candidates: z.array(z.string().max(200)).max(200).optional(),
                seats: z.number().int().min(1).max(200).optional(),
                method: z.enum(METHOD_NAMES as [MethodName, ...MethodName[]]).optional(),
                secret: z.boolean().default(true),
                weighted: z.boolean().default(false),
                threshold: z.enum(THRESHOLDS).optional(),
                closesAt: z.iso.datetime({ offset: true }).optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), ballotId: z.string() }), 'Drafted'),
        ...errors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const options: BallotOptions =
        input.kind === 'yes-no'
          ? { kind: 'yes-no' }
          : input.kind === 'choice'
            ? { kind: 'choice', options: input.options ?? [] }
            : {
                kind: 'ranked',
                candidates: input.candidates ?? [],
                seats: input.seats ?? 1,
                method: input.method ?? 'scottish-stv',
              };
      const { ballotId } = await createBallot(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        question: input.question,
        options,
        secret: input.secret,
        weighted: input.weighted,
        threshold: input.threshold,
        closesAt: input.closesAt,
      });
      return c.json({ ok: true as const, ballotId }, 201);
    },
  );

  viewRoute(api, {
    path: '/ballots/{id}',
    summary: 'A ballot: question, turnout, result once closed, and my part in it',
    description: 'The ballot',
    view: (actor, ballotId) => viewBallot(ctx, { actor, ballotId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/open',
      summary: 'Open the ballot, freezing the electorate',
      request: { params: IdParams },
      responses: {
        200: json(z.object({ ok: z.literal(true), electorate: z.number().int() }), 'Opened'),
        ...errors,
        409: json(ErrorSchema, 'Not a draft'),
      },
    }),
    async (c) =>
      c.json(
        {
          ok: true as const,
          ...(await openBallot(ctx, { actor: actorOf(c), ballotId: c.req.valid('param').id })),
        },
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/close',
      summary: 'Close the ballot and count it',
      request: { params: IdParams },
      responses: {
        200: json(z.object({ ok: z.literal(true), result: Json }), 'Closed and counted'),
        ...errors,
        409: json(ErrorSchema, 'Not open'),
      },
    }),
    async (c) =>
      c.json(
        {
          ok: true as const,
          result: (await closeBallot(ctx, {
            actor: actorOf(c),
            ballotId: c.req.valid('param').id,
          })) as unknown as Record<string, unknown>,
        },
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/votes',
      summary: 'Cast my vote; answered only once it is durably recorded',
      request: {
        params: IdParams,
        body: {
          content: { 'application/json': { schema: z.object({ choice: Choice }) } },
          required: true,
        },
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), receipt: z.string() }), 'Recorded'),
        ...errors,
        409: json(ErrorSchema, 'Already voted, or the ballot is not open'),
      },
    }),
    async (c) => {
      const { receipt } = await castBallot(ctx, {
        actor: actorOf(c),
        ballotId: c.req.valid('param').id,
        choice: c.req.valid('json').choice,
      });
      return c.json({ ok: true as const, receipt }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ballots/{id}/receipts/{receipt}',
      summary: 'Check that the vote with this receipt is in the box (and counted, once closed)',
      request: {
        params: z.object({
          id: Id,
          receipt: z
            .string()
            .max(40)
            .openapi({ param: { in: 'path', name: 'receipt' } }),
        }),
      },
      responses: {
        200: json(z.object({ found: z.boolean(), counted: z.boolean() }), 'Found or not'),
        ...errors,
      },
    }),
    async (c) => {
      const { id, receipt } = c.req.valid('param');
      return c.json(await checkReceipt(ctx, { actor: actorOf(c), ballotId: id, receipt }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ballots/{id}/box',
      summary: 'The anonymised box, published after the close (elections include a BLT file)',
      request: { params: IdParams },
      responses: {
        200: json(Json, 'The box'),
        ...errors,
        409: json(ErrorSchema, 'Not closed yet'),
      },
    }),
    async (c) =>
      c.json(
        await publishedBox(ctx, { actor: actorOf(c), ballotId: c.req.valid('param').id }),
        200,
      ),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/nominations',
      summary: 'Nominate a member of the body as a candidate (I am the proposer)',
      request: {
        params: IdParams,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                candidate: z
                  .string()
                  .min(1)
                  .max(320)
                  .openapi({ description: 'Member number or email' }),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), nominationId: z.string() }), 'Nominated'),
        ...errors,
        422: json(ErrorSchema, 'Not a valid nomination'),
      },
    }),
    async (c) => {
      const { nominationId } = await nominate(ctx, {
        actor: actorOf(c),
        ballotId: c.req.valid('param').id,
        candidate: c.req.valid('json').candidate,
      });
      return c.json({ ok: true as const, nominationId }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/nominations/{id}/second',
      summary: 'Second a nomination (not the candidate, not the proposer)',
      request: { params: z.object({ id: Id }) },
      responses: {
        200: json(Ok, 'Seconded'),
        ...errors,
        422: json(ErrorSchema, 'Not a valid seconder'),
      },
    }),
    async (c) => {
      await secondNomination(ctx, { actor: actorOf(c), nominationId: c.req.valid('param').id });
      return c.json({ ok: true as const }, 200);
    },
  );

  return api;
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
