import { Hono } from 'hono';
import type { ClauseInput } from '../../app/meetings/draft-motion.ts';
import { adoptModelMotion } from '../../app/resolutions/adopt-model-motion.ts';
import { answerCommunication } from '../../app/resolutions/answer-communication.ts';
import { compositeCommunications } from '../../app/resolutions/composite-communications.ts';
import { putCommunicationOnAgenda } from '../../app/resolutions/put-communication-on-agenda.ts';
import { setResolutionsPrivate } from '../../app/resolutions/set-publication.ts';
import { viewCommunication, viewInbox } from '../../app/resolutions/view-inbox.ts';
import { listBodyResolutions } from '../../app/resolutions/view-resolution.ts';
import type { AppContext } from '../../app/shared/context.ts';
import { DomainError } from '../../domain/errors.ts';
import { CLAUSE_KINDS } from '../../domain/meetings/motion-text.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import { formRoute, type Mistake, type SignedInFormCall } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { page, requireSignedIn, statusOf, type C } from '../pages/kit.tsx';
import { BodyPageHeading, ColumnHeadings, ErrorSummary, Field } from '../pages/layout.tsx';
import { ClauseList, day, History, MeetingChoice } from './resolution-parts.tsx';
import {
  AnswerCommunication,
  CompositeCommunications,
  ownTextFromForm,
  SetPublication,
  TableCommunication,
} from './schema.ts';

/**
 * A body's side of resolutions that travel, as pages that work without JavaScript: its own
 * resolutions and whether they are public; its inbox, where communications may be composited;
 * each communication with a form for each legal answer; and adopting a model motion with its
 * clauses editable.
 */
export function inboxPages({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();
  publicationRoutes(web, ctx);
  inboxRoutes(web, ctx);
  communicationRoutes(web, ctx);
  adoptionRoutes(web, ctx);
  return web;
}

/** After an answer: the communication, saying where it now stands. */
const answered = ({ params }: SignedInFormCall) => `/communications/${params.id}?done=1`;

/** A body's resolutions, and the setting that keeps them to the organisation. */
function publicationRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  const resolutionsPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const v = await listBodyResolutions(ctx, { actor, bodyId: c.req.param('id')! });
    const title = t('res.body.title', { body: v.body.name });
    return page(
      c,
      title,
      <>
        <BodyPageHeading body={v.body} title={title} />
        {v.resolutions.length ? (
          <ul>
            {v.resolutions.map((r) => (
              <li>
                <a href={r.path}>{r.title}</a>{' '}
                <span class="kind">
                  {day(r.passedAt)} · {r.declared}
                  {r.isModel ? ` ${t('res.body.modelMark')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('res.body.none')}</p>
        )}
        <p>{v.resolutionsPrivate ? t('res.body.isPrivate') : t('res.body.public')}</p>
        {v.resolutionsPrivate ? null : (
          <p>
            <a href={v.feedPath}>{t('res.feed', { name: v.body.name })}</a>
          </p>
        )}
        {v.mayChangePublication ? (
          <form method="post" action={`/bodies/${v.body.id}/publication`}>
            <ErrorSummary mistake={mistake} />
            <div class="field">
              <input
                type="checkbox"
                id="resolutionsPrivate"
                name="resolutionsPrivate"
                value="1"
                checked={v.resolutionsPrivate}
              />{' '}
              <label for="resolutionsPrivate" class="inline">
                {t('res.body.keepPrivate')}
              </label>
            </div>
            <button type="submit">{t('res.body.save')}</button>
          </form>
        ) : null}
      </>,
      mistake ? statusOf(mistake.error) : 200,
    );
  };
  web.get('/bodies/:id/resolutions', (c) => resolutionsPage(c));
  formRoute(web, '/bodies/:id/publication', SetPublication, {
    run: ({ signedIn, params }, { resolutionsPrivate }) =>
      setResolutionsPrivate(ctx, { actor: signedIn.actor, bodyId: params.id!, resolutionsPrivate }),
    done: ({ params }) => `/bodies/${params.id}/resolutions`,
    again: resolutionsPage,
  });
}

/** A body's inbox, and compositing what it received into one motion. */
function inboxRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  const inboxPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const v = await viewInbox(ctx, { actor, bodyId: c.req.param('id')! });
    const title = t('inbox.title', { body: v.body.name });
    const compositable = v.items.filter((i) => i.legalEvents.includes('composite'));
    return page(
      c,
      title,
      <>
        <BodyPageHeading body={v.body} title={title} />
        <p>{t('inbox.intro')}</p>
        <ErrorSummary mistake={mistake} />
        {v.items.length ? (
          <div class="table-wrap">
            <table>
              <ColumnHeadings
                headings={[
                  t('inbox.resolution'),
                  t('inbox.from'),
                  t('inbox.kind'),
                  t('inbox.received'),
                  t('res.state'),
                ]}
              />
              <tbody>
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
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('inbox.none')}</p>
        )}
        {v.mayAnswer && compositable.length >= 2 ? (
          <form method="post" action={`/bodies/${v.body.id}/composites`}>
            <h2>{t('inbox.composite')}</h2>
            <p class="hint">{t('inbox.compositeHint')}</p>
            <fieldset class="field">
              <legend>{t('inbox.composite')}</legend>
              {compositable.map((i) => (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`source-${i.id}`}
                    name={`source.${i.id}`}
                    value="1"
                    checked={mistake?.value(`source.${i.id}`) === '1'}
                  />
                  <label for={`source-${i.id}`} class="inline">
                    {i.title} ({i.from})
                  </label>
                </div>
              ))}
            </fieldset>
            <Field
              name="title"
              label={t('inbox.compositeTitle')}
              mistake={mistake?.from(CompositeCommunications)}
              required
            />
            <MeetingChoice
              meetings={v.meetings}
              id="composite-meeting"
              selected={mistake?.value('meetingId')}
            />
            <button type="submit">{t('inbox.compositeSubmit')}</button>
          </form>
        ) : null}
      </>,
      mistake ? statusOf(mistake.error) : 200,
    );
  };
  web.get('/bodies/:id/inbox', (c) => inboxPage(c));
  formRoute(web, '/bodies/:id/composites', CompositeCommunications, {
    run: ({ signedIn, params }, input) =>
      compositeCommunications(ctx, { actor: signedIn.actor, bodyId: params.id!, ...input }),
    done: (_call, made) => `/motions/${made.motionId}`,
    again: inboxPage,
  });
}

/** One communication in an inbox, with a form for each answer the rules allow now. */
function communicationRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  const communicationPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const v = await viewCommunication(ctx, { actor, communicationId: c.req.param('id')! });
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
            declared: v.resolution.declared,
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
        {v.mayAnswer && v.legalEvents.length ? <h2>{t('comm.answer')}</h2> : null}
        {v.legalEvents.includes('acknowledge') ? (
          <form method="post" action={`${action}/answers`}>
            <input type="hidden" name="type" value="acknowledge" />
            <button type="submit">{t('comm.acknowledge')}</button>
          </form>
        ) : null}
        {v.legalEvents.includes('rule') ? (
          <form method="post" action={`${action}/answers`}>
            <input type="hidden" name="type" value="rule" />
            <div class="field">
              <label for="reason">{t('comm.reasonLabel')}</label>
              <p class="hint" id="reason-hint">
                {t('comm.reasonHint')}
              </p>
              <textarea id="reason" name="reason" rows={3} aria-describedby="reason-hint">
                {mistake?.from(AnswerCommunication)?.value('reason') ?? ''}
              </textarea>
            </div>
            <button type="submit" name="inOrder" value="1">
              {t('comm.ruleIn')}
            </button>{' '}
            <button type="submit" name="inOrder" value="0">
              {t('comm.ruleOut')}
            </button>
          </form>
        ) : null}
        {v.legalEvents.includes('put-on-agenda') ? (
          <form method="post" action={`${action}/agenda`}>
            <p class="hint">{t('comm.agendaHint')}</p>
            <MeetingChoice
              meetings={v.meetings}
              id="agenda-meeting"
              selected={mistake?.value('meetingId')}
            />
            <button type="submit">{t('comm.putOnAgenda')}</button>
          </form>
        ) : null}
        {v.legalEvents.includes('adopt') ? (
          <p>
            <a href={`${action}/adopt`}>{t('comm.adopt')}</a>
          </p>
        ) : null}
        {v.legalOutcomes.length ? (
          <form method="post" action={`${action}/answers`}>
            <input type="hidden" name="type" value="record-outcome" />
            <div class="field">
              <label for="outcome">{t('comm.outcome')}</label>
              <select id="outcome" name="outcome">
                {v.legalOutcomes.map((o) => (
                  <option value={o}>{t(`comm.outcome.${o}`)}</option>
                ))}
              </select>
            </div>
            <button type="submit">{t('comm.recordOutcome')}</button>
          </form>
        ) : null}
        {v.mayAnswer && !v.legalEvents.length ? <p>{t('comm.nothingToDo')}</p> : null}
        <h2>{t('comm.history')}</h2>
        <History steps={v.history} />
      </>,
      mistake ? statusOf(mistake.error) : 200,
    );
  };
  web.get('/communications/:id', (c) => communicationPage(c));
  formRoute(web, '/communications/:id/answers', AnswerCommunication, {
    run: ({ signedIn, params }, answer) =>
      answerCommunication(ctx, { actor: signedIn.actor, communicationId: params.id!, answer }),
    done: answered,
    again: communicationPage,
  });
  formRoute(web, '/communications/:id/agenda', TableCommunication, {
    run: ({ signedIn, params }, { meetingId }) =>
      putCommunicationOnAgenda(ctx, {
        actor: signedIn.actor,
        communicationId: params.id!,
        meetingId,
      }),
    done: answered,
    again: communicationPage,
  });
}

/** One clause's fields on the adoption form, prefilled from the model. */
function clauseFields(prefix: string, c: ClauseInput & { sentence?: string }, n: number) {
  const verb = c.kind === 'calls-on' ? 'calls on' : c.kind;
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
      <div>
        <input type="checkbox" id={`${prefix}.omit`} name={`${prefix}.omit`} value="1" />{' '}
        <label for={`${prefix}.omit`} class="inline">
          {t('adopt.leaveOut', { n })}
        </label>
      </div>
    </fieldset>
  );
}

/** Adopting a model motion as the branch's own motion, its clauses changed or left out. */
function adoptionRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  const adoptPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const v = await viewCommunication(ctx, { actor, communicationId: c.req.param('id')! });
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
        <form method="post" action={`/communications/${v.id}/adopt`}>
          <ErrorSummary mistake={mistake} />
          <Field
            name="title"
            label={t('adopt.motionTitle')}
            value={own.title}
            mistake={mistake}
            required
          />
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
          <MeetingChoice
            meetings={v.meetings}
            id="adopt-meeting"
            selected={mistake?.value('meetingId')}
          />
          <button type="submit">{t('adopt.submit')}</button>
        </form>
      </>,
      mistake ? statusOf(mistake.error) : 200,
    );
  };
  web.get('/communications/:id/adopt', (c) => adoptPage(c));
  formRoute(web, '/communications/:id/adopt', TableCommunication, {
    run: ({ signedIn, params }, { meetingId, text }) =>
      adoptModelMotion(ctx, {
        actor: signedIn.actor,
        communicationId: params.id!,
        text,
        meetingId,
      }),
    done: answered,
    again: adoptPage,
  });
}
