import type { Hono } from 'hono';
import { castCard } from '../../app/conference/cast-card.ts';
import { closeCardVote } from '../../app/conference/close-card-vote.ts';
import { decideReferenceBack } from '../../app/conference/decide-reference-back.ts';
import { moveReferenceBack } from '../../app/conference/move-reference-back.ts';
import { openReferenceBackVote } from '../../app/conference/open-reference-back-vote.ts';
import { remitSubmission } from '../../app/conference/remit-submission.ts';
import { ReferenceBackDesk } from './reference-back-parts.tsx';
import { addConferenceSession } from '../../app/conference/add-session.ts';
import { issueCredentials } from '../../app/conference/issue-credentials.ts';
import { reissueCredential } from '../../app/conference/reissue-credential.ts';
import { revokeCredential, scanCredential } from '../../app/conference/scan-credential.ts';
import { viewCredentials } from '../../app/conference/view-credentials.ts';
import { countConferencePriorities } from '../../app/conference/count-priorities.ts';
import { openCardVote } from '../../app/conference/open-card-vote.ts';
import { ruleSubmission } from '../../app/conference/rule-submission.ts';
import { viewConference, type ConferenceView } from '../../app/conference/view-conference.ts';
import { forbidden } from '../../domain/errors.ts';
import { t } from '../../messages/messages.ts';
import { formPageRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { ErrorSummary, PostForm, Tick } from '../pages/forms.tsx';
import { CredentialBox, Door } from './door-parts.tsx';
import { NO_SUBMISSIONS, SectionTable } from './conference-parts.tsx';
import { conferenceProjectorRoutes } from './conference-projector.tsx';
import { actorOn, page, pageWithForms, routeGroups, type C } from '../pages/kit.tsx';
import {
  AddSession,
  CastCard,
  CloseCardVote,
  CountPriorities,
  DecideReferenceBack,
  DrawMyCode,
  MoveReferenceBack,
  OpenReferenceBackVote,
  RemitSubmission,
  IssueCredentials,
  OpenCardVote,
  ReissueCredential,
  RevokeCredential,
  RuleSubmission,
  ScanCredential,
} from './schema.ts';

/**
 * A conference as pages that work without JavaScript: the delegate's phone (their delegation and
 * card, their credential's code in large type and whether they are checked in, what is being
 * debated, the open card vote with a split, the section tables declared) and the committee's desk
 * (the door: issue and revoke credentials, check delegates in and out by their code; rule each
 * submission, count the priorities, call and close card votes).
 */
export const conferencePages = (opts: HttpOptions) =>
  routeGroups(opts, phoneRoutes, deskRoutes, conferenceProjectorRoutes);

const NumberInput = (p: {
  name: string;
  label: string;
  id: string;
  max: number;
  value: string;
}) => (
  <p>
    <label for={p.id}>{p.label}</label>{' '}
    <input
      id={p.id}
      name={p.name}
      type="number"
      inputmode="numeric"
      min="0"
      max={p.max}
      value={p.value}
      required
    />
  </p>
);

const Debated = ({ v }: { v: ConferenceView }) => {
  if (!v.priorities) return <p>{t('conf.debated.none')}</p>;
  return (
    <ul>
      {v.debated.map((s) => (
        <li>
          <strong>{s.subject}</strong>: {s.title}
          {s.from ? ` (${t('conf.from', { name: s.from })})` : ''}
        </li>
      ))}
    </ul>
  );
};

function phoneRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const show = async (c: C, mistake?: Mistake, code?: string) => {
    // The phone shows no list of submissions: only what is debated and the card votes.
    const v = await viewConference(ctx, { ...actorOn(c, 'meetingId'), page: NO_SUBMISSIONS });
    const mine = v.myDelegation;
    return page(
      c,
      v.meeting.title,
      <>
        <h1>{v.meeting.title}</h1>
        {v.canRun ? (
          <p>
            <a href={`/conferences/${v.meeting.id}/desk`}>{t('conf.desk.link')}</a>
          </p>
        ) : null}
        <section aria-labelledby="credential">
          <h2 id="credential">
            {mine
              ? t('conf.myDelegation', {
                  name: mine.name,
                  section: mine.section,
                  weight: mine.weight,
                })
              : t('conf.noDelegation')}
          </h2>
          {mine ? <p>{t(mine.leader ? 'conf.role.leader' : 'conf.role.delegate')}</p> : null}
          {mine?.delegate ? (
            <CredentialBox meetingId={v.meeting.id} credential={v.myCredential} code={code} />
          ) : null}
        </section>
        <h2>{t('conf.debated')}</h2>
        <Debated v={v} />
        <p>
          <a href={`/conferences/${v.meeting.id}/projector`}>{t('conf.projector.link')}</a>
        </p>
        <h2>{t('conf.cardVotes')}</h2>
        {v.cardVotes.map((vote) => (
          <section>
            <h3>{vote.title}</h3>
            {vote.result ? (
              <SectionTable result={vote.result} />
            ) : vote.myCardCast ? (
              <p>{t('conf.cardVote.cast')}</p>
            ) : mine && (mine.leader || v.canRun) ? (
              <PostForm
                action={`/conferences/${v.meeting.id}/cards/${vote.id}`}
                hint={t(vote.secret ? 'conf.cardVote.openSecret' : 'conf.cardVote.open')}
                fields={{ delegationId: mine.id }}
                mistake={mistake}
                submit={t('conf.card.submit')}
              >
                <NumberInput
                  name="for"
                  id={`for-${vote.id}`}
                  label={t('conf.card.for')}
                  max={mine.weight}
                  value={mistake?.value('for') ?? String(mine.weight)}
                />
                <NumberInput
                  name="against"
                  id={`against-${vote.id}`}
                  label={t('conf.card.against')}
                  max={mine.weight}
                  value={mistake?.value('against') ?? '0'}
                />
                <NumberInput
                  name="abstain"
                  id={`abstain-${vote.id}`}
                  label={t('conf.card.abstain')}
                  max={mine.weight}
                  value={mistake?.value('abstain') ?? '0'}
                />
              </PostForm>
            ) : (
              <p>{t('conf.cardVote.open')}</p>
            )}
          </section>
        ))}
      </>,
      mistake,
    );
  };
  const form = pageWithForms(web, '/conferences/:id', show);
  // The code is shown once, on the page that answers the button; it never goes into an address.
  formPageRoute(web, '/conferences/:id/my-code', DrawMyCode, {
    run: ({ c }) => reissueCredential(ctx, actorOn(c, 'meetingId')),
    present: ({ c }, { code }) => show(c, undefined, code),
    again: show,
  });
  form('/conferences/:id/cards/:voteId', CastCard, ({ signedIn, params }, input) =>
    castCard(ctx, { actor: signedIn.actor, cardVoteId: params.voteId!, ...input }),
  );
}

/** A submission at the desk: its ruling form, and calling a card vote on it or remitting it. */
function DeskSubmission({
  s,
  base,
  voted,
}: {
  s: ConferenceView['submissions'][number];
  base: string;
  voted: ReadonlySet<string>;
}) {
  return (
    <section>
      <h3>
        {s.title}
        {s.from ? ` (${t('conf.from', { name: s.from })})` : ''}
      </h3>
      <p>{t('conf.status', { status: s.status })}</p>
      {s.status === 'submitted' || s.status === 'in-order' || s.status === 'out-of-order' ? (
        <form method="post" action={`${base}/rulings/${s.id}`}>
          <p>
            <label for={`kind-${s.id}`}>{t('conf.rule.kind')}</label>{' '}
            <select id={`kind-${s.id}`} name="kind">
              <option value="in">{t('conf.rule.in')}</option>
              <option value="out" selected={s.ruling?.kind === 'out'}>
                {t('conf.rule.out')}
              </option>
              <option value="in-after-edits" selected={s.ruling?.kind === 'in-after-edits'}>
                {t('conf.rule.edits')}
              </option>
            </select>
          </p>
          <p>
            <label for={`reason-${s.id}`}>{t('conf.rule.reason')}</label>{' '}
            <input
              id={`reason-${s.id}`}
              name="reason"
              value={s.ruling?.kind === 'out' ? s.ruling.reason : ''}
            />
          </p>
          <p>
            <label for={`text-${s.id}`}>{t('conf.rule.text')}</label>{' '}
            <textarea id={`text-${s.id}`} name="text" rows={2}>
              {s.ruling?.kind === 'in-after-edits' ? s.ruling.text : ''}
            </textarea>
          </p>
          <p>
            <label for={`subject-${s.id}`}>{t('conf.rule.subject')}</label>{' '}
            <input id={`subject-${s.id}`} name="subject" value={s.subject ?? ''} />
          </p>
          <button type="submit">{t('conf.rule.submit')}</button>
        </form>
      ) : null}
      {s.status === 'in-order' && !voted.has(s.id) ? (
        <PostForm action={`${base}/votes/${s.id}`} submit={t('conf.desk.openVote')}>
          <Tick name="secret" id={`secret-${s.id}`} label={t('conf.desk.secretVote')} />
        </PostForm>
      ) : null}
      {s.status === 'in-order' && !voted.has(s.id) ? (
        <PostForm action={`${base}/remissions/${s.id}`} submit={t('conf.desk.remit')} />
      ) : null}
    </section>
  );
}

/** How many submissions the desk shows at once. */
const DESK_PAGE = 50;

/** The desk's address for a subject's page (null: those with no subject yet), from an offset. */
const deskAt = (base: string, subject: string | null | undefined, from = 0) => {
  const query = new URLSearchParams();
  if (subject !== undefined) query.set('subject', subject ?? '');
  if (from) query.set('from', String(from));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
};

/**
 * The submissions folded by subject, as the committee works through them: each subject with its
 * count by status, a link to its page; those with no subject named yet come first.
 */
function Subjects({ v, base }: { v: ConferenceView; base: string }) {
  const total = v.subjects.reduce((sum, x) => sum + x.total, 0);
  const shown = v.submissionsPage.subject;
  return (
    <nav aria-labelledby="subjects-heading">
      <h2 id="subjects-heading">{t('conf.desk.subjects')}</h2>
      <ul>
        <li>
          <a href={base} aria-current={shown === undefined ? 'page' : undefined}>
            {t('conf.desk.allSubjects', { total })}
          </a>
        </li>
        {v.subjects.map((x) => (
          <li>
            <a
              href={deskAt(base, x.subject)}
              aria-current={shown !== undefined && shown === x.subject ? 'page' : undefined}
            >
              {t('conf.desk.subjectCount', {
                subject: x.subject ?? t('conf.desk.noSubject'),
                total: x.total,
                statuses: Object.entries(x.byStatus)
                  .map(([status, count]) => t('conf.desk.statusCount', { status, count }))
                  .join(', '),
              })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page's subject from its address: absent for every subject, empty for none named yet. */
const subjectOf = (c: C) => {
  const subject = c.req.query('subject');
  return subject === undefined ? undefined : subject || null;
};

/** The desk's page of submissions, of one subject or of all, with the link to the next page. */
function DeskSubmissions({
  v,
  base,
  subject,
  from,
}: {
  v: ConferenceView;
  base: string;
  subject: string | null | undefined;
  from: number;
}) {
  const voted = new Set(v.cardVotes.map((x) => x.submissionId));
  const shown = v.submissions;
  const total = v.submissionsPage.total;
  return (
    <>
      <h2>{t('conf.submissions')}</h2>
      {subject !== undefined ? (
        <p>{t('conf.desk.subjectShown', { subject: subject ?? t('conf.desk.noSubject') })}</p>
      ) : null}
      <p>
        {t('conf.desk.page', {
          from: Math.min(from + 1, total),
          to: from + shown.length,
          total,
        })}
        {from + DESK_PAGE < total ? (
          <>
            {' '}
            <a href={deskAt(base, subject, from + DESK_PAGE)}>{t('conf.desk.more')}</a>
          </>
        ) : null}
      </p>
      {shown.map((s) => (
        <DeskSubmission s={s} base={base} voted={voted} />
      ))}
    </>
  );
}

function deskRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const show = async (c: C, mistake?: Mistake, drawn?: { personId: string; code: string }) => {
    // A page of submissions at a time, of one subject or of all: 3,000 ruling forms would be
    // megabytes, and reading them all costs more than the page (bench/conference-pages.ts).
    const from = Math.max(0, Math.floor(Number(c.req.query('from')) || 0));
    const subject = subjectOf(c);
    const v = await viewConference(ctx, {
      ...actorOn(c, 'meetingId'),
      page: { subject, from, limit: DESK_PAGE },
    });
    // Refused as the desk (forbidden) before the door list would hide it (not found).
    if (!v.canRun) throw forbidden();
    const credentials = await viewCredentials(ctx, actorOn(c, 'meetingId'));
    const base = `/conferences/${v.meeting.id}/desk`;
    const title = t('conf.desk.title', { title: v.meeting.title });
    const shown = v.submissions;
    return page(
      c,
      title,
      <>
        <h1>{title}</h1>
        <ErrorSummary mistake={mistake} />
        <p>
          <a href={`/conferences/${v.meeting.id}/projector`}>{t('conf.projector.link')}</a>
        </p>
        <Door
          base={base}
          credentials={credentials}
          drawn={drawn}
          from={Math.max(0, Math.floor(Number(c.req.query('door')) || 0))}
        />
        {v.priorities ? (
          <Debated v={v} />
        ) : (
          <PostForm action={`${base}/count`} submit={t('conf.desk.count')} />
        )}
        <h2>{t('conf.cardVotes')}</h2>
        {v.cardVotes.map((vote) => (
          <section>
            <h3>{vote.title}</h3>
            {vote.result ? (
              <SectionTable result={vote.result} />
            ) : (
              <PostForm action={`${base}/closings/${vote.id}`} submit={t('conf.desk.closeVote')} />
            )}
          </section>
        ))}
        <ReferenceBackDesk v={v} base={base} shown={shown} />
        <Subjects v={v} base={base} />
        <DeskSubmissions v={v} base={base} subject={subject} from={from} />
      </>,
      mistake,
    );
  };
  const form = pageWithForms(web, '/conferences/:id/desk', show);
  form('/conferences/:id/desk/credentials', IssueCredentials, ({ signedIn, params }, input) =>
    issueCredentials(ctx, {
      actor: signedIn.actor,
      meetingId: params.id!,
      personId: input.personId ?? null,
    }),
  );
  form('/conferences/:id/desk/door', ScanCredential, ({ c }, { code, sessionId }) =>
    scanCredential(ctx, { ...actorOn(c, 'meetingId'), code, sessionId: sessionId ?? null }),
  );
  form('/conferences/:id/desk/sessions', AddSession, ({ c }, input) =>
    addConferenceSession(ctx, {
      ...actorOn(c, 'meetingId'),
      ...input,
      quorum: input.quorum ?? null,
    }),
  );
  // A new code is shown once, on the page that answers the button; it never goes into an address.
  formPageRoute(web, '/conferences/:id/desk/reissues', ReissueCredential, {
    run: ({ c }, { personId }) => reissueCredential(ctx, { ...actorOn(c, 'meetingId'), personId }),
    present: ({ c }, drawn) => show(c, undefined, drawn),
    again: show,
  });
  form('/conferences/:id/desk/revocations', RevokeCredential, ({ signedIn, params }, input) =>
    revokeCredential(ctx, {
      actor: signedIn.actor,
      meetingId: params.id!,
      personId: input.personId,
    }),
  );
  form('/conferences/:id/desk/count', CountPriorities, ({ signedIn, params }) =>
    countConferencePriorities(ctx, { actor: signedIn.actor, meetingId: params.id! }),
  );
  form(
    '/conferences/:id/desk/rulings/:submissionId',
    RuleSubmission,
    ({ signedIn, params }, input) =>
      ruleSubmission(ctx, {
        actor: signedIn.actor,
        submissionId: params.submissionId!,
        ruling: input.ruling,
        subject: input.subject ?? null,
        recommendation: input.recommendation ?? null,
      }),
  );
  form('/conferences/:id/desk/votes/:submissionId', OpenCardVote, ({ signedIn, params }, input) =>
    openCardVote(ctx, {
      actor: signedIn.actor,
      submissionId: params.submissionId!,
      secret: input.secret === true,
    }),
  );
  form('/conferences/:id/desk/closings/:voteId', CloseCardVote, ({ signedIn, params }) =>
    closeCardVote(ctx, { actor: signedIn.actor, cardVoteId: params.voteId! }),
  );
  form('/conferences/:id/desk/references-back', MoveReferenceBack, ({ c }, input) =>
    moveReferenceBack(ctx, {
      ...actorOn(c, 'meetingId'),
      submissionIds: input.submissionIds,
      moverDelegationId: input.moverDelegationId ?? null,
    }),
  );
  form(
    '/conferences/:id/desk/decisions/:referenceBackId',
    DecideReferenceBack,
    ({ signedIn, params }, { carried }) =>
      decideReferenceBack(ctx, {
        actor: signedIn.actor,
        referenceBackId: params.referenceBackId!,
        carried,
      }),
  );
  form(
    '/conferences/:id/desk/references-back/:referenceBackId/card-vote',
    OpenReferenceBackVote,
    ({ signedIn, params }) =>
      openReferenceBackVote(ctx, {
        actor: signedIn.actor,
        referenceBackId: params.referenceBackId!,
      }),
  );
  form('/conferences/:id/desk/remissions/:submissionId', RemitSubmission, ({ signedIn, params }) =>
    remitSubmission(ctx, { actor: signedIn.actor, submissionId: params.submissionId! }),
  );
}
