import { z } from '@hono/zod-openapi';
import { RECOMMENDATIONS } from '../../domain/conference/arrangements.ts';
import { CLAUSE_KINDS, MOTION_LIMITS } from '../../domain/meetings/motion-text.ts';
import { localTimeToUtc } from '../../domain/meetings/notice.ts';
import { action, field, fieldValues, formNumber, formTick } from '../action.ts';

/**
 * What people send about a conference: its set-up, delegations, submissions, the committee's
 * rulings, priorities papers, composites and cards. One schema per action, read by the JSON route
 * and the HTML form alike (src/http/action.ts).
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const Instant = z.string().max(40).nullable();
const PersonIds = z.array(z.string().min(1).max(64)).max(100);

export const SetUpConference = action(
  'ConferenceSetUp',
  z.object({
    sections: z
      .array(z.object({ key: Text(40), name: Text(200), share: Text(40) }))
      .min(1)
      .max(10),
    formula: z.object({
      membersPerDelegate: z.number().int().min(1),
      minimum: z.number().int().min(0),
      maximum: z.number().int().min(1).nullable(),
    }),
    rules: z.object({
      submissions: z.object({
        wordLimit: z.number().int().min(1).max(10_000),
        opensAt: Instant,
        closesAt: Instant,
        perOrganisation: z.number().int().min(1).max(10),
      }),
      delegatesCloseAt: Instant,
      priorities: z.object({
        perSection: z.number().int().min(1).max(50),
        choicesPerPaper: z.number().int().min(1).max(50),
      }),
    }),
  }),
);

export const RegisterDelegation = action(
  'ConferenceDelegationRegister',
  z.object({
    bodyId: Text(64),
    section: Text(40),
    members: z.number().int().min(0),
  }),
);

export const NameDelegates = action(
  'ConferenceDelegatesName',
  z.object({ delegates: PersonIds, substitutes: PersonIds, leader: z.string().max(64).nullable() }),
);

export const SubmitToConference = action(
  'ConferenceSubmit',
  z.object({
    kind: z.enum(['motion', 'rule-change']),
    title: Text(MOTION_LIMITS.title),
    clauses: z
      .array(z.object({ kind: z.enum(CLAUSE_KINDS), text: Text(MOTION_LIMITS.clauseText) }))
      .min(1)
      .max(MOTION_LIMITS.clauses),
    amendsRule: z.string().max(200).nullable().optional(),
    /** One of the branch's resolutions: the branch then follows it on that resolution's page. */
    resolutionId: z.string().min(1).max(64).nullable().optional(),
  }),
);

export const Ruling = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('in') }),
    z.object({ kind: z.literal('out'), reason: z.string().max(2000) }),
    z.object({ kind: z.literal('in-after-edits'), text: z.string().max(20_000) }),
  ])
  .openapi('ConferenceRuling');

export const RuleSubmission = action(
  'ConferenceRule',
  z.object({
    ruling: Ruling,
    subject: z.string().max(200).nullable().optional(),
    recommendation: z.enum(RECOMMENDATIONS).nullable().optional(),
  }),
  {
    fromForm: (f) => {
      const kind = field(f, 'kind');
      const ruling =
        kind === 'out'
          ? { kind, reason: field(f, 'reason') ?? '' }
          : kind === 'in-after-edits'
            ? { kind, text: field(f, 'text') ?? '' }
            : { kind };
      return {
        ruling,
        subject: field(f, 'subject') || null,
        recommendation: field(f, 'recommendation') || null,
      };
    },
    fieldOf: (path) => (path.startsWith('ruling.') ? path.slice('ruling.'.length) : path),
  },
);

export const CastPrioritiesPaper = action(
  'ConferencePriorities',
  z.object({ subjects: z.array(z.string().min(1).max(200)).min(1).max(50) }),
  { fromForm: (f) => ({ subjects: fieldValues(f, 'subjects') }) },
);

export const CompositeSubmissions = action(
  'ConferenceComposite',
  z.object({
    submissionIds: z.array(z.string().min(1).max(64)).min(2).max(50),
    moverDelegationId: Text(64),
    seconderDelegationId: Text(64),
    insisting: z.array(z.string().min(1).max(64)).max(50).optional(),
    title: z.string().max(MOTION_LIMITS.title),
  }),
);

/** A card vote called; a secret one keeps only that each delegation voted (cast-card.ts). */
export const OpenCardVote = action(
  'ConferenceCardVoteOpen',
  z.object({ secret: z.boolean().optional() }),
  { fromForm: (f) => ({ secret: formTick(field(f, 'secret')) }) },
);
export const MoveReferenceBack = action(
  'ConferenceReferenceBack',
  z.object({
    submissionIds: z.array(z.string().min(1).max(64)).min(1).max(500),
    moverDelegationId: z.string().min(1).max(64).nullable().optional(),
  }),
  {
    fromForm: (f) => ({
      submissionIds: fieldValues(f, 'submissionIds'),
      moverDelegationId: field(f, 'moverDelegationId') || null,
    }),
  },
);
export const DecideReferenceBack = action(
  'ConferenceReferenceBackDecision',
  z.object({ carried: z.boolean() }),
  { fromForm: (f) => ({ carried: field(f, 'carried') === 'yes' }) },
);
export const OpenReferenceBackVote = action('ConferenceReferenceBackCardVote', z.object({}));
export const RemitSubmission = action('ConferenceRemit', z.object({}));
export const CloseCardVote = action('ConferenceCardVoteClose', z.object({}));
export const CountPriorities = action('ConferencePrioritiesCount', z.object({}));

const Weight = z.number().int().min(0);
export const CastCard = action(
  'ConferenceCard',
  z.object({ delegationId: Text(64), for: Weight, against: Weight, abstain: Weight }),
  {
    fromForm: (f) => ({
      delegationId: field(f, 'delegationId') ?? '',
      for: formNumber(field(f, 'for')),
      against: formNumber(field(f, 'against')),
      abstain: formNumber(field(f, 'abstain') || '0'),
    }),
  },
);

const PersonId = z.string().min(1).max(64);
export const IssueCredentials = action(
  'ConferenceCredentialsIssue',
  z.object({ personId: PersonId.nullable().optional() }),
  { fromForm: (f) => ({ personId: field(f, 'personId') || null }) },
);
export const ScanCredential = action(
  'ConferenceCredentialScan',
  z.object({ code: Text(40), sessionId: z.string().max(64).nullable().optional() }),
  { fromForm: (f) => ({ code: field(f, 'code') ?? '', sessionId: field(f, 'sessionId') || null }) },
);
/** The organisers draw a new code for a delegate at the desk (a lost phone, a printed badge). */
export const ReissueCredential = action(
  'ConferenceCredentialReissue',
  z.object({ personId: PersonId }),
);
/** A delegate draws a new code for their own credential, shown to them this once. */
export const DrawMyCode = action('ConferenceCredentialMine', z.object({}));

/**
 * A session of the conference; the form's start is a local time in the UK (where the
 * conferences this models sit), sent on as UTC; the API takes any offset.
 */
export const AddSession = action(
  'ConferenceSessionAdd',
  z.object({
    title: Text(200),
    startsAt: z.iso.datetime({ offset: true }),
    quorum: z.number().int().min(1).max(100_000).nullable().optional(),
  }),
  {
    fromForm: (f) => {
      const local = field(f, 'startsAt') ?? '';
      const quorum = field(f, 'quorum')?.trim();
      return {
        title: field(f, 'title') ?? '',
        startsAt: localTimeToUtc(local, 'Europe/London')?.toISOString() ?? local,
        quorum: quorum ? formNumber(quorum) : null,
      };
    },
  },
);
export const RevokeCredential = action(
  'ConferenceCredentialRevoke',
  z.object({ personId: PersonId }),
);
