import { Hono } from 'hono';
import { draftMotion, editMotionText, type ClauseInput } from '../../app/meetings/draft-motion.ts';
import { secondMotion } from '../../app/meetings/second-motion.ts';
import { submitMotion } from '../../app/meetings/submit-motion.ts';
import { listMeetings, listMotions, viewMotion } from '../../app/meetings/view-meeting.ts';
import { CLAUSE_KINDS } from '../../domain/meetings/motion-text.ts';
import { SECRET_KINDS } from '../../domain/meetings/motion.ts';
import { type DomainError } from '../../domain/errors.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { t } from '../../messages/messages.ts';
import {
  attempt,
  form,
  page,
  problemFor,
  requireSignedIn,
  formRoute,
  statusOf,
  type C,
} from '../pages/kit.tsx';
import { BodyPageHeading, Choice, ErrorSummary, Field } from '../pages/layout.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { formatInstant } from '../pages/dates.ts';
import { Button } from './meeting-parts.tsx';

/** A body's motions: the list, the motion editor with structured clauses, seconding. */
export function motionRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  // ---- Motions ------------------------------------------------------------------------

  const motionsPage = async (c: C, bodyId: string, error?: DomainError) => {
    const { actor } = requireSignedIn(c);
    const [{ body, motions }, { meetings }] = await Promise.all([
      listMotions(ctx, { actor, bodyId }),
      listMeetings(ctx, { actor, bodyId }),
    ]);
    const upcoming = meetings.filter((m) => m.status === 'scheduled');
    return page(
      c,
      t('motions.title', { body: body.name }),
      <>
        <BodyPageHeading body={body} title={t('motions.title', { body: body.name })} />
        {motions.length ? (
          <ul>
            {motions.map((x) => (
              <li>
                <a href={`/motions/${x.id}`}>{x.title || '…'}</a>{' '}
                <span class="kind">{t(`state.motion.${x.status}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('motions.none')}</p>
        )}
        <form method="post" action={`/bodies/${body.id}/motions`}>
          <h2>{t('motions.new')}</h2>
          <ErrorSummary message={error?.message} problems={error?.problems} />
          <Field name="title" label={t('motions.newTitle')} required />
          <div class="field">
            <label for="meetingId">{t('motions.forMeeting')}</label>
            <select id="meetingId" name="meetingId">
              {upcoming.map((m) => (
                <option value={m.id}>{m.title}</option>
              ))}
              <option value="">{t('motions.noMeeting')}</option>
            </select>
          </div>
          <button type="submit">{t('motions.create')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/bodies/:id/motions', (c) => motionsPage(c, c.req.param('id')));
  formRoute(web, '/bodies/:id/motions', {
    run: (actor, bodyId, f) =>
      draftMotion(ctx, {
        actor,
        bodyId,
        meetingId: f.meetingId || undefined,
        text: { title: f.title ?? '', clauses: [{ kind: 'notes', text: '' }] },
      }),
    again: (c, id, error) => motionsPage(c, id, error),
    done: (_bodyId, drafted) => `/motions/${drafted.motionId}`,
  });

  const motionPage = async (
    c: C,
    motionId: string,
    error?: DomainError,
    draft?: { title: string; clauses: ClauseInput[] },
  ) => {
    const { actor } = requireSignedIn(c);
    const x = await viewMotion(ctx, { actor, motionId });
    const clauses: ClauseInput[] =
      draft?.clauses ??
      x.text.clauses.map((cl) => ({
        id: cl.id,
        kind: cl.kind,
        text: cl.text,
        bodyId: cl.addressee?.kind === 'body' ? cl.addressee.bodyId : undefined,
        bodyName:
          cl.addressee?.kind === 'body' || cl.addressee?.kind === 'named-body'
            ? cl.addressee.name
            : undefined,
        officer: cl.addressee?.kind === 'officer' ? cl.addressee.officer : undefined,
      }));
    return page(
      c,
      x.title || t('motions.new'),
      <>
        <p>
          <a href={`/bodies/${x.body.id}/motions`}>{t('body.motions')}</a>
          {x.meeting ? (
            <>
              {' · '}
              <a href={`/meetings/${x.meeting.id}`}>{x.meeting.title}</a>
            </>
          ) : null}
        </p>
        <h1>{x.title || t('motions.new')}</h1>
        <p class="kind">{t('motion.status', { status: t(`state.motion.${x.status}`) })}</p>
        {x.secretKind ? <p>{t(`motion.secretKind.${x.secretKind}`)}</p> : null}
        {x.composite ? (
          <p>
            {t('motion.compositedInto')}{' '}
            <a href={`/motions/${x.composite.id}`}>{x.composite.title}</a>.
          </p>
        ) : null}
        {x.compositedFrom.length ? (
          <>
            <p>{t('motion.compositedFrom')}</p>
            <ul>
              {x.compositedFrom.map((source) => (
                <li>
                  <a href={`/motions/${source.id}`}>{source.title}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          {t('motion.proposer', { name: x.proposer.name })}.{' '}
          {x.seconder
            ? t('motion.seconder', { name: x.seconder.name }) + '.'
            : t('motion.noSeconder')}
        </p>
        {x.deadline && x.status === 'draft' ? (
          <p>{t('motion.deadline', { when: formatInstant(x.deadline, 'dateTime') })}</p>
        ) : null}
        <ErrorSummary message={error?.message} problems={error?.problems} />
        {x.canEdit ? (
          <form method="post" action={`/motions/${x.id}`}>
            <h2>{t('motion.editor')}</h2>
            <p class="hint">{t('motion.editorHint')}</p>
            <Field
              name="title"
              label={t('motions.newTitle')}
              value={draft?.title ?? x.title}
              error={problemFor(error, 'title')}
            />
            <Choice
              name="secretKind"
              label={t('motion.secretKind')}
              options={[
                ['', t('motion.secretKind.none')],
                ...SECRET_KINDS.map((k) => [k, t(`motion.secretKind.${k}`)] as const),
              ]}
              selected={x.secretKind ?? ''}
            />
            {clauses.map((cl, i) => (
              <fieldset class="clause" id={`clauses.${i}`}>
                <legend>{t('motion.clause', { n: i + 1 })}</legend>
                <input type="hidden" name={`clauses.${i}.id`} value={cl.id ?? ''} />
                <div class="field">
                  <label for={`clauses.${i}.kind`}>{t('motion.kind')}</label>
                  <select id={`clauses.${i}.kind`} name={`clauses.${i}.kind`}>
                    {CLAUSE_KINDS.map((k) => (
                      <option value={k} selected={cl.kind === k}>
                        {t(`motion.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {cl.kind === 'calls-on' ? (
                  <>
                    <div class="field">
                      <label for={`clauses.${i}.bodyId`}>{t('motion.addressee')}</label>
                      <select id={`clauses.${i}.bodyId`} name={`clauses.${i}.bodyId`}>
                        <option value="">{t('motion.addresseeNone')}</option>
                        {x.addressees.map((b) => (
                          <option value={b.id} selected={cl.bodyId === b.id}>
                            {b.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Field
                      name={`clauses.${i}.bodyName`}
                      label={t('motion.addresseeElsewhere')}
                      value={cl.bodyId ? '' : cl.bodyName}
                      error={problemFor(error, `clauses.${i}.addressee`)}
                    />
                  </>
                ) : null}
                {cl.kind === 'instructs' ? (
                  <Field
                    name={`clauses.${i}.officer`}
                    label={t('motion.officer')}
                    value={cl.officer}
                    error={problemFor(error, `clauses.${i}.addressee`)}
                  />
                ) : null}
                <div class="field">
                  <label for={`clauses.${i}.text`}>{t('motion.words')}</label>
                  {problemFor(error, `clauses.${i}.text`) ? (
                    <p class="error">{problemFor(error, `clauses.${i}.text`)}</p>
                  ) : null}
                  <textarea id={`clauses.${i}.text`} name={`clauses.${i}.text`} rows={3}>
                    {cl.text}
                  </textarea>
                </div>
                <div class="clause-actions">
                  {i > 0 ? (
                    <button type="submit" name="op" value={`up:${i}`} class="secondary">
                      {t('motion.up', { n: i + 1 })}
                    </button>
                  ) : null}{' '}
                  {i < clauses.length - 1 ? (
                    <button type="submit" name="op" value={`down:${i}`} class="secondary">
                      {t('motion.down', { n: i + 1 })}
                    </button>
                  ) : null}{' '}
                  <button type="submit" name="op" value={`remove:${i}`} class="secondary">
                    {t('motion.remove', { n: i + 1 })}
                  </button>
                </div>
              </fieldset>
            ))}
            <p>
              <button type="submit" name="op" value="add" class="secondary">
                {t('motion.addClause')}
              </button>
            </p>
            <p>
              <button type="submit" name="op" value="save">
                {t('motion.save')}
              </button>{' '}
              <button type="submit" name="op" value="submit">
                {t('motion.submit')}
              </button>
            </p>
          </form>
        ) : (
          <>
            <MotionText text={x.text} />
            {x.debate?.amended ? (
              <>
                <h2>{t('console.substantive')}</h2>
                <MotionText text={x.debate.substantive} />
              </>
            ) : null}
            {x.debate?.amendments.length ? (
              <>
                <h2>{t('console.amendments')}</h2>
                <ul>
                  {x.debate.amendments.map((a) => (
                    <li>
                      {a.description} ({t('console.amendmentBy', { mover: a.mover })}):{' '}
                      {t(`state.amendment.${a.status}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
        {x.canSecond ? (
          <Button action={`/motions/${x.id}/second`} label={t('motion.secondIt')} />
        ) : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/motions/:id', (c) => motionPage(c, c.req.param('id')));
  web.post('/motions/:id', async (c) => {
    const { actor } = requireSignedIn(c);
    const motionId = c.req.param('id');
    const f = await form(c);
    const indices = [
      ...new Set(
        Object.keys(f).flatMap((k) => {
          const m = /^clauses\.(\d+)\.kind$/.exec(k);
          return m ? [Number(m[1])] : [];
        }),
      ),
    ].sort((a, b) => a - b);
    const clauses: ClauseInput[] = indices.map((i) => ({
      id: f[`clauses.${i}.id`] || undefined,
      kind: f[`clauses.${i}.kind`] ?? 'notes',
      text: f[`clauses.${i}.text`] ?? '',
      bodyId: f[`clauses.${i}.bodyId`] || undefined,
      bodyName: f[`clauses.${i}.bodyName`] || undefined,
      officer: f[`clauses.${i}.officer`] || undefined,
    }));
    const [op, arg] = (f.op ?? 'save').split(':');
    const i = Number(arg);
    if (op === 'add') clauses.push({ kind: 'resolves', text: '' });
    if (op === 'remove' && clauses[i]) clauses.splice(i, 1);
    if ((op === 'up' && i > 0) || (op === 'down' && i < clauses.length - 1)) {
      const j = op === 'up' ? i - 1 : i + 1;
      [clauses[i], clauses[j]] = [clauses[j]!, clauses[i]!];
    }
    const text = { title: f.title ?? '', clauses };
    const saved = await attempt(
      () =>
        editMotionText(ctx, {
          actor,
          motionId,
          text,
          ...(f.secretKind === undefined
            ? {}
            : {
                secretKind: SECRET_KINDS.find((k) => k === f.secretKind) ?? null,
              }),
        }),
      (e) => motionPage(c, motionId, e, text),
    );
    if (!saved.ok) return saved.response;
    if (op === 'submit') {
      const submitted = await attempt(
        () => submitMotion(ctx, { actor, motionId }),
        (e) => motionPage(c, motionId, e),
      );
      if (!submitted.ok) return submitted.response;
    }
    return c.redirect(`/motions/${motionId}`, 303);
  });
  web.post('/motions/:id/second', async (c) => {
    const { actor } = requireSignedIn(c);
    const motionId = c.req.param('id');
    const result = await attempt(
      () => secondMotion(ctx, { actor, motionId }),
      (e) => motionPage(c, motionId, e),
    );
    return result.ok ? c.redirect(`/motions/${motionId}`, 303) : result.response;
  });

  return web;
}
