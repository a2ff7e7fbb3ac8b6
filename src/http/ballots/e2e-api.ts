import { createRoute, z } from '@hono/zod-openapi';
import { type Context, Hono } from 'hono';
import { castE2eBallot } from '../../app/ballots/cast-e2e-ballot.ts';
import { closeE2eBallot } from '../../app/ballots/close-e2e-ballot.ts';
import { createE2eBallot } from '../../app/ballots/create-e2e-ballot.ts';
import { openE2eBallot } from '../../app/ballots/open-e2e-ballot.ts';
import { submitPartialDecryption } from '../../app/ballots/submit-partial-decryption.ts';
import { submitShuffle } from '../../app/ballots/submit-shuffle.ts';
import { submitTrusteeKey } from '../../app/ballots/submit-trustee-key.ts';
import { submitTrusteePolynomial } from '../../app/ballots/submit-trustee-polynomial.ts';
import { submitTrusteeVerification } from '../../app/ballots/submit-trustee-verification.ts';
import { viewBoardJson, viewE2eBallot } from '../../app/ballots/view-e2e-ballot.ts';
import { bytesOf } from '../../app/ballots/board-slices.ts';
import {
  actionRoute,
  actorOf,
  type Api,
  errors,
  IdParams,
  json,
  okWith,
  refused,
  viewRoute,
} from '../api-kit.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { actorOn } from '../pages/kit.tsx';
import {
  CastE2eBallot,
  CloseE2eBallot,
  CreateE2eBallot,
  e2eDraftOf,
  OpenE2eBallot,
  SubmitPartialDecryption,
  SubmitShuffle,
  SubmitTrusteeKey,
  SubmitTrusteePolynomial,
  SubmitTrusteeVerification,
} from './e2e-schema.ts';
import { BallotResult, Board, VerifiableBallot } from './views.ts';
import { e2eUploadApi } from './e2e-upload-api.ts';

const proofRefused = { 422: refused('A payload or proof that does not hold (PROOF_REFUSED)') };
const notNow = { 409: refused('Not at this stage, or already done') };
const Appended = json(
  okWith({ seq: z.number().int(), hash: z.string() }),
  'Checked and appended to the board',
);

/**
 * End-to-end verifiable ballots in the JSON API (docs/e2e-protocol.md): drafting with trustees,
 * the trustees' key steps, opening, casting encrypted ballots, closing, the trustees' partial
 * decryptions, the board, and the state a trustee's or voter's device reads.
 */
export function e2eBallotsApi(api: Api, { ctx }: HttpOptions) {
  setupRoutes(api, { ctx });
  votingRoutes(api, { ctx });
  e2eUploadApi(api, { ctx });
}

/** Drafting, the board and its state, and the trustees' steps before the opening. */
function setupRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  actionRoute(api, {
    path: '/bodies/{id}/verifiable-ballots',
    summary:
      'Draft an end-to-end verifiable secret ballot with its trustees (secretary, chair, admin)',
    action: CreateE2eBallot,
    answer: json(okWith({ ballotId: z.string(), setupHash: z.string() }), 'Drafted'),
    status: 201,
    run: (actor, bodyId, input) => createE2eBallot(ctx, { actor, bodyId, ...e2eDraftOf(input) }),
  });

  // Streamed, not viewRoute's one string: a big election's board is more than a string holds.
  api.openapi(
    createRoute({
      method: 'get',
      path: '/ballots/{id}/board',
      summary: "An end-to-end ballot's bulletin board: every event, hash-chained",
      request: { params: IdParams },
      responses: {
        200: json(Board, 'The board, `{ format, events }`'),
        ...errors,
        409: refused('Not an end-to-end ballot'),
      },
    }),
    async (c) => {
      const pieces = await viewBoardJson(ctx, {
        actor: actorOf(c),
        ballotId: c.req.valid('param').id,
      });
      return boardAnswer(c, pieces) as never;
    },
  );

  viewRoute(api, {
    path: '/ballots/{id}/verifiable',
    summary:
      "An end-to-end ballot's state for a trustee's or voter's device: hashes, keys, polynomials, totals, and my part",
    description: 'The state',
    schema: VerifiableBallot,
    refusals: { 409: refused('Not an end-to-end ballot') },
    view: (actor, ballotId) => viewE2eBallot(ctx, { actor, ballotId }),
  });

  const steps = [
    ['key', SubmitTrusteeKey, submitTrusteeKey, 'Give my trustee key with its proof'],
    [
      'polynomial',
      SubmitTrusteePolynomial,
      submitTrusteePolynomial,
      'Give my polynomial: its commitments and the shares sealed to each trustee',
    ],
    [
      'verification',
      SubmitTrusteeVerification,
      submitTrusteeVerification,
      'Give my verification key, having opened and checked my shares',
    ],
    [
      'shuffle',
      SubmitShuffle,
      submitShuffle,
      'Give my shuffle of a closed election’s ballots with its proof, in trustee order (docs/mixnet-protocol.md)',
    ],
  ] as const;
  for (const [step, action, run, summary] of steps)
    actionRoute(api, {
      path: `/ballots/{id}/verifiable/${step}`,
      summary: `${summary} (only that trustee)`,
      action,
      answer: Appended,
      status: 201,
      refusals: { ...notNow, ...proofRefused },
      run: (actor, ballotId, { payload }) => run(ctx, { actor, ballotId, payload }),
    });
}

/** Opening, casting, closing and decrypting. */
function votingRoutes(api: Api, { ctx }: Pick<HttpOptions, 'ctx'>) {
  actionRoute(api, {
    path: '/ballots/{id}/verifiable/open',
    summary:
      'Open the end-to-end ballot once every trustee has verified: the election key and the electorate as pseudonyms',
    action: OpenE2eBallot,
    answer: json(
      okWith({ electorate: z.number().int(), openHash: z.string(), electionKey: z.string() }),
      'Opened',
    ),
    refusals: notNow,
    run: (actor, ballotId) => openE2eBallot(ctx, { actor, ballotId }),
  });

  actionRoute(api, {
    path: '/ballots/{id}/verifiable/ballots',
    summary:
      'Cast my encrypted ballot, or one for a member whose proxy I hold; answered with its tracker, my receipt, once it is on the board',
    action: CastE2eBallot,
    answer: json(okWith({ tracker: z.string(), seq: z.number().int() }), 'Cast'),
    status: 201,
    refusals: {
      409: refused('Already voted, or the ballot is not open'),
      ...proofRefused,
    },
    run: (actor, ballotId, { ballot, onBehalfOf }) =>
      castE2eBallot(ctx, { actor, ballotId, ballot, onBehalfOf }),
  });

  actionRoute(api, {
    path: '/ballots/{id}/verifiable/close',
    summary:
      'Close the end-to-end ballot: the encrypted total goes on the board for the trustees to decrypt',
    action: CloseE2eBallot,
    answer: json(
      okWith({
        ballots: z.number().int(),
        awaitingDecryption: z.boolean(),
        result: BallotResult.nullable(),
      }),
      'Closed',
    ),
    refusals: notNow,
    run: (actor, ballotId) => closeE2eBallot(ctx, { actor, ballotId }),
  });

  actionRoute(api, {
    path: '/ballots/{id}/verifiable/decryption',
    summary:
      'Give my partial decryption of the total (only a trustee); the last one needed counts the ballot',
    action: SubmitPartialDecryption,
    answer: json(
      okWith({
        decrypted: z.number().int(),
        needed: z.number().int(),
        result: BallotResult.nullable(),
      }),
      'Checked and appended; the result once enough trustees have decrypted',
    ),
    status: 201,
    refusals: { ...notNow, ...proofRefused },
    run: (actor, ballotId, { payload }) =>
      submitPartialDecryption(ctx, { actor, ballotId, payload }),
  });
}

/** The board's JSON streamed as it is read (board-slices.ts), the bytes c.json would send. */
const boardAnswer = (c: Context, pieces: AsyncIterable<string>) =>
  c.body(bytesOf(pieces), 200, { 'Content-Type': 'application/json' });

/**
 * GET /ballots/:id/board: the board as a file, for `seconded verify-ballot URL` and anyone who
 * keeps a copy; the same JSON as /api/v1/ballots/:id/board, for whoever may see the ballot.
 */
export function e2eBoardRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();
  web.get('/ballots/:id/board', async (c) => {
    const pieces = await viewBoardJson(ctx, actorOn(c, 'ballotId'));
    c.header('Content-Disposition', `attachment; filename="board-${c.req.param('id')}.json"`);
    return boardAnswer(c, pieces);
  });
  return web;
}
