import { createRoute, z } from '@hono/zod-openapi';
import { askToSpeak } from '../../app/meetings/speakers/ask-to-speak.ts';
import { callNextSpeaker } from '../../app/meetings/speakers/call-next-speaker.ts';
import { endSpeech } from '../../app/meetings/speakers/end-speech.ts';
import { viewSpeakers } from '../../app/meetings/speakers/view-speakers.ts';
import { withdrawFromSpeakers } from '../../app/meetings/speakers/withdraw-from-speakers.ts';
import { actionBody } from '../action.ts';
import {
  actorOf,
  conflict,
  errors,
  Id,
  IdParams,
  Json,
  json,
  noFieldsBody,
  openApiRoutes,
  stepRoute,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import { AskToSpeak, CallNextSpeaker, EndSpeech, WithdrawFromSpeakers } from './schema.ts';

/**
 * The speakers list in the JSON API (/api/v1/meetings/{id}/speakers...): read it, ask to speak
 * (for or against, or on a point of order), withdraw, and for the chair: call the next speaker
 * with an optional time limit, end the speech in progress.
 */

export function speakersApiRoutes({ ctx }: HttpOptions) {
  const api = openApiRoutes();

  viewRoute(api, {
    path: '/meetings/{id}/speakers',
    summary:
      'The speakers list on the motion before the meeting: who has the floor (time left), who waits in order, who has spoken',
    description: 'The speakers list',
    view: (actor, meetingId) => viewSpeakers(ctx, { actor, meetingId }),
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/speakers',
      summary:
        'Ask to speak, for or against the motion; or rise on a point of order (no side), which goes to the head of the queue',
      request: {
        params: IdParams,
        ...actionBody(AskToSpeak),
      },
      responses: {
        201: json(z.object({ ok: z.literal(true), requestId: z.string() }), 'On the list'),
        ...errors,
        ...conflict,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { requestId } = await askToSpeak(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        side: input.side ?? null,
        pointOfOrder: input.pointOfOrder ?? false,
      });
      return c.json({ ok: true as const, requestId }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/speakers/next',
      summary:
        'Chair: give the floor to the next on the list, with an optional time limit in seconds (NO_ONE_WAITING when the list is empty)',
      request: {
        params: IdParams,
        ...actionBody(CallNextSpeaker),
      },
      responses: { 200: json(Json, 'Called'), ...errors, ...conflict },
    }),
    async (c) => {
      const called = await callNextSpeaker(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        timeLimitSeconds: c.req.valid('json').timeLimitSeconds ?? null,
      });
      return c.json({ ok: true as const, ...called }, 200);
    },
  );

  stepRoute(api, {
    path: '/meetings/{id}/speakers/end',
    summary: 'Chair: end the speech in progress (NO_ONE_SPEAKING when no one has the floor)',
    description: 'Ended',
    action: EndSpeech,
    run: (actor, meetingId) => endSpeech(ctx, { actor, meetingId }).then(() => ({})),
  });

  const withdrawn = noFieldsBody(api, WithdrawFromSpeakers);
  api.openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/speakers/{requestId}/withdraw',
      summary: 'Take a request to speak off the list: one’s own, or anyone’s for the chair',
      middleware: withdrawn.middleware,
      request: {
        params: z.object({ id: Id, requestId: z.string().min(1).max(64) }),
        body: withdrawn.body,
      },
      responses: { 200: json(Json, 'Withdrawn'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, requestId } = c.req.valid('param');
      await withdrawFromSpeakers(ctx, { actor: actorOf(c), meetingId: id, requestId });
      return c.json({ ok: true as const }, 200);
    },
  );

  return api;
}
