import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { adoptModelMotion } from '../../app/resolutions/adopt-model-motion.ts';
import { answerCommunication } from '../../app/resolutions/answer-communication.ts';
import { compositeCommunications } from '../../app/resolutions/composite-communications.ts';
import { publishModelMotion } from '../../app/resolutions/publish-model-motion.ts';
import { putCommunicationOnAgenda } from '../../app/resolutions/put-communication-on-agenda.ts';
import { putCommunicationToBallot } from '../../app/resolutions/put-communication-to-ballot.ts';
import { setResolutionsPrivate } from '../../app/resolutions/set-publication.ts';
import { withdrawResolution } from '../../app/resolutions/withdraw-communication.ts';
import { viewCommunication, viewInbox, viewModelMotion } from '../../app/resolutions/view-inbox.ts';
import { listBodyResolutions, viewResolutionById } from '../../app/resolutions/view-resolution.ts';
import type { AppContext } from '../../app/common/context.ts';
import { followingApi } from './following-api.ts';
import {
  actionRoute,
  answerOf,
  type Api,
  errors,
  IdParams,
  json,
  okWith,
  refused,
  viewRoute,
} from '../api-kit.ts';
import { BodyResolutions, Communication, Inbox, ModelMotion, Resolution } from './views.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import {
  AnswerCommunication,
  CompositeCommunications,
  PublishModelMotion,
  PutToBallot,
  WithdrawResolution,
  SetPublication,
  TableCommunication,
} from './schema.ts';

/**
 * Resolutions that travel (/api/v1): a published resolution with the delivery state of each
 * "calls on"; a body's inbox and the answers its secretary gives (acknowledge, rule in or out
 * of order, put on the agenda, composite, record the outcome); model motions publicised to the
 * bodies below, adopted by branches, with their adoptions compared with the model. Each step
 * takes the schema of its action (schema.ts), the one its HTML form validates with.
 */
export function resolutionsApi(api: Api, opts: HttpOptions) {
  const { ctx } = opts;
  resolutionRoutes(api, ctx);
  inboxRoutes(api, ctx);
  modelMotionRoutes(api, ctx);
  followingApi(api, opts);
}

const conflict = { 409: refused('Refused: not a legal step now') };

/** The signed-in actor, or null: published resolutions are read without signing in. */
const maybeActor = (c: Context<HttpEnv>) => c.get('signedIn')?.actor ?? null;

/** A published resolution, a body's resolutions, and whether they are public. */
function resolutionRoutes(api: Api, ctx: AppContext) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/resolutions/{id}',
      summary:
        'A published resolution: text, meeting, result and rule applied, and the delivery state and history of each "calls on" (no session needed unless its body keeps resolutions private)',
      request: { params: IdParams },
      responses: { 200: json(Resolution, 'The resolution'), ...errors },
    }),
    async (c) => {
      const resolutionId = c.req.valid('param').id;
      const resolution = await viewResolutionById(ctx, { actor: maybeActor(c), resolutionId });
      return c.json(answerOf(api, Resolution, resolution), 200);
    },
  );

  viewRoute(api, {
    path: '/bodies/{id}/resolutions',
    summary: "A body's resolutions, newest first, and whether they are public",
    description: 'Resolutions',
    schema: BodyResolutions,
    view: (actor, bodyId) => listBodyResolutions(ctx, { actor, bodyId }),
  });

  actionRoute(api, {
    method: 'put',
    path: '/bodies/{id}/publication',
    summary:
      "Keep the body's resolutions and minutes to its organisation (true) or publish them (false); secretary or admin",
    action: SetPublication,
    answer: json(okWith({ resolutionsPrivate: z.boolean() }), 'Saved'),
    run: (actor, bodyId, { resolutionsPrivate }) =>
      setResolutionsPrivate(ctx, { actor, bodyId, resolutionsPrivate }),
  });
}

/** What a communication made the body's own motion answers. */
const Made = okWith({
  status: z.string(),
  motionId: z.string(),
  agendaItemId: z.string().nullable(),
});

/** A body's inbox, one communication, and the answers its secretary gives. */
function inboxRoutes(api: Api, ctx: AppContext) {
  viewRoute(api, {
    path: '/bodies/{id}/inbox',
    summary:
      "A body's inbox: resolutions that call on it and model motions sent to it, with their state and the steps I may take",
    description: 'The inbox',
    schema: Inbox,
    view: (actor, bodyId) => viewInbox(ctx, { actor, bodyId }),
  });

  viewRoute(api, {
    path: '/communications/{id}',
    summary: 'One communication in an inbox: the resolution, its state, history and legal steps',
    description: 'The communication',
    schema: Communication,
    view: (actor, communicationId) => viewCommunication(ctx, { actor, communicationId }),
  });

  actionRoute(api, {
    path: '/communications/{id}/answers',
    summary:
      'Answer a communication (secretary, admin): acknowledge; rule (inOrder, and a reason when out of order); record-outcome by hand (carried, lost, noted, referred, with a required reason; the sender sees it was recorded by hand). ILLEGAL_TRANSITION when the step cannot follow its state',
    action: AnswerCommunication,
    answer: json(okWith({ status: z.string(), reason: z.string().nullable() }), 'Answered'),
    refusals: conflict,
    run: (actor, communicationId, answer) =>
      answerCommunication(ctx, { actor, communicationId, answer }),
  });

  actionRoute(api, {
    path: '/communications/{id}/agenda',
    summary:
      "Put a communication ruled in order on the agenda: it becomes the body's own motion (the resolution's text, or `text`), submitted, and with meetingId on that meeting's agenda",
    action: TableCommunication,
    answer: json(Made, 'Its motion'),
    status: 201,
    refusals: conflict,
    run: (actor, communicationId, input) =>
      putCommunicationOnAgenda(ctx, { actor, communicationId, ...input }),
  });

  actionRoute(api, {
    path: '/communications/{id}/ballot',
    summary:
      "Put a communication ruled in order to a ballot of the body's members (open, secret or end-to-end verifiable with its key holders; a card vote if asked; opened now with openNow, else at its opening time or by hand; threshold from the standing orders): it becomes the body's own motion, decided when the ballot is counted, and the outcome with its figures and rule goes back to the sender",
    action: PutToBallot,
    answer: json(
      okWith({
        status: z.string(),
        motionId: z.string(),
        ballotId: z.string(),
        ballotState: z.enum(['draft', 'open']),
        electorate: z.number().nullable(),
      }),
      'Its motion and ballot',
    ),
    status: 201,
    refusals: conflict,
    run: (actor, communicationId, { text, ...ballot }) =>
      putCommunicationToBallot(ctx, { actor, communicationId, ballot, text }),
  });

  actionRoute(api, {
    path: '/bodies/{id}/composites',
    summary:
      'Composite two or more communications ruled in order into one motion of the body, keeping every source',
    action: CompositeCommunications,
    answer: json(
      okWith({
        motionId: z.string(),
        agendaItemId: z.string().nullable(),
        sources: z.number(),
      }),
      'The composite motion',
    ),
    status: 201,
    refusals: conflict,
    run: (actor, bodyId, input) => compositeCommunications(ctx, { actor, bodyId, ...input }),
  });
}

/** A model motion: publicised to the bodies below, its adoptions, and adopting one. */
function modelMotionRoutes(api: Api, ctx: AppContext) {
  actionRoute(api, {
    path: '/resolutions/{id}/withdrawal',
    summary:
      "Withdraw a resolution from one body it calls on (the sending body's secretary, admin): its delivery becomes withdrawn on both sides, and a body on another server is sent an Undo of the Offer. ILLEGAL_TRANSITION once that body has decided it",
    action: WithdrawResolution,
    answer: json(okWith({ status: z.string() }), 'Withdrawn'),
    refusals: conflict,
    run: (actor, resolutionId, { communicationId }) =>
      withdrawResolution(ctx, { actor, resolutionId, communicationId }),
  });

  actionRoute(api, {
    path: '/resolutions/{id}/model-motion',
    summary:
      'Publish a resolution as a model motion and publicise it to every body below (each inbox, each secretary emailed) and send it to the body’s follower bodies on other Seconded servers (sentElsewhere); the body may be left out',
    action: PublishModelMotion,
    answer: json(okWith({ publicisedTo: z.number(), sentElsewhere: z.number() }), 'Publicised'),
    status: 201,
    refusals: conflict,
    run: (actor, resolutionId) => publishModelMotion(ctx, { actor, resolutionId }),
  });

  viewRoute(api, {
    path: '/resolutions/{id}/adoptions',
    summary:
      "A model motion's adoptions: how many branches tabled and passed it, which, and each text's clause-level diff from the model",
    description: 'Adoptions',
    schema: ModelMotion,
    view: (actor, resolutionId) => viewModelMotion(ctx, { actor, resolutionId }),
  });

  actionRoute(api, {
    path: '/communications/{id}/adoption',
    summary:
      "Adopt a model motion from the inbox as the branch's own motion (the model's text, or `text` with clauses changed), submitted, and with meetingId on that meeting's agenda",
    action: TableCommunication,
    answer: json(Made.extend({ adoptionId: z.string() }), 'Adopted'),
    status: 201,
    refusals: conflict,
    run: (actor, communicationId, input) =>
      adoptModelMotion(ctx, { actor, communicationId, ...input }),
  });
}
