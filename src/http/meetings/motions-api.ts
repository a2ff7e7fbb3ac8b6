import { z } from '@hono/zod-openapi';
import { takeAmendmentStep } from '../../app/meetings/amendment-step.ts';
import { editMotionText } from '../../app/meetings/draft-motion.ts';
import { moveAmendment } from '../../app/meetings/move-amendment.ts';
import { putQuestion } from '../../app/meetings/put-question.ts';
import { putToSecretBallot } from '../../app/meetings/put-to-secret-ballot.ts';
import { putToVerifiableBallot } from '../../app/meetings/put-to-verifiable-ballot.ts';
import { recordVote } from '../../app/meetings/record-vote.ts';
import { secondMotion } from '../../app/meetings/second-motion.ts';
import { submitMotion } from '../../app/meetings/submit-motion.ts';
import { takeMotionStep } from '../../app/meetings/take-motion-step.ts';
import { viewMotion } from '../../app/meetings/view-meeting.ts';
import {
  actionRoute,
  type Api,
  conflict,
  json,
  okWith,
  stepRefusals,
  stepRoute,
  unprocessable,
  viewRoute,
} from '../api-kit.ts';
import type { AppContext } from '../../app/common/context.ts';
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
import { EditMotion, LookUpRemoteBody, SecondMotion } from './motion-schema.ts';
import { lookUpClause } from './motion-lookup.ts';
import { lookUpRemoteBody } from '../../app/federation/look-up-remote-body.ts';
import { Motion } from './views.ts';
import { MotionStatus, MotionText, QuestionResult } from '../view-schemas.ts';

/**
 * The motions part of the JSON API (/api/v1): motions with structured clauses, seconding,
 * amendments, the question and its vote. Refusals come back with the domain's code.
 */
export function motionsApi(api: Api, opts: HttpOptions) {
  const { ctx } = opts;
  motionRoutes(api, opts);
  amendmentRoutes(api, ctx);
  questionRoutes(api, ctx);
}

/** A motion: read, its text changed, seconded, submitted, and its steps at the meeting. */
function motionRoutes(api: Api, opts: HttpOptions) {
  const { ctx } = opts;
  viewRoute(api, {
    path: '/motions/{id}',
    summary: 'A motion: its clauses, state, and once debated the substantive text and amendments',
    description: 'The motion',
    schema: Motion,
    view: (actor, motionId) => viewMotion(ctx, { actor, motionId }),
  });

  actionRoute(api, {
    method: 'put',
    path: '/motions/{id}/text',
    summary: 'Change the text of my draft; with `submit`, submit it once saved',
    action: EditMotion,
    answer: json(okWith({ text: MotionText }), 'Saved'),
    refusals: stepRefusals,
    run: async (actor, motionId, { secretKind, submit, lookup, ...text }) => {
      await lookUpClause(opts, { actor, motionId, clauses: text.clauses, lookup });
      const result = await editMotionText(ctx, { actor, motionId, text, secretKind });
      if (submit) await submitMotion(ctx, { actor, motionId });
      return { text: result.text };
    },
  });

  actionRoute(api, {
    path: '/motions/{id}/remote-body',
    summary:
      'Look up a body on another server that my draft\'s "calls on" clause may name, by handle (@nec@party.example, WebFinger) or its actor\'s URL: its name, server and actor id. Refused (VALIDATION_FAILED) for a server that is not an allowed peer or an actor that is not a Group, NOT_FOUND when nothing is there. A clause then saved naming that address keeps the actor found',
    action: LookUpRemoteBody,
    answer: json(
      okWith({ address: z.string(), name: z.string(), server: z.string(), actorId: z.string() }),
      'Found',
    ),
    refusals: unprocessable,
    run: (actor, motionId, { address }) =>
      lookUpRemoteBody(ctx, { actor, motionId, address, find: opts.federation?.findActor ?? null }),
  });

  stepRoute(api, {
    path: '/motions/{id}/second',
    summary: 'Second a draft motion before it is submitted',
    refusals: unprocessable,
    action: SecondMotion,
    run: (actor, motionId) => secondMotion(ctx, { actor, motionId }),
  });
  stepRoute(api, {
    path: '/motions/{id}/submit',
    summary: 'Submit my motion: its text is checked in full, the deadline applies',
    answer: { status: MotionStatus },
    refusals: unprocessable,
    run: (actor, motionId) => submitMotion(ctx, { actor, motionId }),
  });

  actionRoute(api, {
    path: '/motions/{id}/steps',
    summary:
      'A step of the motion at the meeting: move, second, fall, open-debate, withdraw (consent), next-business, refer, remit',
    action: MotionStep,
    answer: Taken,
    refusals: stepRefusals,
    run: (actor, motionId, step) =>
      takeMotionStep(ctx, { actor, motionId, step }).then(({ status }) => ({ status })),
  });
}

/** What a step on a motion or an amendment answers: the state it is in now. */
const Taken = json(okWith({ status: z.string() }), 'Taken');

/** Amendments moved from the floor, and their steps. */
function amendmentRoutes(api: Api, ctx: AppContext) {
  actionRoute(api, {
    path: '/motions/{id}/amendments',
    summary:
      'Move an amendment from the floor (by: the mover, when the chair records it); parentId amends an amendment',
    action: MoveAmendment,
    answer: json(okWith({ amendmentId: z.string(), description: z.string() }), 'Moved'),
    status: 201,
    refusals: stepRefusals,
    run: (actor, motionId, { change, parentId, by }) =>
      moveAmendment(ctx, { actor, motionId, change: toChange(change), parentId, by }),
  });

  actionRoute(api, {
    path: '/amendments/{id}/steps',
    summary: 'A step of an amendment: second, withdraw (with consent), fall',
    action: AmendmentStep,
    answer: Taken,
    refusals: stepRefusals,
    run: (actor, amendmentId, step) =>
      takeAmendmentStep(ctx, { actor, amendmentId, step }).then(({ status }) => ({ status })),
  });
}

/** The question put on a motion (or the amendment before the meeting), and the vote on it. */
function questionRoutes(api: Api, ctx: AppContext) {
  actionRoute(api, {
    path: '/motions/{id}/question',
    summary:
      'Put the question before the meeting on this motion (the amendment taken now, else the motion as amended); QUORUM_NOT_MET without a quorum. `secret-ballot` puts the motion to an online secret ballot of the members present (their card weights if `weighted`), returning its `ballotId`; closing that ballot declares the result. With `trustees`, the ballot is end-to-end verifiable: drafted with its setup event (also returning `setupHash`), opened by POST /ballots/{id}/verifiable/open once the trustees have made their keys, and declared when they have decrypted it',
    action: PutQuestion,
    answer: json(
      okWith({
        questionId: z.string(),
        on: z.enum(['motion', 'amendment']),
        wording: z.string(),
        ballotId: z.string().optional(),
        /** A secret ballot's electorate, frozen as it is put: the members present. */
        electorate: z.number().int().optional(),
        setupHash: z.string().optional(),
      }),
      'Put',
    ),
    status: 201,
    refusals: conflict,
    run: (actor, motionId, { mode, weighted, trustees, needed }) =>
      mode === 'secret-ballot'
        ? trustees
          ? putToVerifiableBallot(ctx, { actor, motionId, weighted, trustees, needed })
          : putToSecretBallot(ctx, { actor, motionId, weighted })
        : putQuestion(ctx, { actor, motionId, mode }),
  });

  actionRoute(api, {
    path: '/questions/{id}/vote',
    summary:
      'Record the vote on the question put and declare the result: show of hands (counts), roll call (answers by name), card vote (each card holder’s choice); for a question put to a secret ballot, closing the ballot declares it, and `secret-ballot` here only gives or declines the chair’s casting vote when the votes were equal',
    action: RecordVote,
    answer: json(
      okWith({
        outcome: z.enum(['carried', 'lost', 'not-carried']),
        declared: z.string(),
        result: QuestionResult,
      }),
      'Declared',
    ),
    refusals: stepRefusals,
    run: async (actor, questionId, input) => {
      const { outcome, declared, result } = await recordVote(ctx, {
        actor,
        questionId,
        vote: toVote(input),
        castingVote: input.castingVote ?? null,
      });
      return { outcome, declared, result: { ...result } };
    },
  });
}
