import type { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { closeBallot } from '../../app/ballots/close-ballot.ts';
import { takeAmendmentStep } from '../../app/meetings/amendment-step.ts';
import { cancelMeeting } from '../../app/meetings/cancel-meeting.ts';
import { closeMeeting } from '../../app/meetings/close-meeting.ts';
import { compositeMotions } from '../../app/meetings/composite-motions.ts';
import { moveAmendment } from '../../app/meetings/move-amendment.ts';
import { openMeeting } from '../../app/meetings/open-meeting.ts';
import { decideProceduralMotion } from '../../app/meetings/procedural-motion.ts';
import { putQuestion } from '../../app/meetings/put-question.ts';
import { putToSecretBallot } from '../../app/meetings/put-to-secret-ballot.ts';
import { putToVerifiableBallot } from '../../app/meetings/put-to-verifiable-ballot.ts';
import { recordVote } from '../../app/meetings/record-vote.ts';
import { signInToMeeting } from '../../app/meetings/sign-in-to-meeting.ts';
import { signOutOfMeeting } from '../../app/meetings/sign-out-of-meeting.ts';
import { takeMotionStep } from '../../app/meetings/take-motion-step.ts';
import { viewMeeting, type MeetingView } from '../../app/meetings/view-meeting.ts';
import { forbidden } from '../../domain/errors.ts';
import { t } from '../../messages/messages.ts';
import type { Mistake, SignedInFormCall } from '../action.ts';
import { CloseBallot, IssuePaperBallots, MarkPaperVoters } from '../ballots/schema.ts';
import { field, formRoute, readForm } from '../action.ts';
import { issuePaperBallots } from '../../app/ballots/issue-paper-ballots.ts';
import { markPaperVoters } from '../../app/ballots/mark-paper-voters.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { asking, closeBallotAsks, DangerButton, type Asking } from '../pages/confirm.tsx';
import { ErrorSummary } from '../pages/forms.tsx';
import { actorOn, page, type C } from '../pages/kit.tsx';
import { meetingForms, type MeetingCall } from './meeting-forms.ts';
import {
  BeforeTheMeeting,
  CompositeForm,
  Opening,
  Present,
  ProceduralForm,
  Results,
} from './console-parts.tsx';
import { TheVote } from './console-vote-parts.tsx';
import {
  AmendmentStep,
  Attendance,
  CancelMeeting,
  CloseMeeting,
  CompositeMotions,
  MotionStep,
  MoveAmendment,
  OpenMeeting,
  ProceduralMotion,
  PutQuestion,
  PutToSecretBallot,
  RecordVote,
  toChange,
  toVote,
} from './schema.ts';
import { Live, Quorum, RoomLinks } from './session-parts.tsx';

/** The console's page: the meeting as its chair runs it, with only the legal next steps. */
function ConsoleBody({ m, mistake }: { m: MeetingView; mistake?: Mistake | undefined }) {
  const base = `/meetings/${m.id}/console`;
  return (
    <>
      <p>
        <a href={`/meetings/${m.id}`}>{t('console.back')}</a>
        {m.status === 'open' ? <RoomLinks meetingId={m.id} /> : null}
        {' · '}
        <a href={`/meetings/${m.id}/projector-link`}>{t('projectorLink.link')}</a>
      </p>
      <h1>{t('console.title', { title: m.title })}</h1>
      <p class="kind">
        {m.body.name} · {t(`meeting.status.${m.status}`)}
      </p>
      <ErrorSummary mistake={mistake} />
      <Quorum m={m} />
      <Live />
      <Opening m={m} base={base} />
      <TheVote m={m} base={base} mistake={mistake} />
      <BeforeTheMeeting m={m} base={base} />
      <CompositeForm m={m} base={base} />
      <ProceduralForm m={m} base={base} />
      <Results m={m} />
      <Present m={m} base={base} />
      {m.steps.some((s) => s.type === 'close') ? (
        <DangerButton
          action={`${base}/close`}
          label={t('console.close')}
          confirm={asking('closeMeeting')}
        />
      ) : null}
    </>
  );
}

/**
 * The chair's console, working without JavaScript: who is present, the quorum, the question
 * before the meeting, the substantive text, and a button for each legal next step only. Each
 * button is a form running one action (schema.ts), the same the JSON API takes.
 */
export function consoleRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  const consolePage = async (c: C, mistake?: Mistake) => {
    const m = await viewMeeting(ctx, actorOn(c, 'meetingId'));
    // The console is the chair's and secretary's tool; members follow the meeting's own page.
    if (!m.canRun) throw forbidden("Only those who run this body's meetings use the console.");
    return page(
      c,
      t('console.title', { title: m.title }),
      <ConsoleBody m={m} mistake={mistake} />,
      mistake,
    );
  };
  web.get('/meetings/:id/console', (c) => consolePage(c));

  const on = meetingForms(web, consolePage, (meetingId) => `/meetings/${meetingId}/console`);
  /** Asks the chair before a step that cannot be undone; anyone else is refused as before. */
  const chairAsks =
    (step: Asking) =>
    async ({ c }: SignedInFormCall) => {
      const m = await viewMeeting(ctx, actorOn(c, 'meetingId'));
      if (!m.canRun) throw forbidden("Only those who run this body's meetings use the console.");
      return asking(step);
    };
  const C = '/meetings/:id/console';

  on(`${C}/open`, OpenMeeting, ({ actor, meetingId }) => openMeeting(ctx, { actor, meetingId }));
  on(
    `${C}/cancel`,
    CancelMeeting,
    ({ actor, meetingId }) => cancelMeeting(ctx, { actor, meetingId }),
    chairAsks('cancelMeeting'),
  );
  on(
    `${C}/close`,
    CloseMeeting,
    ({ actor, meetingId }) => closeMeeting(ctx, { actor, meetingId }),
    chairAsks('closeMeeting'),
  );
  on(`${C}/sign-in`, Attendance, ({ actor, meetingId }, { personId }) =>
    signInToMeeting(ctx, { actor, meetingId, personId }),
  );
  on(`${C}/sign-out`, Attendance, ({ actor, meetingId }, { personId }) =>
    signOutOfMeeting(ctx, { actor, meetingId, personId }),
  );
  on(`${C}/motion-step`, MotionStep, ({ actor, target }, step) =>
    takeMotionStep(ctx, { actor, motionId: target('motionId'), step }),
  );
  on(`${C}/amendment-step`, AmendmentStep, ({ actor, target }, step) =>
    takeAmendmentStep(ctx, { actor, amendmentId: target('amendmentId'), step }),
  );
  on(`${C}/amend`, MoveAmendment, ({ actor, target }, input) =>
    moveAmendment(ctx, {
      actor,
      motionId: target('motionId'),
      change: toChange(input.change),
      by: input.by,
    }),
  );
  const put = ({ actor, target }: MeetingCall, input: z.infer<typeof PutQuestion.schema>) => {
    const motionId = target('motionId');
    if (input.mode !== 'secret-ballot')
      return putQuestion(ctx, { actor, motionId, mode: input.mode });
    const { weighted, trustees, needed } = input;
    return trustees
      ? putToVerifiableBallot(ctx, { actor, motionId, weighted, trustees, needed })
      : putToSecretBallot(ctx, { actor, motionId, weighted });
  };
  on(`${C}/put`, PutQuestion, put);
  on(`${C}/put-ballot`, PutToSecretBallot, put);
  on(`${C}/composite`, CompositeMotions, ({ actor, meetingId }, input) =>
    compositeMotions(ctx, { actor, meetingId, ...input }),
  );
  // Closing a ballot cannot be undone: the chair is asked first, and told how many have not
  // voted (online, or on paper not yet counted); saying yes is the confirmation the close needs.
  on(
    `${C}/close-ballot`,
    CloseBallot,
    ({ actor, target }) =>
      closeBallot(ctx, { actor, ballotId: target('ballotId'), confirmed: true }),
    async ({ c }) => {
      const m = await viewMeeting(ctx, actorOn(c, 'meetingId'));
      if (!m.canRun) throw forbidden("Only those who run this body's meetings use the console.");
      const ballot = m.questionPut?.ballot;
      return ballot ? closeBallotAsks(ballot) : asking('closeBallot');
    },
  );
  on(`${C}/paper-voters`, MarkPaperVoters, ({ actor, target }, { personIds, paper }) =>
    markPaperVoters(ctx, { actor, ballotId: target('ballotId'), personIds, paper }),
  );
  formRoute(web, `${C}/issue-papers`, IssuePaperBallots, {
    run: async ({ c }) => {
      const ballotId = field(await readForm(c), 'ballotId') ?? '';
      await issuePaperBallots(ctx, { ...actorOn(c, 'meetingId'), ballotId });
      return ballotId;
    },
    // Straight to the papers, to print them.
    done: (_call, ballotId) => `/ballots/${ballotId}/papers`,
    again: consolePage,
  });
  on(`${C}/vote`, RecordVote, ({ actor, target }, input) =>
    recordVote(ctx, {
      actor,
      questionId: target('questionId'),
      vote: toVote(input),
      castingVote: input.castingVote ?? null,
    }),
  );
  on(`${C}/procedural`, ProceduralMotion, ({ actor, meetingId }, input) =>
    decideProceduralMotion(ctx, { actor, meetingId, ...input }),
  );

  return web;
}
