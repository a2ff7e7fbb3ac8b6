import { z } from '@hono/zod-openapi';
import { BALLOT_KINDS } from '../domain/ballots/ballot.ts';
import { MOTION_STATUSES, SECRET_KINDS } from '../domain/meetings/motion.ts';
import { CLAUSE_KINDS } from '../domain/meetings/motion-text.ts';
import { PROCEDURAL_KINDS } from '../domain/meetings/procedural.ts';
import { BODY_KINDS } from '../domain/names.ts';
import { ROLES } from '../domain/organisations/policy.ts';
import { standingOrdersSchema, THRESHOLDS } from '../domain/organisations/standing-orders.ts';
import { COMMUNICATION_STATUSES } from '../domain/resolutions/communication.ts';

/**
 * The pieces the answers of several areas share (a person, a body, a motion's summary and
 * text, a question's result, a ballot's result), each named once in the OpenAPI document so a
 * generated client has one type for each. The presenters in src/app/**\/view-*.ts shape these
 * values; a presenter that drifts from its schema does not compile (api-kit.ts, `Presented`).
 */

/** A date and time, or a day, as ISO 8601 text. */
export const When = z.string().openapi({ example: '2026-07-14T18:30:00.000Z' });
export const Named = z.object({ id: z.string(), name: z.string() }).openapi('Named');
export const Role = z.enum(ROLES);
export const BodyKind = z.enum(BODY_KINDS);
export const Threshold = z.enum(THRESHOLDS);
export const MotionStatus = z.enum(MOTION_STATUSES);
export const SecretKind = z.enum(SECRET_KINDS).nullable();
export const CommunicationStatus = z.enum(COMMUNICATION_STATUSES);
export const MeetingStatus = z.enum(['scheduled', 'open', 'closed', 'cancelled']);
export const BallotState = z.enum(['draft', 'open', 'closed']);
export const BallotKind = z.enum(BALLOT_KINDS);
export const VoteMode = z.enum(['show-of-hands', 'roll-call', 'card', 'secret-ballot']);
export const Procedural = z.enum(PROCEDURAL_KINDS).nullable();
export const Outcome = z.enum(['carried', 'lost', 'not-carried']);
/** The steps the rules allow now, by name (a motion's `move`, a communication's `adopt`). */
export const LegalEvents = z.array(z.string());
/** The domain's own schema, its fields taken into a schema that can be named in the document. */
export const StandingOrders = z.object(standingOrdersSchema.shape).openapi('StandingOrders');
export const Organisation = z
  .object({ id: z.string(), slug: z.string(), name: z.string() })
  .openapi('Organisation');

export const VoteCounts = z
  .object({ for: z.number(), against: z.number(), abstain: z.number() })
  .openapi('VoteCounts');

/** How a question was decided: the outcome, and the rule applied to which counts. */
export const QuestionResult = z
  .object({
    outcome: Outcome,
    ruleApplied: z.object({
      threshold: Threshold,
      counts: VoteCounts,
      present: z.number(),
      members: z.number(),
      forNeeded: z.number(),
      tie: z
        .object({
          tieRule: z.enum(['casting-vote', 'not-carried', 'lost']),
          castingVote: z.enum(['for', 'against']).nullable(),
          settledBy: z.enum(['casting-vote', 'not-carried', 'lost']),
        })
        .nullable(),
    }),
  })
  .openapi('QuestionResult');

const Addressee = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('body'), bodyId: z.string(), name: z.string() }),
    z.object({
      kind: z.literal('named-body'),
      name: z.string(),
      remote: z.object({ actor: z.string(), address: z.string(), server: z.string() }).optional(),
    }),
    z.object({ kind: z.literal('officer'), officer: z.string() }),
  ])
  .openapi('Addressee');

/** A motion's text as stored and as sent: its clauses in order, each with a stable id. */
export const MotionText = z
  .object({
    title: z.string(),
    clauses: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(CLAUSE_KINDS),
        text: z.string(),
        addressee: Addressee.optional(),
      }),
    ),
  })
  .openapi('MotionText');

/** A motion's text to read: each clause numbered and as a sentence. */
export const PresentedText = z
  .object({
    title: z.string(),
    clauses: z.array(
      z.object({
        id: z.string(),
        number: z.number().int(),
        kind: z.enum(CLAUSE_KINDS),
        text: z.string(),
        addressee: Addressee.nullable(),
        sentence: z.string(),
      }),
    ),
  })
  .openapi('PresentedText');

/** A published text: each clause numbered and as a sentence, nothing else. */
export const PublishedText = z
  .object({
    title: z.string(),
    clauses: z.array(
      z.object({
        id: z.string(),
        number: z.number().int(),
        kind: z.enum(CLAUSE_KINDS),
        sentence: z.string(),
      }),
    ),
  })
  .openapi('PublishedText');

export const MeetingSummary = z
  .object({
    id: z.string(),
    bodyId: z.string(),
    title: z.string(),
    startsAt: When,
    location: z.string().nullable(),
    timeZone: z.string(),
    status: MeetingStatus,
    noticeGivenAt: When.nullable(),
    emergency: z.boolean(),
    openedAt: When.nullable(),
    closedAt: When.nullable(),
  })
  .openapi('MeetingSummary');

export const MotionSummary = z
  .object({
    id: z.string(),
    bodyId: z.string(),
    meetingId: z.string().nullable(),
    title: z.string(),
    status: MotionStatus,
    statusWords: z.string(),
    proposer: Named,
    seconder: Named.nullable(),
    movedBy: z.string().nullable(),
    result: QuestionResult.nullable(),
    secretKind: SecretKind,
    compositedInto: z.string().nullable(),
  })
  .openapi('MotionSummary');

/** The motion before the meeting as debated: its texts and its amendments. */
export const Debate = z.object({
  original: PresentedText,
  substantive: PresentedText,
  amended: z.boolean(),
  amendments: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      depth: z.number().int(),
      description: z.string(),
      status: MotionStatus,
      statusWords: z.string(),
      mover: z.string(),
      seconder: z.string().nullable(),
      legalEvents: LegalEvents,
      result: QuestionResult.nullable(),
    }),
  ),
});

/** A communication's state as it moved, with the words for each. */
export const CommunicationHistory = z.array(
  z.object({
    at: When,
    status: CommunicationStatus,
    words: z.string(),
    note: z.string().nullable(),
    /** The note as written: Seconded's own words in every language, people's as they wrote them. */
    written: z.union([z.string(), z.record(z.string(), z.string())]).nullable(),
  }),
);

export const MeetingRef = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: When,
  timeZone: z.string(),
});
