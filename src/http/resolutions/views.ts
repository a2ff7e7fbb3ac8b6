import { z } from '@hono/zod-openapi';
import { COMMUNICATION_KINDS } from '../../domain/resolutions/communication.ts';
import {
  CommunicationHistory,
  CommunicationStatus,
  LegalEvents,
  MeetingRef,
  MotionStatus,
  MotionText,
  Named,
  Organisation,
  Outcome,
  QuestionResult,
  PublishedText,
  Threshold,
  VoteCounts,
  When,
} from '../view-schemas.ts';

/** What the resolution, inbox and model-motion routes answer (view-resolution.ts, view-inbox.ts). */

const CommunicationKind = z.enum(COMMUNICATION_KINDS);
const BodyRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const Resolution = z
  .object({
    id: z.string(),
    slug: z.string(),
    path: z.string(),
    organisation: Organisation,
    body: BodyRef,
    text: PublishedText,
    meeting: z
      .object({
        id: z.string(),
        title: z.string(),
        startsAt: When,
        timeZone: z.string(),
        location: z.string().nullable(),
        minutesPath: z.string().nullable(),
      })
      .nullable(),
    passedAt: When,
    declared: z.string(),
    /** The result as codes and figures, for a client to word in its reader's language. */
    result: QuestionResult,
    /** The audit entry that sealed it. */
    sealHash: z.string().nullable(),
    outcome: Outcome,
    threshold: Threshold,
    rule: z.string(),
    counts: VoteCounts,
    isPrivate: z.boolean(),
    /** Each "calls on" clause's communication, with its state and history. */
    deliveries: z.array(
      z.object({
        id: z.string(),
        addressee: z.string(),
        toBody: z.object({ name: z.string(), organisation: z.string() }).nullable(),
        status: CommunicationStatus,
        statusWords: z.string(),
        reason: z.string().nullable(),
        updatedAt: When,
        /** Not yet decided by the body it calls on: its sender may still withdraw it. */
        open: z.boolean(),
        history: CommunicationHistory,
      }),
    ),
    model: z.object({
      publishedAt: When.nullable(),
      publicisedTo: z.number().int(),
      adopted: z.number().int(),
    }),
    may: z.object({ publishModel: z.boolean(), seeModel: z.boolean(), withdraw: z.boolean() }),
  })
  .openapi('Resolution');

export const BodyResolutions = z
  .object({
    organisation: z.object({ slug: z.string(), name: z.string() }),
    body: BodyRef,
    resolutionsPrivate: z.boolean(),
    mayChangePublication: z.boolean(),
    feedPath: z.string(),
    resolutions: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        path: z.string(),
        passedAt: When,
        declared: z.string(),
        result: QuestionResult,
        isModel: z.boolean(),
      }),
    ),
  })
  .openapi('BodyResolutions');

export const Inbox = z
  .object({
    body: Named,
    mayAnswer: z.boolean(),
    meetings: z.array(MeetingRef),
    items: z.array(
      z.object({
        id: z.string(),
        kind: CommunicationKind,
        title: z.string(),
        from: z.string(),
        resolutionPath: z.string(),
        receivedAt: When,
        status: CommunicationStatus,
        statusWords: z.string(),
        reason: z.string().nullable(),
        motionId: z.string().nullable(),
        legalEvents: LegalEvents,
      }),
    ),
  })
  .openapi('Inbox');

export const Communication = z
  .object({
    id: z.string(),
    kind: CommunicationKind,
    body: Named,
    from: z.object({ body: z.string(), organisation: z.string() }),
    resolution: z.object({
      id: z.string(),
      title: z.string(),
      path: z.string(),
      declared: z.string(),
      result: QuestionResult,
      passedAt: When,
      text: PublishedText,
      /** The text as the body would adopt it (a model motion). */
      ownText: MotionText,
    }),
    status: CommunicationStatus,
    statusWords: z.string(),
    reason: z.string().nullable(),
    motion: z.object({ id: z.string(), title: z.string(), status: MotionStatus }).nullable(),
    ballot: z
      .object({ id: z.string(), state: z.enum(['draft', 'open', 'closed']), secret: z.boolean() })
      .nullable(),
    history: CommunicationHistory,
    mayAnswer: z.boolean(),
    legalEvents: LegalEvents,
    legalOutcomes: z.array(z.enum(['carried', 'lost', 'noted', 'referred'])),
    meetings: z.array(MeetingRef),
  })
  .openapi('Communication');

const Clause = MotionText.shape.clauses.element;
const WordChange = z.object({ change: z.enum(['same', 'added', 'removed']), text: z.string() });
const ClauseChange = z.discriminatedUnion('change', [
  z.object({ change: z.literal('same'), model: Clause, branch: Clause }),
  z.object({
    change: z.literal('changed'),
    model: Clause,
    branch: Clause,
    words: z.array(WordChange),
  }),
  z.object({ change: z.literal('added'), branch: Clause }),
  z.object({ change: z.literal('removed'), model: Clause }),
]);

export const ModelMotion = z
  .object({
    id: z.string(),
    title: z.string(),
    path: z.string(),
    body: Named,
    publishedAt: When,
    text: PublishedText,
    publicisedTo: z.array(
      z.object({ bodyName: z.string(), status: CommunicationStatus, statusWords: z.string() }),
    ),
    counts: z.object({ adopted: z.number(), tabled: z.number(), passed: z.number() }),
    adoptions: z.array(
      z.object({
        bodyId: z.string(),
        bodyName: z.string(),
        motionId: z.string(),
        motionStatus: MotionStatus,
        tabled: z.boolean(),
        passed: z.boolean(),
        adoptedAt: When,
        changed: z.boolean(),
        title: z.string(),
        /** Clause by clause against the model, with the words changed. */
        diff: z.array(ClauseChange),
      }),
    ),
    /** Bodies on other servers that carried a motion adopted from it (FEP-400e); plain text. */
    adoptedElsewhere: z.array(
      z.object({
        bodyName: z.string(),
        server: z.string(),
        actorId: z.string(),
        resolutionUrl: z.string(),
        title: z.string(),
        adoptedAt: When,
      }),
    ),
  })
  .openapi('ModelMotion');

/** The bodies on other servers a body follows, for its secretary (docs/model-motions.md). */
export const Followings = z
  .object({
    body: Named,
    /** False where this server does not federate: nothing can be followed. */
    federates: z.boolean(),
    followings: z.array(
      z.object({
        actorId: z.string(),
        address: z.string(),
        /** Remote text: shown as text. */
        name: z.string(),
        server: z.string(),
        state: z.enum(['pending', 'accepted', 'refused']),
        since: When,
      }),
    ),
  })
  .openapi('Followings');
