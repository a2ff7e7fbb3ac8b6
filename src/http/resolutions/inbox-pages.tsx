import { declaredWords } from '../../messages/results.ts';
import type { Hono } from 'hono';
import type { ClauseInput } from '../../app/meetings/draft-motion.ts';
import type { ClauseKind } from '../../domain/meetings/motion-text.ts';
import { adoptModelMotion } from '../../app/resolutions/adopt-model-motion.ts';
import { answerCommunication } from '../../app/resolutions/answer-communication.ts';
import { compositeCommunications } from '../../app/resolutions/composite-communications.ts';
import { putCommunicationOnAgenda } from '../../app/resolutions/put-communication-on-agenda.ts';
import { putCommunicationToBallot } from '../../app/resolutions/put-communication-to-ballot.ts';
import { TimetableFields } from '../ballots/ballot-parts.tsx';
import { setResolutionsPrivate } from '../../app/resolutions/set-publication.ts';
import { viewCommunication, viewInbox } from '../../app/resolutions/view-inbox.ts';
import { listBodyResolutions } from '../../app/resolutions/view-resolution.ts';
import { DomainError } from '../../domain/errors.ts';
import { CLAUSE_KINDS } from '../../domain/meetings/motion-text.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import { formRoute, type Mistake, type SignedInFormCall } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import {
  Choice,
  ErrorSummary,
  Field,
  PostForm,
  SendButtons,
  TextArea,
  Tick,
} from '../pages/forms.tsx';
import {
  actorOn,
  Listing,
  page,
  pageForms,
  pageWithForms,
  routeGroups,
  Table,
  type C,
} from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { ClauseList } from '../pages/motion-text.tsx';
import { day, History, MeetingChoice } from './resolution-parts.tsx';
import {
  AnswerCommunication,
  CompositeCommunications,
  ownTextFromForm,
  PutToBallot,
  SetPublication,
  TableCommunication,
} from './schema.ts';

/**
 * A body's side of resolutions that travel, as pages that work without JavaScript: its own
 * resolutions and whether they are public; its inbox, where communications may be composited;
 * each communication with a form for each legal answer; and adopting a model motion with its
 * clauses editable.
 */
export const inboxPages = (opts: HttpOptions) =>
  routeGroups(opts, publicationRoutes, inboxRoutes, communicationRoutes, adoptionRoutes);

/** After an answer: the communication, saying where it now stands. */
const answered = ({ params }: SignedInFormCall) => `/communications/${params.id}?done=1`;

/** A body's resolutions, and the setting that keeps them to the organisation. */
function publicationRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const resolutionsPage = async (c: C, mistake?: Mistake) => {
    const v = await listBodyResolutions(ctx, actorOn(c, 'bodyId'));
    const title = t('res.body.title', { body: v.body.name });
    return page(
      c,
      title,
      <>
        <BodyPageHeading body={v.body} title={title} />
        <Listing
          items={v.resolutions}
          none={t('res.body.none')}
          entry={(r) => ({
            href: r.path,
            name: r.title,
            note: `${day(r.passedAt)} · ${declaredWords(r.declared, r.result)}${r.isModel ? ` ${t('res.body.modelMark')}` : ''}`,
          })}
        />
        <p>{v.resolutionsPrivate ? t('res.body.isPrivate') : t('res.body.public')}</p>
        {v.resolutionsPrivate ? null : (
          <p>
            <a href={v.feedPath}>{t('res.feed', { name: v.body.name })}</a>
          </p>
        )}
        {v.mayChangePublication ? (
          <PostForm
            action={`/bodies/${v.body.id}/publication`}
            mistake={mistake}
            submit={t('res.body.save')}
          >
            <Tick
              name="resolutionsPrivate"
              label={t('res.body.keepPrivate')}
              checked={v.resolutionsPrivate}
            />
          </PostForm>
        ) : null}
      </>,
      mistake,
    );
  };
  const publicationForm = pageWithForms(web, '/bodies/:id/resolutions', resolutionsPage);
  publicationForm('/bodies/:id/publication', SetPublication, ({ c }, { resolutionsPrivate }) =>
    setResolutionsPrivate(ctx, { ...actorOn(c, 'bodyId'), resolutionsPrivate }),
  );
}

/** A body's inbox, and compositing what it received into one motion. */
function inboxRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const inboxPage = async (c: C, mistake?: Mistake) => {
    const v = await viewInbox(ctx, actorOn(c, 'bodyId'));
    const title = t('inbox.title', { body: v.body.name });
    const compositable = v.items.filter((i) => i.legalEvents.includes('composite'));
    return page(
      c,
      title,
      <>
        <BodyPageHeading body={v.body} title={title} />
        <p>{t('inbox.intro')}</p>
        {v.mayAnswer ? (
          <p>
            <a href={`/bodies/${v.body.id}/following`}>{t('following.link')}</a>
          </p>
        ) : null}
        <ErrorSummary mistake={mistake} />
        {v.items.length ? (
          <Table
            headings={[
              t('inbox.resolution'),
              t('inbox.from'),
              t('inbox.kind'),
              t('inbox.received'),
              t('res.state'),
            ]}
          >
            {v.items.map((i) => (
              <tr>
                <td>
                  <a href={`/communications/${i.id}`}>{i.title}</a>
                </td>
                <td>{i.from}</td>
                <td>{t(`inbox.kind.${i.kind}` as MessageKey)}</td>
                <td>{day(i.receivedAt)}</td>
                <td>{t(`state.communication.${i.status}`)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>{t('inbox.none')}</p>
        )}
        {v.mayAnswer && compositable.length >= 2 ? (
          <PostForm
            action={`/bodies/${v.body.id}/composites`}
            heading={t('inbox.composite')}
            hint={t('inbox.compositeHint')}
            submit={t('inbox.compositeSubmit')}
          >
            <fieldset class="field">
              <legend>{t('inbox.composite')}</legend>
              {compositable.map((i) => (
                <Tick
                  name={`source.${i.id}`}
                  id={`source-${i.id}`}
                  label={`${i.title} (${i.from})`}
                  mistake={mistake}
                />
              ))}
            </fieldset>
            <Field
              name="title"
              label={t('inbox.compositeTitle')}
              mistake={mistake?.from(CompositeCommunications)}
              required
            />
            <MeetingChoice meetings={v.meetings} id="composite-meeting" mistake={mistake} />
          </PostForm>
        ) : null}
      </>,
      mistake,
    );
  };
  web.get('/bodies/:id/inbox', (c) => inboxPage(c));
  formRoute(web, '/bodies/:id/composites', CompositeCommunications, {
    run: ({ c }, input) => compositeCommunications(ctx, { ...actorOn(c, 'bodyId'), ...input }),
    done: (_call, made) => `/motions/${made.motionId}`,
    again: inboxPage,
  });
}

/** One communication in an inbox, with a form for each answer the rules allow now. */
function communicationRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const communicationPage = async (c: C, mistake?: Mistake) => {
    const v = await viewCommunication(ctx, actorOn(c, 'communicationId'));
    const action = `/communications/${v.id}`;
    return page(
      c,
      v.resolution.title,
      <>
        <p>
          <a href={`/bodies/${v.body.id}/inbox`}>{t('inbox.title', { body: v.body.name })}</a>
        </p>
        <h1>{v.resolution.title}</h1>
        <p>
          {t('comm.from', {
            body: v.from.body,
            organisation: v.from.organisation,
            date: day(v.resolution.passedAt),
            declared: declaredWords(v.resolution.declared, v.resolution.result),
          })}{' '}
          <a href={v.resolution.path}>{t('comm.readResolution')}</a>
        </p>
        {c.req.query('done') ? (
          <p class="notice" role="status">
            {t('comm.done', { state: t(`state.communication.${v.status}`) })}
          </p>
        ) : null}
        <ErrorSummary mistake={mistake} />
        <ClauseList text={v.resolution.text} />
        <p id="communication-state">
          <strong>{t('comm.state', { state: t(`state.communication.${v.status}`) })}</strong>
          {v.reason ? <> {t('comm.reason', { reason: v.reason })}</> : null}
        </p>
        {v.motion ? (
          <p>
            {t('comm.motion')} <a href={`/motions/${v.motion.id}`}>{v.motion.title}</a> (
            {t(`state.motion.${v.motion.status}`)})
          </p>
        ) : null}
        {v.ballot ? (
          <p>
            {t('comm.ballot')}{' '}
            <a href={`/ballots/${v.ballot.id}`}>{t(`ballot.state.${v.ballot.state}`)}</a>
          </p>
        ) : null}
        {v.mayAnswer && v.legalEvents.length ? <h2>{t('comm.answer')}</h2> : null}
        {v.legalEvents.includes('acknowledge') ? (
          <PostForm
            action={`${action}/answers`}
            fields={{ type: 'acknowledge' }}
            submit={t('comm.acknowledge')}
          />
        ) : null}
        {v.legalEvents.includes('rule') ? (
          <PostForm action={`${action}/answers`} fields={{ type: 'rule' }}>
            <TextArea
              name="reason"
              label={t('comm.reasonLabel')}
              hint={t('comm.reasonHint')}
              mistake={mistake?.from(AnswerCommunication)}
            />
            <SendButtons
              name="inOrder"
              choices={[
                ['1', t('comm.ruleIn')],
                ['0', t('comm.ruleOut')],
              ]}
            />
          </PostForm>
        ) : null}
        {v.legalEvents.includes('put-on-agenda') ? (
          <PostForm
            action={`${action}/agenda`}
            hint={t('comm.agendaHint')}
            submit={t('comm.putOnAgenda')}
          >
            <MeetingChoice meetings={v.meetings} id="agenda-meeting" mistake={mistake} />
            <p class="hint">
              <a href={`/bodies/${v.body.id}/meetings`}>{t('comm.callMeeting')}</a>
            </p>
          </PostForm>
        ) : null}
        {v.legalEvents.includes('put-to-ballot') ? (
          <PutToBallotForm action={`${action}/ballot`} mistake={mistake} />
        ) : null}
        {v.legalEvents.includes('adopt') ? (
          <p>
            <a href={`${action}/adopt`}>{t('comm.adopt')}</a>
          </p>
        ) : null}
        {v.legalOutcomes.length ? (
          <PostForm
            action={`${action}/answers`}
            fields={{ type: 'record-outcome' }}
            submit={t('comm.recordOutcome')}
          >
            <Choice
              name="outcome"
              label={t('comm.outcome')}
              options={v.legalOutcomes.map((o) => [o, t(`comm.outcome.${o}`)] as const)}
            />
            <TextArea
              name="reason"
              label={t('comm.byHandReason')}
              hint={t('comm.byHandHint')}
              mistake={mistake?.from(AnswerCommunication)}
            />
          </PostForm>
        ) : null}
        {v.mayAnswer && !v.legalEvents.length ? <p>{t('comm.nothingToDo')}</p> : null}
        <h2>{t('comm.history')}</h2>
        <History steps={v.history} />
      </>,
      mistake,
    );
  };
  web.get('/communications/:id', (c) => communicationPage(c));
  const answerForm = pageForms(web, communicationPage, answered);
  answerForm('/communications/:id/answers', AnswerCommunication, ({ c }, answer) =>
    answerCommunication(ctx, { ...actorOn(c, 'communicationId'), answer }),
  );
  answerForm('/communications/:id/ballot', PutToBallot, ({ c }, { text, ...ballot }) =>
    putCommunicationToBallot(ctx, { ...actorOn(c, 'communicationId'), ballot, text }),
  );
  answerForm('/communications/:id/agenda', TableCommunication, ({ c }, input) =>
    putCommunicationOnAgenda(ctx, { ...actorOn(c, 'communicationId'), meetingId: input.meetingId }),
  );
}

/**
 * Putting a received motion to a ballot of the body's members: open or secret, a card vote, its
 * timetable or at once, or end-to-end verifiable with its key holders.
 */
function PutToBallotForm({ action, mistake }: { action: string; mistake: Mistake | undefined }) {
  return (
    <PostForm action={action} hint={t('comm.ballotHint')} submit={t('comm.putToBallot')}>
      <Tick name="secret" label={t('ballots.secret')} checked mistake={mistake} />
      <Tick name="weighted" label={t('ballots.weighted')} mistake={mistake} />
      <Tick name="openNow" label={t('comm.openNow')} mistake={mistake} />
      <TimetableFields mistake={mistake?.from(PutToBallot)} />
      <details open={mistake?.from(PutToBallot)?.problem('trustees') !== undefined}>
        <summary>{t('comm.endToEnd')}</summary>
        <p class="hint">{t('e2e.about')}</p>
        <Tick name="endToEnd" label={t('comm.endToEndTick')} mistake={mistake} />
        <TextArea
          name="trustees"
          label={t('e2e.draft.trustees')}
          hint={t('e2e.draft.trusteesHint')}
          rows={2}
          mistake={mistake?.from(PutToBallot)}
        />
        <Field
          name="needed"
          type="number"
          label={t('e2e.draft.needed')}
          hint={t('e2e.draft.neededHint')}
          mistake={mistake?.from(PutToBallot)}
        />
      </details>
    </PostForm>
  );
}

/** One clause's fields on the adoption form, prefilled from the model. */
function clauseFields(prefix: string, c: ClauseInput & { sentence?: string }, n: number) {
  const verb = t(`motion.kind.${c.kind as ClauseKind}`);
  const who = c.bodyName ?? c.officer ?? '';
  return (
    <fieldset class="field">
      <legend>{t('adopt.clause', { n, kind: [verb, who].filter(Boolean).join(' ') })}</legend>
      <input type="hidden" name={`${prefix}.id`} value={c.id ?? ''} />
      <input type="hidden" name={`${prefix}.kind`} value={c.kind} />
      {c.bodyId ? <input type="hidden" name={`${prefix}.bodyId`} value={c.bodyId} /> : null}
      {c.bodyName ? <input type="hidden" name={`${prefix}.bodyName`} value={c.bodyName} /> : null}
      {c.officer ? <input type="hidden" name={`${prefix}.officer`} value={c.officer} /> : null}
      <label for={`${prefix}.text`}>{t('adopt.clause', { n, kind: verb })}</label>
      <textarea id={`${prefix}.text`} name={`${prefix}.text`} rows={3}>
        {c.text}
      </textarea>
      <Tick name={`${prefix}.omit`} label={t('adopt.leaveOut', { n })} />
    </fieldset>
  );
}

/** Adopting a model motion as the branch's own motion, its clauses changed or left out. */
function adoptionRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const adoptPage = async (c: C, mistake?: Mistake) => {
    const v = await viewCommunication(ctx, actorOn(c, 'communicationId'));
    if (!v.legalEvents.includes('adopt')) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `This cannot be adopted now (state ${v.status}, event adopt).`,
      );
    }
    // A refused form comes back with the text as it was sent, clauses left out staying out.
    const own = mistake
      ? ownTextFromForm(mistake.fields)
      : {
          title: v.resolution.ownText.title,
          clauses: v.resolution.ownText.clauses.map((cl) => ({
            id: cl.id,
            kind: cl.kind,
            text: cl.text,
            ...(cl.addressee?.kind === 'body'
              ? { bodyId: cl.addressee.bodyId, bodyName: cl.addressee.name }
              : cl.addressee?.kind === 'named-body'
                ? { bodyName: cl.addressee.name }
                : cl.addressee?.kind === 'officer'
                  ? { officer: cl.addressee.officer }
                  : {}),
          })),
        };
    const title = t('adopt.title', { title: v.resolution.title });
    return page(
      c,
      title,
      <>
        <p>
          <a href={`/communications/${v.id}`}>{v.resolution.title}</a>
        </p>
        <h1>{title}</h1>
        <p>{t('adopt.intro')}</p>
        <PostForm
          action={`/communications/${v.id}/adopt`}
          mistake={mistake}
          submit={t('adopt.submit')}
        >
          <Field name="title" label={t('adopt.motionTitle')} value={own.title} required />
          {own.clauses.map((cl, i) => clauseFields(`clause.${i}`, cl, i + 1))}
          <fieldset class="field">
            <legend>{t('adopt.newClause')}</legend>
            <label for="new.kind">{t('adopt.newKind')}</label>
            <select id="new.kind" name="new.kind">
              {CLAUSE_KINDS.filter((k) => k !== 'calls-on' && k !== 'instructs').map((k) => (
                <option value={k}>{k}</option>
              ))}
            </select>
            <label for="new.text">{t('adopt.newText')}</label>
            <textarea id="new.text" name="new.text" rows={3} />
          </fieldset>
          <MeetingChoice meetings={v.meetings} id="adopt-meeting" mistake={mistake} />
        </PostForm>
      </>,
      mistake,
    );
  };
  web.get('/communications/:id/adopt', (c) => adoptPage(c));
  formRoute(web, '/communications/:id/adopt', TableCommunication, {
    run: ({ c }, { meetingId, text }) =>
      adoptModelMotion(ctx, { ...actorOn(c, 'communicationId'), text, meetingId }),
    done: answered,
    again: adoptPage,
  });
}
