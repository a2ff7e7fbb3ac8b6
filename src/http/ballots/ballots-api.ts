import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
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
import { actionBody } from '../action.ts';
import {
  actorOf,
  asJson,
  errors,
  ErrorSchema,
  Id,
  IdParams,
  json,
  Json,
  Ok,
  openApiRoutes,
  viewRoute,
  noFieldsBody,
} from '../api-kit.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import {
  CastVote,
  CheckReceipt,
  CloseBallot,
  CreateBallot,
  draftOf,
  Nominate,
  OpenBallot,
  SecondNomination,
} from './schema.ts';

type Api = OpenAPIHono<HttpEnv>;

/** Ballots and elections in the JSON API: create, open, vote, close, receipts, the box, nominations. */
export function ballotsApi({ ctx }: HttpOptions) {
  const api = openApiRoutes();
  draftingRoutes(api, { ctx });
  votingRoutes(api, { ctx });
  nominationRoutes(api, { ctx });
  return api;
}

/** Listing, drafting, reading, opening and closing ballots (closing counts them). */
function draftingRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
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
      request: { params: IdParams, ...actionBody(CreateBallot) },
      responses: {
        201: json(z.object({ ok: z.literal(true), ballotId: z.string() }), 'Drafted'),
        ...errors,
      },
    }),
    async (c) => {
      const { ballotId } = await createBallot(ctx, {
        actor: actorOf(c),
        bodyId: c.req.valid('param').id,
        ...draftOf(c.req.valid('json')),
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

  const opening = noFieldsBody(api, OpenBallot);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/open',
      summary: 'Open the ballot, freezing the electorate',
      middleware: opening.middleware,
      request: { params: IdParams, body: opening.body },
      responses: {
        200: json(z.object({ ok: z.literal(true), electorate: z.number().int() }), 'Opened'),
        ...errors,
        409: json(ErrorSchema, 'Not a draft'),
      },
    }),
    async (c) => {
      const opened = await openBallot(ctx, {
        actor: actorOf(c),
        ballotId: c.req.valid('param').id,
      });
      return c.json({ ok: true as const, ...opened }, 200);
    },
  );

  const closing = noFieldsBody(api, CloseBallot);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/close',
      summary: 'Close the ballot and count it',
      middleware: closing.middleware,
      request: { params: IdParams, body: closing.body },
      responses: {
        200: json(z.object({ ok: z.literal(true), result: Json }), 'Closed and counted'),
        ...errors,
        409: json(ErrorSchema, 'Not open'),
      },
    }),
    async (c) => {
      const result = await closeBallot(ctx, {
        actor: actorOf(c),
        ballotId: c.req.valid('param').id,
      });
      return c.json({ ok: true as const, result: asJson(result) }, 200);
    },
  );
}

/** Casting a vote, checking a receipt, and the box published after the close. */
function votingRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/votes',
      summary: 'Cast my vote; answered only once it is durably recorded',
      request: { params: IdParams, ...actionBody(CastVote) },
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

  const Found = json(z.object({ found: z.boolean(), counted: z.boolean() }), 'Found or not');
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
      responses: { 200: Found, ...errors },
    }),
    async (c) => {
      const { id, receipt } = c.req.valid('param');
      return c.json(await checkReceipt(ctx, { actor: actorOf(c), ballotId: id, receipt }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/receipt',
      summary:
        'Check a receipt as the ballot page does, the code in the body rather than the address',
      request: { params: IdParams, ...actionBody(CheckReceipt) },
      responses: { 200: Found, ...errors },
    }),
    async (c) => {
      const { receipt } = c.req.valid('json');
      const ballotId = c.req.valid('param').id;
      return c.json(await checkReceipt(ctx, { actor: actorOf(c), ballotId, receipt }), 200);
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
    async (c) => {
      const box = await publishedBox(ctx, { actor: actorOf(c), ballotId: c.req.valid('param').id });
      return c.json(asJson(box), 200);
    },
  );
}

/** Nominating candidates for a ranked election, and seconding them. */
function nominationRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/ballots/{id}/nominations',
      summary: 'Nominate a member of the body as a candidate (I am the proposer)',
      request: { params: IdParams, ...actionBody(Nominate) },
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

  const seconding = noFieldsBody(api, SecondNomination);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/nominations/{id}/second',
      summary: 'Second a nomination (not the candidate, not the proposer)',
      middleware: seconding.middleware,
      request: { params: z.object({ id: Id }), body: seconding.body },
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
}
