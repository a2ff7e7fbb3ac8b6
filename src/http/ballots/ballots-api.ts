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
import { actionBody } from '../action.ts';
import {
  actionRoute,
  actorOf,
  type Api,
  errors,
  Id,
  IdParams,
  json,
  Ok,
  okWith,
  refused,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { Ballot, BallotBox, BallotList, BallotResult } from './views.ts';
import { paperBallotsApi } from './paper-api.ts';
import { proxiesApi } from './proxies-api.ts';
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

/** Ballots and elections in the JSON API: create, open, vote, close, receipts, the box, nominations. */
export function ballotsApi(api: Api, { ctx }: HttpOptions) {
  draftingRoutes(api, { ctx });
  votingRoutes(api, { ctx });
  nominationRoutes(api, { ctx });
  paperBallotsApi(api, { ctx });
  proxiesApi(api, { ctx });
}

/** Listing, drafting, reading, opening and closing ballots (closing counts them). */
function draftingRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  viewRoute(api, {
    path: '/bodies/{id}/ballots',
    summary: "A body's ballots, newest first",
    description: 'Ballots',
    schema: BallotList,
    view: (actor, bodyId) => listBallots(ctx, { actor, bodyId }),
  });

  actionRoute(api, {
    path: '/bodies/{id}/ballots',
    summary:
      'Draft a ballot: a yes/no question, a choice, or a ranked election (secretary, chair, admin)',
    action: CreateBallot,
    answer: json(okWith({ ballotId: z.string() }), 'Drafted'),
    status: 201,
    run: (actor, bodyId, input) => createBallot(ctx, { actor, bodyId, ...draftOf(input) }),
  });

  viewRoute(api, {
    path: '/ballots/{id}',
    summary: 'A ballot: question, turnout, result once closed, and my part in it',
    description: 'The ballot',
    schema: Ballot,
    view: (actor, ballotId) => viewBallot(ctx, { actor, ballotId }),
  });

  actionRoute(api, {
    path: '/ballots/{id}/open',
    summary: 'Open the ballot, freezing the electorate',
    action: OpenBallot,
    answer: json(okWith({ electorate: z.number().int() }), 'Opened'),
    refusals: { 409: refused('Not a draft') },
    run: (actor, ballotId) => openBallot(ctx, { actor, ballotId }),
  });

  actionRoute(api, {
    path: '/ballots/{id}/close',
    summary:
      'Close the ballot and count it; with anyone yet to vote, only with `confirm` (else CLOSE_NOT_CONFIRMED)',
    action: CloseBallot,
    answer: json(okWith({ result: BallotResult }), 'Closed and counted'),
    refusals: { 409: refused('Not open, papers not counted, or not confirmed') },
    run: (actor, ballotId, input) =>
      closeBallot(ctx, { actor, ballotId, confirmed: input.confirm === true }).then((result) => ({
        result,
      })),
  });
}

/** Casting a vote, checking a receipt, and the box published after the close. */
function votingRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  actionRoute(api, {
    path: '/ballots/{id}/votes',
    summary: 'Cast my vote; answered only once it is durably recorded',
    action: CastVote,
    answer: json(okWith({ receipt: z.string() }), 'Recorded'),
    status: 201,
    refusals: { 409: refused('Already voted, or the ballot is not open') },
    run: (actor, ballotId, { choice, onBehalfOf }) =>
      castBallot(ctx, { actor, ballotId, choice, onBehalfOf }).then(({ receipt }) => ({
        receipt,
      })),
  });

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

  viewRoute(api, {
    path: '/ballots/{id}/box',
    summary: 'The anonymised box, published after the close (elections include a BLT file)',
    description: 'The box',
    schema: BallotBox,
    refusals: { 409: refused('Not closed yet') },
    view: (actor, ballotId) => publishedBox(ctx, { actor, ballotId }),
  });
}

/** Nominating candidates for a ranked election, and seconding them. */
function nominationRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  actionRoute(api, {
    path: '/ballots/{id}/nominations',
    summary: 'Nominate a member of the body as a candidate (I am the proposer)',
    action: Nominate,
    answer: json(okWith({ nominationId: z.string() }), 'Nominated'),
    status: 201,
    refusals: { 422: refused('Not a valid nomination') },
    run: (actor, ballotId, { candidate }) => nominate(ctx, { actor, ballotId, candidate }),
  });

  actionRoute(api, {
    path: '/nominations/{id}/second',
    summary: 'Second a nomination (not the candidate, not the proposer)',
    action: SecondNomination,
    answer: json(Ok, 'Seconded'),
    refusals: { 422: refused('Not a valid seconder') },
    run: (actor, nominationId) => secondNomination(ctx, { actor, nominationId }),
  });
}
