import { z } from '@hono/zod-openapi';
import { askToSpeak } from '../../app/meetings/speakers/ask-to-speak.ts';
import { callNextSpeaker } from '../../app/meetings/speakers/call-next-speaker.ts';
import { endSpeech } from '../../app/meetings/speakers/end-speech.ts';
import { viewSpeakers } from '../../app/meetings/speakers/view-speakers.ts';
import { withdrawFromSpeakers } from '../../app/meetings/speakers/withdraw-from-speakers.ts';
import { makeProjectorLink } from '../../app/meetings/make-projector-link.ts';
import { revokeProjectorLink } from '../../app/meetings/revoke-projector-link.ts';
import {
  actionRoute,
  type Api,
  conflict,
  IdParamsWith,
  json,
  Ok,
  okWith,
  stepRoute,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import {
  AskToSpeak,
  CallNextSpeaker,
  EndSpeech,
  MakeProjectorLink,
  RevokeProjectorLink,
  WithdrawFromSpeakers,
} from './schema.ts';
import { Speakers } from './views.ts';

/**
 * The speakers list in the JSON API (/api/v1/meetings/{id}/speakers...): read it, ask to speak
 * (for or against, or on a point of order), withdraw, and for the chair: call the next speaker
 * with an optional time limit, end the speech in progress; and the projector's private link.
 */

export function speakersApi(api: Api, { ctx }: HttpOptions) {
  viewRoute(api, {
    path: '/meetings/{id}/speakers',
    summary:
      'The speakers list on the motion before the meeting: who has the floor (time left), who waits in order, who has spoken',
    description: 'The speakers list',
    schema: Speakers,
    view: (actor, meetingId) => viewSpeakers(ctx, { actor, meetingId }),
  });

  actionRoute(api, {
    path: '/meetings/{id}/speakers',
    summary:
      'Ask to speak, for or against the motion; or rise on a point of order (no side), which goes to the head of the queue',
    action: AskToSpeak,
    answer: json(okWith({ requestId: z.string() }), 'On the list'),
    status: 201,
    refusals: conflict,
    run: (actor, meetingId, { side, pointOfOrder }) =>
      askToSpeak(ctx, {
        actor,
        meetingId,
        side: side ?? null,
        pointOfOrder: pointOfOrder ?? false,
      }).then(({ requestId }) => ({ requestId })),
  });

  actionRoute(api, {
    path: '/meetings/{id}/speakers/next',
    summary:
      'Chair: give the floor to the next on the list, with an optional time limit in seconds (NO_ONE_WAITING when the list is empty)',
    action: CallNextSpeaker,
    answer: json(
      okWith({
        requestId: z.string(),
        personId: z.string(),
        name: z.string(),
        timeLimitSeconds: z.number().int().nullable(),
      }),
      'Called',
    ),
    refusals: conflict,
    run: (actor, meetingId, { timeLimitSeconds }) =>
      callNextSpeaker(ctx, { actor, meetingId, timeLimitSeconds: timeLimitSeconds ?? null }),
  });

  stepRoute(api, {
    path: '/meetings/{id}/speakers/end',
    summary: 'Chair: end the speech in progress (NO_ONE_SPEAKING when no one has the floor)',
    description: 'Ended',
    action: EndSpeech,
    run: (actor, meetingId) => endSpeech(ctx, { actor, meetingId }),
  });

  actionRoute(api, {
    path: '/meetings/{id}/speakers/{requestId}/withdraw',
    summary: 'Take a request to speak off the list: one’s own, or anyone’s for the chair',
    params: IdParamsWith('requestId'),
    action: WithdrawFromSpeakers,
    answer: json(Ok, 'Withdrawn'),
    refusals: conflict,
    run: (actor, meetingId, _, { requestId }) =>
      withdrawFromSpeakers(ctx, { actor, meetingId, requestId }),
  });

  actionRoute(api, {
    path: '/meetings/{id}/projector-link',
    summary:
      "Secretary, chair: make the meeting's private projector link (replacing any earlier one); `path` opens the projector without a session. The token is shown only this once",
    action: MakeProjectorLink,
    answer: json(okWith({ token: z.string(), path: z.string() }), 'Made'),
    status: 201,
    run: (actor, meetingId) => makeProjectorLink(ctx, { actor, meetingId }),
  });

  stepRoute(api, {
    path: '/meetings/{id}/projector-link/revoke',
    summary: "Secretary, chair: revoke the meeting's projector link; the wall stops showing it",
    description: 'Revoked',
    action: RevokeProjectorLink,
    run: (actor, meetingId) => revokeProjectorLink(ctx, { actor, meetingId }),
  });
}
