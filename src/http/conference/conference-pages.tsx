import type { Hono } from 'hono';
import { castCard } from '../../app/conference/cast-card.ts';
import type { CardResultView } from '../../app/conference/close-card-vote.ts';
import { closeCardVote } from '../../app/conference/close-card-vote.ts';
import { addConferenceSession } from '../../app/conference/add-session.ts';
import { issueCredentials } from '../../app/conference/issue-credentials.ts';
import { reissueCredential } from '../../app/conference/reissue-credential.ts';
import { revokeCredential, scanCredential } from '../../app/conference/scan-credential.ts';
import { type CredentialsView, viewCredentials } from '../../app/conference/view-credentials.ts';
import { countConferencePriorities } from '../../app/conference/count-priorities.ts';
import { openCardVote } from '../../app/conference/open-card-vote.ts';
import { ruleSubmission } from '../../app/conference/rule-submission.ts';
import { viewConference, type ConferenceView } from '../../app/conference/view-conference.ts';
import { forbidden } from '../../domain/errors.ts';
import { t } from '../../messages/messages.ts';
import { formPageRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Choice, ErrorSummary, Field, PostForm, Tick } from '../pages/forms.tsx';
import { ColumnHeadings } from '../pages/layout.tsx';
import { actorOn, page, pageWithForms, routeGroups, Table, type C } from '../pages/kit.tsx';
import {
  AddSession,
  CastCard,
  CloseCardVote,
  CountPriorities,
  DrawMyCode,
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
export const conferencePages = (opts: HttpOptions) => routeGroups(opts, phoneRoutes, deskRoutes);

const outcomeWords = (o: 'carried' | 'lost') =>
  t(o === 'carried' ? 'conf.outcome.carried' : 'conf.outcome.lost');

/** A declared card vote: the outcome, and the section table with its exact fractions. */
const SectionTable = ({ result }: { result: CardResultView }) => (
  <>
    <p>
      {t('conf.result', {
        outcome: outcomeWords(result.outcome),
        forPercent: result.forPercent,
        for: result.for,
        againstPercent: result.againstPercent,
        against: result.against,
      })}
    </p>
    {/* Seven columns scroll sideways on a phone: the region takes the keyboard's focus so it
        can be scrolled without a pointer (WCAG 2.1.1; axe scrollable-region-focusable). */}
    <div class="table-wrap" tabindex={0} role="region" aria-label={t('conf.sectionTable')}>
      <table>
        <ColumnHeadings
          headings={[
            t('conf.section'),
            t('conf.share'),
            t('conf.card.for'),
            t('conf.card.against'),
            t('conf.card.abstain'),
            t('conf.normalisedFor'),
            t('conf.normalisedAgainst'),
          ]}
        />
        <tbody>
          {result.sections.map((s) => (
            <tr>
              <td>{s.section}</td>
              <td>{s.share}</td>
              <td>{s.for}</td>
              <td>{s.against}</td>
              <td>{s.abstain}</td>
              <td>{s.normalisedFor}</td>
              <td>{s.normalisedAgainst}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);

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

/**
 * The delegate's credential on their phone: whether the door has them in the session sitting
 * now, and a button that draws them a code to show. Only the code's hash is kept, so it is shown
 * once, in large type (as the meeting's sign-in code is shown) and spelled out for screen readers.
 */
const CredentialBox = (props: {
  meetingId: string;
  credential: ConferenceView['myCredential'];
  code?: string | undefined;
}) => {
  const { credential, code } = props;
  if (!credential) return <p>{t('conf.credential.none')}</p>;
  const key = credential.state === 'revoked' ? 'revoked' : (credential.attendance ?? 'issued');
  const state = (
    <p>
      {credential.session && credential.state !== 'revoked'
        ? `${t('conf.credential.session', { title: credential.session.title })} `
        : null}
      <span id="credential-state">{t(`conf.credential.${key}`)}</span>
    </p>
  );
  if (credential.state === 'revoked') return state;
  return (
    <div class="sign-in-code" id="credential-code">
      {code ? (
        <>
          <p>{t('conf.credential.how')}</p>
          <p
            class="code"
            aria-label={t('attendance.codeSpelled', { code: code.split('').join(' ') })}
          >
            {code}
          </p>
        </>
      ) : null}
      {state}
      <PostForm
        action={`/conferences/${props.meetingId}/my-code`}
        hint={t('conf.credential.drawHint')}
        submit={t('conf.credential.draw')}
      />
    </div>
  );
};

const Debated = ({ v }: { v: ConferenceView }) => {
  if (!v.priorities) return <p>{t('conf.debated.none')}</p>;
  const debated = new Set(v.priorities.debated);
  const items = v.submissions.filter(
    (s) =>
      s.subject && debated.has(s.subject) && (s.status === 'in-order' || s.kind === 'composite'),
  );
  return (
    <ul>
      {items.map((s) => (
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
    const v = await viewConference(ctx, actorOn(c, 'meetingId'));
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

/**
 * The door at the desk: the sessions with their attendance and quorum, and a new one added; a
 * delegate's code typed (or scanned into the box) checks them in to the session chosen, or out
 * if they were in; the delegates named with their credentials, each issued, given a new code
 * (shown here this once) or revoked.
 */
const Door = (props: {
  base: string;
  credentials: CredentialsView;
  drawn?: { personId: string; code: string } | undefined;
}) => {
  const { base, credentials, drawn } = props;
  const title = new Map(credentials.sessions.map((s) => [s.id, s.title]));
  const name = credentials.delegates.find((d) => d.personId === drawn?.personId)?.name;
  return (
    <section aria-labelledby="door">
      <h2 id="door">{t('conf.door')}</h2>
      {drawn ? (
        <p class="sign-in-code" role="status">
          {t('conf.door.newCode', { name: name ?? '' })} <span class="code">{drawn.code}</span>
        </p>
      ) : null}
      <Sessions credentials={credentials} base={base} />
      {credentials.sessions.length ? (
        <PostForm action={`${base}/door`} submit={t('conf.door.scan')}>
          <Choice
            name="sessionId"
            label={t('conf.door.session')}
            options={credentials.sessions.map((s) => [s.id, s.title])}
            selected={credentials.currentSessionId}
          />
          <Field name="code" label={t('conf.door.code')} autocomplete="off" required />
        </PostForm>
      ) : (
        <p>{t('conf.door.noSessions')}</p>
      )}
      <PostForm action={`${base}/credentials`} submit={t('conf.door.issueAll')} />
      <Table
        headings={[
          t('conf.door.delegate'),
          t('conf.door.delegation'),
          t('conf.door.state'),
          t('conf.door.inSessions'),
          t('conf.door.action'),
        ]}
      >
        {credentials.delegates.map((d) => (
          <tr>
            <td>{d.name}</td>
            <td>{d.delegation}</td>
            <td>
              {t(
                d.state === 'issued'
                  ? 'conf.credential.valid'
                  : `conf.credential.${d.state ?? 'none'}`,
              )}
            </td>
            <td>{d.inSessions.map((id) => title.get(id)).join(', ')}</td>
            <td>
              {d.state === 'issued' ? (
                <>
                  <PostForm
                    action={`${base}/reissues`}
                    fields={{ personId: d.personId }}
                    submit={t('conf.door.reissue', { name: d.name })}
                  />
                  <PostForm
                    action={`${base}/revocations`}
                    fields={{ personId: d.personId }}
                    submit={t('conf.door.revoke', { name: d.name })}
                  />
                </>
              ) : (
                <PostForm
                  action={`${base}/credentials`}
                  fields={{ personId: d.personId }}
                  submit={t('conf.door.issue', { name: d.name })}
                />
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
};

/** Each session's attendance from the door and whether it is quorate; a session added. */
const Sessions = ({ credentials, base }: { credentials: CredentialsView; base: string }) => (
  <>
    {credentials.sessions.length ? (
      <Table
        headings={[
          t('conf.door.session'),
          t('conf.door.starts'),
          t('conf.door.checkedIn'),
          t('conf.door.quorum'),
        ]}
      >
        {credentials.sessions.map((s) => (
          <tr>
            <td>{s.title}</td>
            <td>{s.startsAt.slice(0, 16).replace('T', ' ')} UTC</td>
            <td>{s.present}</td>
            <td>
              {s.quorum === null
                ? t('conf.door.noQuorum')
                : t(s.quorate ? 'conf.door.quorate' : 'conf.door.notQuorate', { quorum: s.quorum })}
            </td>
          </tr>
        ))}
      </Table>
    ) : null}
    <details>
      <summary>{t('conf.door.addSession')}</summary>
      <PostForm action={`${base}/sessions`} submit={t('conf.door.addSession')}>
        <Field name="title" label={t('conf.door.sessionTitle')} required />
        <Field
          name="startsAt"
          type="datetime-local"
          label={t('conf.door.sessionStarts')}
          required
        />
        <Field name="quorum" type="number" label={t('conf.door.sessionQuorum')} />
      </PostForm>
    </details>
  </>
);

function deskRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const show = async (c: C, mistake?: Mistake, drawn?: { personId: string; code: string }) => {
    const v = await viewConference(ctx, actorOn(c, 'meetingId'));
    if (!v.canRun) throw forbidden();
    const base = `/conferences/${v.meeting.id}/desk`;
    const title = t('conf.desk.title', { title: v.meeting.title });
    const voted = new Set(v.cardVotes.map((x) => x.submissionId));
    return page(
      c,
      title,
      <>
        <h1>{title}</h1>
        <ErrorSummary mistake={mistake} />
        <Door
          base={base}
          credentials={await viewCredentials(ctx, actorOn(c, 'meetingId'))}
          drawn={drawn}
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
        <h2>{t('conf.submissions')}</h2>
        {v.submissions.map((s) => (
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
          </section>
        ))}
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
}
