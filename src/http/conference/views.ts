import { z } from '@hono/zod-openapi';
import { ATTENDANCE_STATES, CREDENTIAL_STATES } from '../../domain/conference/credentials.ts';
import { SUBMISSION_STATUSES } from '../../domain/conference/outcomes.ts';
import { CLAUSE_KINDS } from '../../domain/meetings/motion-text.ts';
import { When } from '../view-schemas.ts';
import { Ruling } from './schema.ts';

/** The answers of the conference API (src/app/conference/view-*.ts present them). */

const Fraction = z.string().openapi({ example: '341/420' });
const SubmissionStatus = z.enum(SUBMISSION_STATUSES);
const CredentialState = z.enum(CREDENTIAL_STATES);

/** A sitting of the conference, its attendance from the door and whether it is quorate. */
const Session = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: When,
  quorum: z.number().nullable(),
  present: z.number(),
  quorate: z.boolean(),
});

/** The organisers' door list (src/app/conference/view-credentials.ts). */
export const Credentials = z
  .object({
    meetingId: z.string(),
    currentSessionId: z.string().nullable(),
    sessions: z.array(Session),
    delegates: z.array(
      z.object({
        personId: z.string(),
        name: z.string(),
        delegation: z.string(),
        leader: z.boolean(),
        state: CredentialState.nullable(),
        /** The sessions the door has them in now. */
        inSessions: z.array(z.string()),
      }),
    ),
  })
  .openapi('ConferenceCredentials');

export const CardResult = z
  .object({
    threshold: z.enum(['simple-majority', 'two-thirds']),
    outcome: z.enum(['carried', 'lost']),
    for: Fraction,
    against: Fraction,
    forPercent: z.string(),
    againstPercent: z.string(),
    sections: z.array(
      z.object({
        section: z.string(),
        share: Fraction,
        for: z.number(),
        against: z.number(),
        abstain: z.number(),
        normalisedFor: Fraction,
        normalisedAgainst: Fraction,
      }),
    ),
  })
  .openapi('ConferenceCardResult');

const Priorities = z.object({
  sections: z.array(
    z.object({
      section: z.string(),
      totals: z.array(z.object({ subject: z.string(), votes: z.number() })),
      chosen: z.array(z.string()),
      tieAtCut: z.boolean(),
      papers: z.number(),
    }),
  ),
  debated: z.array(z.string()),
});

/** A submission as the conference shows it, with its text and ruling. */
const Submission = z.object({
  id: z.string(),
  kind: z.enum(['motion', 'rule-change', 'composite']),
  title: z.string(),
  from: z.string().nullable(),
  clauses: z.array(z.object({ kind: z.enum(CLAUSE_KINDS), text: z.string() })),
  amendsRule: z.string().nullable(),
  subject: z.string().nullable(),
  status: SubmissionStatus,
  ruling: Ruling.nullable(),
  recommendation: z.string().nullable(),
  compositedInto: z.string().nullable(),
  mover: z.string().nullable(),
  seconder: z.string().nullable(),
  sources: z.array(z.string()),
});

export const Conference = z
  .object({
    /** Whether I run the conference (its committee's desk). */
    canRun: z.boolean(),
    meeting: z.object({ id: z.string(), title: z.string(), startsAt: When, bodyId: z.string() }),
    sections: z.array(z.object({ key: z.string(), name: z.string(), share: Fraction })),
    formula: z.object({
      membersPerDelegate: z.number(),
      minimum: z.number(),
      maximum: z.number().nullable(),
    }),
    rules: z.object({
      submissions: z.object({
        wordLimit: z.number(),
        opensAt: When.nullable(),
        closesAt: When.nullable(),
        perOrganisation: z.number(),
      }),
      delegatesCloseAt: When.nullable(),
      priorities: z.object({ perSection: z.number(), choicesPerPaper: z.number() }),
    }),
    delegations: z.array(
      z.object({
        id: z.string(),
        bodyId: z.string(),
        name: z.string(),
        section: z.string(),
        members: z.number(),
        entitled: z.number(),
        weight: z.number(),
        delegates: z.number(),
        substitutes: z.number(),
      }),
    ),
    myDelegation: z
      .object({
        id: z.string(),
        name: z.string(),
        section: z.string(),
        weight: z.number(),
        leader: z.boolean(),
        delegate: z.boolean(),
      })
      .nullable(),
    myCredential: z
      .object({
        state: CredentialState,
        session: z.object({ id: z.string(), title: z.string() }).nullable(),
        attendance: z.enum(ATTENDANCE_STATES).nullable(),
      })
      .nullable(),
    submissions: z.array(Submission),
    /** Every subject (null: none named yet) with its submissions counted, in all and by status. */
    subjects: z.array(
      z.object({
        subject: z.string().nullable(),
        total: z.number(),
        byStatus: z.partialRecord(SubmissionStatus, z.number()),
      }),
    ),
    /** The page `submissions` is: its subject (absent: every subject), offset and total. */
    submissionsPage: z.object({
      subject: z.string().nullable().optional(),
      from: z.number(),
      total: z.number(),
    }),
    /** The submissions the card votes and references back name, wherever their page is. */
    business: z.array(Submission),
    /** The submissions going to debate (in order, or composites, on the chosen subjects). */
    debated: z.array(
      z.object({
        id: z.string(),
        subject: z.string(),
        title: z.string(),
        from: z.string().nullable(),
      }),
    ),
    priorities: Priorities.nullable(),
    referencesBack: z.array(
      z.object({
        id: z.string(),
        submissionIds: z.array(z.string()),
        titles: z.array(z.string()),
        mover: z.string().nullable(),
        status: z.enum(['moved', 'carried', 'lost']),
        decidedBy: z.enum(['show-of-hands', 'card-vote']).nullable(),
      }),
    ),
    cardVotes: z.array(
      z.object({
        id: z.string(),
        submissionId: z.string(),
        /** A card vote on a reference back of the committee's report, not on a motion. */
        referenceBackId: z.string().nullable(),
        title: z.string(),
        threshold: z.enum(['simple-majority', 'two-thirds']),
        open: z.boolean(),
        /** Secret: only that each delegation voted is kept, and the sections' totals. */
        secret: z.boolean(),
        cards: z.number(),
        myCardCast: z.boolean(),
        result: CardResult.nullable(),
      }),
    ),
  })
  .openapi('Conference');

export const BranchSubmissions = z
  .array(
    z.object({
      id: z.string(),
      conference: z.string(),
      meetingId: z.string(),
      kind: z.enum(['motion', 'rule-change', 'composite']),
      title: z.string(),
      status: SubmissionStatus,
      reason: z.string().nullable(),
      editedText: z.string().nullable(),
      compositedInto: z.string().nullable(),
      result: CardResult.nullable(),
    }),
  )
  .openapi('ConferenceBranchSubmissions');
