import { z } from '@hono/zod-openapi';
import { ElectorOnBallot, HybridTurnout } from '../ballots/views.ts';
import {
  Debate,
  LegalEvents,
  MeetingSummary,
  MotionSummary,
  Named,
  PresentedText,
  Procedural,
  QuestionResult,
  StandingOrders,
  VoteCounts,
  VoteMode,
  When,
  BallotState,
  MeetingStatus,
} from '../view-schemas.ts';

/** What the meeting, motion, minutes and speakers routes answer (view-meeting.ts, view-speakers.ts). */

export const MeetingList = z
  .object({ body: Named, meetings: z.array(MeetingSummary), canRun: z.boolean() })
  .openapi('MeetingList');

const Opening = z
  .discriminatedUnion('allowed', [
    z.object({
      allowed: z.literal(true),
      emergency: z.boolean(),
      clearDays: z.number().int().nullable(),
    }),
    z.object({ allowed: z.literal(false), reason: z.string(), earliest: When.nullable() }),
  ])
  .openapi('OpeningDecision');

/** The question before the meeting: an amendment, or the motion itself. */
const QuestionBefore = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('amendment'),
    amendmentId: z.string(),
    depth: z.number().int(),
    wording: z.string(),
    motionIfCarried: PresentedText,
  }),
  z.object({ kind: z.literal('motion'), substantive: z.boolean() }),
]);

/** A legal next step of the meeting (src/domain/meetings/next-steps.ts), for those who run it. */
export const MeetingStep = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('open') }),
    z.object({ type: z.literal('cancel') }),
    z.object({ type: z.literal('close') }),
    z.object({
      type: z.literal('take-up'),
      motionId: z.string(),
      event: z.enum(['move', 'fall']),
    }),
    z.object({
      type: z.literal('motion'),
      motionId: z.string(),
      event: z.enum(['second', 'open-debate', 'put-question', 'withdraw', 'fall', 'remit']),
    }),
    z.object({
      type: z.literal('amendment'),
      amendmentId: z.string(),
      event: z.enum(['second', 'withdraw']),
    }),
    z.object({ type: z.literal('amend'), motionId: z.string() }),
    z.object({ type: z.literal('procedural'), kind: z.string() }),
  ])
  .openapi('MeetingStep');

export const Meeting = MeetingSummary.extend({
  steps: z.array(MeetingStep),
  /** The code members sign themselves in with at /join, while it works. */
  signInCode: z.object({ code: z.string(), shown: z.string() }).nullable(),
  body: Named,
  chair: z.string().nullable(),
  rules: StandingOrders,
  opening: Opening,
  motionDeadline: When,
  agenda: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      motionId: z.string().nullable(),
    }),
  ),
  quorum: z.object({
    met: z.boolean(),
    present: z.number(),
    required: z.number(),
    members: z.number(),
    words: z.string(),
  }),
  present: z.array(z.object({ personId: z.string(), name: z.string() })),
  /** Members away whose proxy a member present holds, answered for in a vote by name. */
  byProxy: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      holderId: z.string(),
      holderName: z.string(),
    }),
  ),
  /** The register, for those who may see it: to sign people in. */
  register: z
    .array(z.object({ personId: z.string(), name: z.string(), present: z.boolean() }))
    .nullable(),
  motions: z.array(MotionSummary),
  current: MotionSummary.extend({
    ...Debate.shape,
    legalEvents: LegalEvents,
    question: QuestionBefore,
    secretBallot: z.boolean(),
  }).nullable(),
  questionPut: z
    .object({
      id: z.string(),
      wording: z.string(),
      mode: VoteMode,
      ballot: z
        .object({
          id: z.string(),
          state: BallotState,
          weighted: z.boolean(),
          electorate: z.number(),
          voted: z.number(),
          counts: VoteCounts.nullable(),
          mine: z.object({ voted: z.boolean() }).nullable(),
          paper: z
            .object({
              turnout: HybridTurnout,
              electors: z.array(ElectorOnBallot),
              canCount: z.boolean(),
            })
            .nullable(),
        })
        .nullable(),
    })
    .nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      wording: z.string(),
      procedural: Procedural,
      mode: VoteMode,
      declared: z.string().nullable(),
      result: QuestionResult.nullable(),
      resultHash: z.string().nullable(),
    }),
  ),
  minutes: z.object({ status: z.enum(['draft', 'approved']) }).nullable(),
  me: z.object({ member: z.boolean(), present: z.boolean() }),
  canRun: z.boolean(),
}).openapi('Meeting');

export const MotionList = z
  .object({ body: Named, motions: z.array(MotionSummary) })
  .openapi('MotionList');

export const Motion = MotionSummary.extend({
  body: Named,
  meeting: MeetingSummary.nullable(),
  text: PresentedText,
  compositedFrom: z.array(z.object({ id: z.string(), title: z.string() })),
  composite: z.object({ id: z.string(), title: z.string() }).nullable(),
  debate: Debate.nullable(),
  deadline: When.nullable(),
  canEdit: z.boolean(),
  canSecond: z.boolean(),
  canRun: z.boolean(),
  addressees: z.array(Named),
}).openapi('Motion');

export const MinutesDocument = z
  .object({
    title: z.string(),
    sections: z.array(
      z.object({
        heading: z.string(),
        items: z.array(z.object({ kind: z.enum(['record', 'resolution']), text: z.string() })),
      }),
    ),
  })
  .openapi('MinutesDocument');

export const Minutes = z
  .object({
    meeting: MeetingSummary,
    body: Named,
    status: z.enum(['draft', 'approved']),
    document: MinutesDocument,
    approvedAt: When.nullable(),
    approvedAtMeeting: z.string().nullable(),
    corrections: z.array(
      z.object({
        at: When,
        meetingRef: z.string(),
        text: z.string(),
        result: QuestionResult.optional(),
      }),
    ),
    /** The minutes as plain text. */
    text: z.string(),
    canEdit: z.boolean(),
    approvableAt: z.array(z.object({ id: z.string(), title: z.string() })),
  })
  .openapi('Minutes');

const Request = z.object({
  requestId: z.string(),
  personId: z.string(),
  name: z.string(),
  side: z.enum(['for', 'against']).nullable(),
  pointOfOrder: z.boolean(),
  askedAt: When,
  mine: z.boolean(),
});

export const Speakers = z
  .object({
    meetingId: z.string(),
    status: MeetingStatus,
    motion: z.object({ id: z.string(), title: z.string() }).nullable(),
    speaking: Request.extend({
      calledAt: When,
      timeLimitSeconds: z.number().int().nullable(),
      secondsLeft: z.number().nullable(),
      endsAt: When.nullable(),
    }).nullable(),
    queue: z.array(Request),
    spoken: z.array(Request),
    mayRun: z.boolean(),
    now: When,
  })
  .openapi('Speakers');
