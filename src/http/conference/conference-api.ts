import { createRoute, z } from '@hono/zod-openapi';
import { castCard } from '../../app/conference/cast-card.ts';
import { addConferenceSession } from '../../app/conference/add-session.ts';
import { issueCredentials } from '../../app/conference/issue-credentials.ts';
import { reissueCredential } from '../../app/conference/reissue-credential.ts';
import { revokeCredential, scanCredential } from '../../app/conference/scan-credential.ts';
import { viewCredentials } from '../../app/conference/view-credentials.ts';
import { castPrioritiesPaper } from '../../app/conference/cast-priorities-paper.ts';
import { closeCardVote } from '../../app/conference/close-card-vote.ts';
import { decideReferenceBack } from '../../app/conference/decide-reference-back.ts';
import { moveReferenceBack } from '../../app/conference/move-reference-back.ts';
import { openReferenceBackVote } from '../../app/conference/open-reference-back-vote.ts';
import { remitSubmission } from '../../app/conference/remit-submission.ts';
import { compositeSubmissions } from '../../app/conference/composite-submissions.ts';
import { countConferencePriorities } from '../../app/conference/count-priorities.ts';
import { nameDelegates } from '../../app/conference/name-delegates.ts';
import { openCardVote } from '../../app/conference/open-card-vote.ts';
import { registerDelegation } from '../../app/conference/register-delegation.ts';
import { ruleSubmission } from '../../app/conference/rule-submission.ts';
import { setUpConference } from '../../app/conference/set-up-conference.ts';
import { submitToConference } from '../../app/conference/submit-to-conference.ts';
import { viewBranchSubmissions } from '../../app/conference/view-branch-submissions.ts';
import { viewConference } from '../../app/conference/view-conference.ts';
import { ATTENDANCE_STATES, CREDENTIAL_STATES } from '../../domain/conference/credentials.ts';
import { newClauseId } from '../../app/meetings/draft-motion.ts';
import {
  actionRoute,
  actorOf,
  answerOf,
  type Api,
  asJson,
  errors,
  IdParams,
  json,
  okWith,
  refused,
  stepRefusals,
  viewRoute,
} from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import {
  AddSession,
  CastCard,
  CastPrioritiesPaper,
  CloseCardVote,
  CompositeSubmissions,
  CountPriorities,
  DecideReferenceBack,
  DrawMyCode,
  MoveReferenceBack,
  OpenReferenceBackVote,
  RemitSubmission,
  IssueCredentials,
  NameDelegates,
  OpenCardVote,
  RegisterDelegation,
  ReissueCredential,
  RevokeCredential,
  RuleSubmission,
  ScanCredential,
  SetUpConference,
  SubmitToConference,
} from './schema.ts';
import { BranchSubmissions, CardResult, Conference, Credentials } from './views.ts';

/** The submissions of a conference the API answers with at once, unless asked for fewer. */
const CONFERENCE_PAGE = 100;
const CONFERENCE_PAGE_MAX = 500;

const ConferenceQuery = z.object({
  subject: z.string().max(500).optional(),
  from: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(0).max(CONFERENCE_PAGE_MAX).optional(),
});

/**
 * Conference (/api/v1, issue 20): a meeting of a body set up as a conference; delegations and
 * their delegates; submissions; the arrangements committee's rulings; the priorities ballot;
 * composites; card votes normalised by section. Each step takes its action's schema (schema.ts).
 */
export function conferenceApi(api: Api, { ctx }: HttpOptions) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/conferences/{id}',
      summary:
        'A conference (by its meeting id): sections and shares, delegations, a page of submissions and rulings with the subjects counted, priorities totals, card votes with their section tables, and my delegation',
      description: `Submissions in the order they came in, ${CONFERENCE_PAGE} a page unless \`limit\` says (at most ${CONFERENCE_PAGE_MAX}), from \`from\`; \`subject\` keeps those on one subject (empty: those with none named yet). \`subjects\` counts every subject by status, \`submissionsPage.total\` the submissions the page is taken from; \`business\` holds the submissions the card votes and references back name, \`debated\` those going to debate.`,
      request: { params: IdParams, query: ConferenceQuery },
      // Typed as viewRoute types its answers: the presenter's value is checked against it.
      responses: { 200: json(Conference as z.ZodType, 'The conference'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const view = await viewConference(ctx, {
        actor: actorOf(c),
        meetingId: c.req.valid('param').id,
        page: {
          subject: q.subject === undefined ? undefined : q.subject || null,
          from: q.from ?? 0,
          limit: q.limit ?? CONFERENCE_PAGE,
        },
      });
      return c.json(asJson(answerOf(api, Conference, view)), 200);
    },
  );
  viewRoute(api, {
    path: '/bodies/{id}/conference-submissions',
    summary: 'What a branch sent to conference and what became of each (ruling, composite, vote)',
    description: 'The submissions',
    schema: BranchSubmissions,
    view: (actor, bodyId) => viewBranchSubmissions(ctx, { actor, bodyId }),
  });
  actionRoute(api, {
    path: '/meetings/{id}/conference',
    summary:
      'Make a meeting a conference: sections with shares ("1/2"), delegate formula, timetable',
    action: SetUpConference,
    answer: json(okWith({ meetingId: z.string() }), 'Set up'),
    status: 201,
    refusals: stepRefusals,
    run: (actor, meetingId, input) => setUpConference(ctx, { actor, meetingId, ...input }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/delegations',
    summary: 'Register a delegation with its membership at the cut-off (organisers)',
    action: RegisterDelegation,
    answer: json(
      okWith({ delegationId: z.string(), entitled: z.number(), weight: z.number() }),
      'Registered',
    ),
    status: 201,
    refusals: stepRefusals,
    run: (actor, meetingId, input) => registerDelegation(ctx, { actor, meetingId, ...input }),
  });
  actionRoute(api, {
    method: 'put',
    path: '/delegations/{id}/delegates',
    summary: "Name a delegation's delegates, ranked substitutes and leader (before the deadline)",
    action: NameDelegates,
    answer: json(okWith({ delegationId: z.string() }), 'Named'),
    refusals: stepRefusals,
    run: (actor, delegationId, makeUp) => nameDelegates(ctx, { actor, delegationId, makeUp }),
  });
  actionRoute(api, {
    path: '/delegations/{id}/submissions',
    summary: 'Submit the delegation’s motion or rule change (one per organisation)',
    action: SubmitToConference,
    answer: json(okWith({ submissionId: z.string() }), 'Submitted'),
    status: 201,
    refusals: stepRefusals,
    run: (actor, delegationId, { kind, title, clauses, amendsRule, resolutionId }) =>
      submitToConference(ctx, {
        actor,
        delegationId,
        kind,
        amendsRule: amendsRule ?? null,
        resolutionId: resolutionId ?? null,
        text: { title, clauses: clauses.map((c) => ({ ...c, id: newClauseId() })) },
      }),
  });
  committeeRoutes(api, ctx);
  referenceBackRoutes(api, ctx);
  voteRoutes(api, ctx);
  credentialRoutes(api, ctx);
}

function committeeRoutes(api: Api, ctx: HttpOptions['ctx']) {
  actionRoute(api, {
    path: '/submissions/{id}/ruling',
    summary: 'The arrangements committee rules a submission in, out (reason) or in after edits',
    action: RuleSubmission,
    answer: json(okWith({ submissionId: z.string(), status: z.string() }), 'Ruled'),
    refusals: stepRefusals,
    run: (actor, submissionId, input) =>
      ruleSubmission(ctx, {
        actor,
        submissionId,
        ruling: input.ruling,
        subject: input.subject ?? null,
        recommendation: input.recommendation ?? null,
      }),
  });
  actionRoute(api, {
    path: '/delegations/{id}/priorities',
    summary: "Cast the delegation's priorities ballot paper (its leader, or the organisers)",
    action: CastPrioritiesPaper,
    answer: json(okWith({ delegationId: z.string() }), 'Cast'),
    refusals: stepRefusals,
    run: (actor, delegationId, { subjects }) =>
      castPrioritiesPaper(ctx, { actor, delegationId, subjects }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/priorities/count',
    summary: 'Count the priorities ballot: the top subjects of each section go to debate',
    action: CountPriorities,
    answer: json(okWith({ debated: z.array(z.string()) }), 'Counted'),
    refusals: stepRefusals,
    run: async (actor, meetingId) => {
      const result = await countConferencePriorities(ctx, { actor, meetingId });
      return { debated: [...result.debated] };
    },
  });
  actionRoute(api, {
    path: '/conferences/{id}/composites',
    summary: 'Record a compositing meeting: motions merged, mover and seconder, who insisted',
    action: CompositeSubmissions,
    answer: json(
      okWith({
        compositeId: z.string(),
        merged: z.array(z.string()),
        putSeparately: z.array(z.string()),
      }),
      'Composited',
    ),
    status: 201,
    refusals: stepRefusals,
    run: async (actor, _meetingId, input) => {
      const r = await compositeSubmissions(ctx, { actor, ...input });
      return { ...r, merged: [...r.merged], putSeparately: [...r.putSeparately] };
    },
  });
}

/** Reference back of parts of the committee's report, and remission (src/domain/conference). */
function referenceBackRoutes(api: Api, ctx: HttpOptions['ctx']) {
  actionRoute(api, {
    path: '/conferences/{id}/references-back',
    summary:
      "Record a delegate's motion to refer back the committee's rulings on named submissions",
    action: MoveReferenceBack,
    answer: json(okWith({ referenceBackId: z.string() }), 'Moved'),
    status: 201,
    refusals: stepRefusals,
    run: (actor, meetingId, input) =>
      moveReferenceBack(ctx, {
        actor,
        meetingId,
        submissionIds: input.submissionIds,
        moverDelegationId: input.moverDelegationId ?? null,
      }),
  });
  actionRoute(api, {
    path: '/references-back/{id}/decision',
    summary:
      'Declare a reference back carried (the rulings go back to the committee) or lost on a show of hands',
    action: DecideReferenceBack,
    answer: json(okWith({ referenceBackId: z.string(), status: z.string() }), 'Declared'),
    refusals: stepRefusals,
    run: (actor, referenceBackId, { carried }) =>
      decideReferenceBack(ctx, { actor, referenceBackId, carried }),
  });
  actionRoute(api, {
    path: '/references-back/{id}/card-votes',
    summary: 'Call a card vote on a reference back; closing it decides the reference back',
    action: OpenReferenceBackVote,
    answer: json(okWith({ cardVoteId: z.string() }), 'Opened'),
    status: 201,
    refusals: stepRefusals,
    run: (actor, referenceBackId) => openReferenceBackVote(ctx, { actor, referenceBackId }),
  });
  actionRoute(api, {
    path: '/submissions/{id}/remit',
    summary:
      'Record that conference remitted a motion or composite in order (the mover agreed); each sending branch is told',
    action: RemitSubmission,
    answer: json(okWith({ submissionId: z.string(), status: z.string() }), 'Remitted'),
    refusals: stepRefusals,
    run: (actor, submissionId) => remitSubmission(ctx, { actor, submissionId }),
  });
}

function voteRoutes(api: Api, ctx: HttpOptions['ctx']) {
  actionRoute(api, {
    path: '/submissions/{id}/card-votes',
    summary:
      'Call a card vote on a submission in order (a rule change needs two-thirds); a secret one keeps only that each delegation voted and the sections’ totals',
    action: OpenCardVote,
    answer: json(
      okWith({ cardVoteId: z.string(), threshold: z.string(), secret: z.boolean() }),
      'Opened',
    ),
    status: 201,
    refusals: stepRefusals,
    run: (actor, submissionId, { secret }) =>
      openCardVote(ctx, { actor, submissionId, secret: secret === true }),
  });
  actionRoute(api, {
    path: '/card-votes/{id}/cards',
    summary: "Cast a delegation's card, split between for, against and abstain if it chooses",
    action: CastCard,
    answer: json(okWith({ cardVoteId: z.string(), delegationId: z.string() }), 'Cast'),
    refusals: stepRefusals,
    run: (actor, cardVoteId, input) => castCard(ctx, { actor, cardVoteId, ...input }),
  });
  actionRoute(api, {
    path: '/card-votes/{id}/close',
    summary: 'Close a card vote: totals by section, normalised by the shares exactly',
    action: CloseCardVote,
    answer: json(okWith({ result: CardResult }), 'Declared'),
    refusals: stepRefusals,
    run: async (actor, cardVoteId) => ({ result: await closeCardVote(ctx, { actor, cardVoteId }) }),
  });
}

const CredentialStateAnswer = z.enum(CREDENTIAL_STATES);
const Drawn = json(
  okWith({ personId: z.string(), code: z.string() }),
  'A new code, shown this once',
);

function credentialRoutes(api: Api, ctx: HttpOptions['ctx']) {
  viewRoute(api, {
    path: '/conferences/{id}/credentials',
    summary:
      "The door list: each delegate named, their credential's state and the sessions they are in; each session's attendance and quorum",
    description: 'The credentials',
    schema: Credentials,
    view: (actor, meetingId) => viewCredentials(ctx, { actor, meetingId }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/sessions',
    summary: 'Add a session to the conference, with the delegates it needs in for a quorum',
    action: AddSession,
    answer: json(okWith({ sessionId: z.string() }), 'Added'),
    refusals: stepRefusals,
    run: (actor, meetingId, input) =>
      addConferenceSession(ctx, { actor, meetingId, ...input, quorum: input.quorum ?? null }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/credentials',
    summary:
      'Issue credentials to every delegate named, or to one (personId); each code drawn is kept only as a hash, so a delegate draws their own to show',
    action: IssueCredentials,
    answer: json(okWith({ issued: z.number() }), 'Issued'),
    refusals: stepRefusals,
    run: async (actor, meetingId, input) => ({
      issued: (await issueCredentials(ctx, { actor, meetingId, personId: input.personId ?? null }))
        .length,
    }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/credentials/reissue',
    summary: "Draw a new code for a delegate's credential; the old one no longer opens the door",
    action: ReissueCredential,
    answer: Drawn,
    refusals: { ...stepRefusals, 410: refused('The credential has been revoked') },
    run: (actor, meetingId, { personId }) => reissueCredential(ctx, { actor, meetingId, personId }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/my-code',
    summary: 'A delegate draws a new code for their own credential, to show at the door',
    action: DrawMyCode,
    answer: Drawn,
    refusals: { ...stepRefusals, 410: refused('The credential has been revoked') },
    run: (actor, meetingId) => reissueCredential(ctx, { actor, meetingId }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/door',
    summary:
      "The door: a delegate's code checks them in to the session (the one sitting now unless sessionId says), or out if they were in",
    action: ScanCredential,
    answer: json(
      okWith({
        personId: z.string(),
        sessionId: z.string(),
        state: z.enum(ATTENDANCE_STATES),
        present: z.number(),
        quorate: z.boolean(),
      }),
      'Scanned',
    ),
    refusals: { ...stepRefusals, 410: refused('The credential has been revoked') },
    run: (actor, meetingId, { code, sessionId }) =>
      scanCredential(ctx, { actor, meetingId, code, sessionId: sessionId ?? null }),
  });
  actionRoute(api, {
    path: '/conferences/{id}/credentials/revoke',
    summary: "Revoke a delegate's credential (a substitute takes their place)",
    action: RevokeCredential,
    answer: json(okWith({ personId: z.string(), state: CredentialStateAnswer }), 'Revoked'),
    refusals: stepRefusals,
    run: (actor, meetingId, { personId }) => revokeCredential(ctx, { actor, meetingId, personId }),
  });
}
