import { createRoute, z } from '@hono/zod-openapi';
import { castBallot } from '../../app/ballots/cast-ballot.ts';
import { closeBallot } from '../../app/ballots/close-ballot.ts';
import { createBallot } from '../../app/ballots/create-ballot.ts';
import { nominate, secondNomination } from '../../app/ballots/nominate.ts';
import { openBallot } from '../../app/ballots/open-ballot.ts';
import {
  checkReceipt,
  listBallots,
  publishedBox,
  viewBallot,
} from '../../app/ballots/view-ballot.ts';
import { BALLOT_KINDS, type BallotOptions } from '../../domain/ballots/ballot.ts';
import { METHOD_NAMES } from '../../domain/tally/count.ts';
import type { MethodName } from '../../domain/tally/types.ts';
import { THRESHOLDS } from '../../domain/organisations/standing-orders.ts';
import type { HttpOptions } from '../env.ts';
import {
  actorOf,
  errors,
  ErrorSchema,
  Id,
  IdParams,
  Json,
  json,
  Ok,
  openApiRoutes,
  viewRoute,
  noFieldsBody,
} from '../api-kit.ts';
import { CloseBallot } from '../meetings/schema.ts';

/** Ballots and elections in the JSON API: create, open, vote, close, receipts, the box, nominations. */
export function ballotsApi({ ctx }: HttpOptions) {
  const api = openApiRoutes();

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

  // The console closes the ballot the question was put to with the same action (meetings).
  const closeBody = noFieldsBody(CloseBallot);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/close',
      summary: 'Close the ballot and count it',
      middleware: closeBody.middleware,
      request: { params: IdParams, body: closeBody.body },
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
