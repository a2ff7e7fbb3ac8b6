import { createRoute, z } from '@hono/zod-openapi';
import { takeAmendmentStep } from '../../app/meetings/amendment-step.ts';
import { editMotionText } from '../../app/meetings/draft-motion.ts';
import { moveAmendment } from '../../app/meetings/move-amendment.ts';
import { putQuestion } from '../../app/meetings/put-question.ts';
import { putToSecretBallot } from '../../app/meetings/put-to-secret-ballot.ts';
import { recordVote } from '../../app/meetings/record-vote.ts';
import { secondMotion } from '../../app/meetings/second-motion.ts';
import { submitMotion } from '../../app/meetings/submit-motion.ts';
import { takeMotionStep } from '../../app/meetings/take-motion-step.ts';
import { viewMotion } from '../../app/meetings/view-meeting.ts';
import {
  actorOf,
  asJson,
  conflict,
  errors,
  IdParams,
  Json,
  json,
  openApiRoutes,
  stepRoute,
  unprocessable,
  viewRoute,
} from '../api-kit.ts';
import type { AppContext } from '../../app/shared/context.ts';
import { actionBody } from '../action.ts';
import type { HttpOptions } from '../env.ts';
import {
  AmendmentStep,
  MotionStep,
  MoveAmendment,
  PutQuestion,
  RecordVote,
  toChange,
  toVote,
} from './schema.ts';
import { EditMotion, SecondMotion } from './motion-schema.ts';

/**
 * The motions part of the JSON API (/api/v1): motions with structured clauses, seconding,
 * amendments, the question and its vote. Refusals come back with the domain's code.
 */
export function motionsApiRoutes({ ctx }: HttpOptions) {
  const api = openApiRoutes();
  motionRoutes(api, ctx);
  amendmentRoutes(api, ctx);
  questionRoutes(api, ctx);
  return api;
}

type Api = ReturnType<typeof openApiRoutes>;

/** A motion: read, its text changed, seconded, submitted, and its steps at the meeting. */
function motionRoutes(api: Api, ctx: AppContext) {
  viewRoute(api, {
    path: '/motions/{id}',
    summary: 'A motion: its clauses, state, and once debated the substantive text and amendments',
    description: 'The motion',
    view: (actor, motionId) => viewMotion(ctx, { actor, motionId }),
  });

  api.openapi(
    createRoute({
      method: 'put',
      path: '/motions/{id}/text',
      summary: 'Change the text of my draft; with `submit`, submit it once saved',
      request: { params: IdParams, ...actionBody(EditMotion) },
      responses: { 200: json(Json, 'Saved'), ...errors, ...conflict, ...unprocessable },
    }),
    async (c) => {
      const { secretKind, submit, ...text } = c.req.valid('json');
      const [actor, motionId] = [actorOf(c), c.req.valid('param').id];
      const result = await editMotionText(ctx, { actor, motionId, text, secretKind });
      if (submit) await submitMotion(ctx, { actor, motionId });
      return c.json({ ok: true as const, text: asJson(result.text) }, 200);
    },
  );

  stepRoute(api, {
    path: '/motions/{id}/second',
    summary: 'Second a draft motion before it is submitted',
    refusals: unprocessable,
    action: SecondMotion,
    run: (actor, motionId) => secondMotion(ctx, { actor, motionId }).then(() => ({})),
  });
  stepRoute(api, {
    path: '/motions/{id}/submit',
    summary: 'Submit my motion: its text is checked in full, the deadline applies',
    refusals: unprocessable,
    run: (actor, motionId) => submitMotion(ctx, { actor, motionId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/motions/{id}/steps',
      summary:
        'A step of the motion at the meeting: move, second, fall, open-debate, withdraw (consent), next-business, refer, remit',
      request: {
        params: IdParams,
        ...actionBody(MotionStep),
      },
      responses: {
        200: json(z.object({ ok: z.literal(true), status: z.string() }), 'Taken'),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const { status } = await takeMotionStep(ctx, {
        actor: actorOf(c),
        motionId: c.req.valid('param').id,
        step: c.req.valid('json'),
      });
      return c.json({ ok: true as const, status }, 200);
    },
  );
}

/** Amendments moved from the floor, and their steps. */
function amendmentRoutes(api: Api, ctx: AppContext) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/motions/{id}/amendments',
      summary:
        'Move an amendment from the floor (by: the mover, when the chair records it); parentId amends an amendment',
      request: {
        params: IdParams,
        ...actionBody(MoveAmendment),
      },
      responses: {
        201: json(
          z.object({ ok: z.literal(true), amendmentId: z.string(), description: z.string() }),
          'Moved',
        ),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await moveAmendment(ctx, {
        actor: actorOf(c),
        motionId: c.req.valid('param').id,
        change: toChange(input.change),
        parentId: input.parentId,
        by: input.by,
      });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/amendments/{id}/steps',
      summary: 'A step of an amendment: second, withdraw (with consent), fall',
      request: {
        params: IdParams,
        ...actionBody(AmendmentStep),
      },
      responses: {
        200: json(z.object({ ok: z.literal(true), status: z.string() }), 'Taken'),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const { status } = await takeAmendmentStep(ctx, {
        actor: actorOf(c),
        amendmentId: c.req.valid('param').id,
        step: c.req.valid('json'),
      });
      return c.json({ ok: true as const, status }, 200);
    },
  );
}

/** The question put on a motion (or the amendment before the meeting), and the vote on it. */
function questionRoutes(api: Api, ctx: AppContext) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/motions/{id}/question',
      summary:
        'Put the question before the meeting on this motion (the amendment taken now, else the motion as amended); QUORUM_NOT_MET without a quorum. `secret-ballot` puts the motion to an online secret ballot of the members present (their card weights if `weighted`), returning its `ballotId`; closing that ballot declares the result',
      request: {
        params: IdParams,
        ...actionBody(PutQuestion),
      },
      responses: {
        201: json(
          z.object({
            ok: z.literal(true),
            questionId: z.string(),
            on: z.enum(['motion', 'amendment']),
            wording: z.string(),
            ballotId: z.string().optional(),
          }),
          'Put',
        ),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const { mode, weighted } = c.req.valid('json');
      const motionId = c.req.valid('param').id;
      const result =
        mode === 'secret-ballot'
          ? await putToSecretBallot(ctx, { actor: actorOf(c), motionId, weighted })
          : await putQuestion(ctx, { actor: actorOf(c), motionId, mode });
      return c.json({ ok: true as const, ...result }, 201);
    },
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/questions/{id}/vote',
      summary:
        'Record the vote on the question put and declare the result: show of hands (counts), roll call (answers by name), card vote (each card holder’s choice); for a question put to a secret ballot, closing the ballot declares it, and `secret-ballot` here only gives or declines the chair’s casting vote when the votes were equal',
      request: {
        params: IdParams,
        ...actionBody(RecordVote),
      },
      responses: {
        200: json(
          z.object({
            ok: z.literal(true),
            outcome: z.enum(['carried', 'lost', 'not-carried']),
            declared: z.string(),
            result: Json,
          }),
          'Declared',
        ),
        ...errors,
        ...conflict,
        ...unprocessable,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const result = await recordVote(ctx, {
        actor: actorOf(c),
        questionId: c.req.valid('param').id,
        vote: toVote(input),
        castingVote: input.castingVote ?? null,
      });
      return c.json(
        {
          ok: true as const,
          outcome: result.outcome,
          declared: result.declared,
          result: { ...result.result },
        },
        200,
      );
    },
  );
}
