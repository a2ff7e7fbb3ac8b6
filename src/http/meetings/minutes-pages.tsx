import { Hono } from 'hono';
import { approveMinutes } from '../../app/meetings/approve-minutes.ts';
import { correctMinutes } from '../../app/meetings/correct-minutes.ts';
import { redraftMinutes } from '../../app/meetings/draft-minutes.ts';
import { editMinutes } from '../../app/meetings/edit-minutes.ts';
import { viewMinutes } from '../../app/meetings/view-meeting.ts';
import type { MinutesDocument } from '../../domain/meetings/minutes.ts';
import { type DomainError } from '../../domain/errors.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { t } from '../../messages/messages.ts';
import {
  attempt,
  form,
  page,
  requireSignedIn,
  formRoute,
  statusOf,
  type C,
  type FormRun,
} from '../pages/kit.tsx';
import { ErrorSummary, Field } from '../pages/layout.tsx';
import { formatInstant } from '../pages/dates.ts';
import { Button } from './meeting-parts.tsx';

/** The minutes of a meeting: drafted, edited by the secretary, corrected and approved. */
export function minutesRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  // ---- Minutes ------------------------------------------------------------------------

  const minutesPage = async (c: C, meetingId: string, error?: DomainError) => {
    const { actor } = requireSignedIn(c);
    const x = await viewMinutes(ctx, { actor, meetingId });
    const doc = x.document;
    return page(
      c,
      t('minutes.title', { title: x.meeting.title }),
      <>
        <p>
          <a href={`/meetings/${x.meeting.id}`}>{x.meeting.title}</a>
        </p>
        <h1>{doc.title}</h1>
        <p class="notice">
          {x.status === 'draft'
            ? t('minutes.draft')
            : t('minutes.approved', {
                when: x.approvedAt ? formatInstant(x.approvedAt, 'date') : '',
              })}
        </p>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        {x.canEdit ? (
          <form method="post" action={`/meetings/${x.meeting.id}/minutes`}>
            <h2>{t('minutes.edit')}</h2>
            <Field name="title" label={t('meetings.name')} value={doc.title} />
            {doc.sections.map((s, i) => (
              <fieldset>
                <legend>{`${i + 1}. ${s.heading}`}</legend>
                <Field
                  name={`s.${i}.heading`}
                  label={t('minutes.heading', { n: i + 1 })}
                  value={s.heading}
                />
                {s.items.map((item, j) => (
                  <div class="field">
                    <label for={`s.${i}.items.${j}.text`}>
                      {t('minutes.item', { n: i + 1, m: j + 1 })}
                    </label>
                    <input type="hidden" name={`s.${i}.items.${j}.kind`} value={item.kind} />
                    <textarea
                      id={`s.${i}.items.${j}.text`}
                      name={`s.${i}.items.${j}.text`}
                      rows={3}
                    >
                      {item.text}
                    </textarea>
                  </div>
                ))}
                <div class="field">
                  <label for={`s.${i}.new`}>{t('minutes.newItem', { n: i + 1 })}</label>
                  <textarea id={`s.${i}.new`} name={`s.${i}.new`} rows={2}></textarea>
                </div>
              </fieldset>
            ))}
            <button type="submit">{t('minutes.save')}</button>
          </form>
        ) : (
          doc.sections.map((s, i) => (
            <section>
              <h2>{`${i + 1}. ${s.heading}`}</h2>
              {s.items.map((item, j) =>
                item.kind === 'resolution' ? (
                  <pre class="resolution">{item.text}</pre>
                ) : (
                  <p>
                    {i + 1}.{j + 1} {item.text}
                  </p>
                ),
              )}
            </section>
          ))
        )}
        {x.canEdit ? (
          <Button
            action={`/meetings/${x.meeting.id}/minutes/redraft`}
            label={t('minutes.redraft')}
          />
        ) : null}
        {x.corrections.length ? (
          <section aria-labelledby="corrections-heading">
            <h2 id="corrections-heading">{t('minutes.corrections')}</h2>
            <ol>
              {x.corrections.map((c) => (
                <li>
                  {c.text}{' '}
                  <span class="kind">{t('minutes.correctedAt', { meeting: c.meetingRef })}</span>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {x.status === 'approved' && x.approvableAt.length ? (
          <form method="post" action={`/meetings/${x.meeting.id}/minutes/correct`}>
            <h2>{t('minutes.correct')}</h2>
            <div class="field">
              <label for="text">{t('minutes.correction')}</label>
              <textarea id="text" name="text" rows={3} required></textarea>
            </div>
            <div class="field">
              <label for="correctAt">{t('minutes.approveAt')}</label>
              <select id="correctAt" name="atMeetingId">
                {x.approvableAt.map((m) => (
                  <option value={m.id}>{m.title}</option>
                ))}
              </select>
            </div>
            <button type="submit">{t('minutes.recordCorrection')}</button>
          </form>
        ) : null}
        {x.status === 'draft' && x.approvableAt.length ? (
          <form method="post" action={`/meetings/${x.meeting.id}/minutes/approve`}>
            <div class="field">
              <label for="atMeetingId">{t('minutes.approveAt')}</label>
              <select id="atMeetingId" name="atMeetingId">
                {x.approvableAt.map((m) => (
                  <option value={m.id}>{m.title}</option>
                ))}
              </select>
            </div>
            <button type="submit">{t('minutes.approve')}</button>
          </form>
        ) : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/meetings/:id/minutes', (c) => minutesPage(c, c.req.param('id')));
  web.post('/meetings/:id/minutes', async (c) => {
    const { actor } = requireSignedIn(c);
    const meetingId = c.req.param('id');
    const f = await form(c);
    const current = await viewMinutes(ctx, { actor, meetingId });
    const document: MinutesDocument = {
      title: f.title ?? current.document.title,
      sections: current.document.sections.map((s, i) => ({
        heading: f[`s.${i}.heading`] ?? s.heading,
        items: [
          ...s.items.map((item, j) => ({
            kind: item.kind,
            text: f[`s.${i}.items.${j}.text`] ?? item.text,
          })),
          ...(f[`s.${i}.new`]?.trim() ? [{ kind: 'record' as const, text: f[`s.${i}.new`]! }] : []),
        ],
      })),
    };
    const result = await attempt(
      () => editMinutes(ctx, { actor, meetingId, document }),
      (e) => minutesPage(c, meetingId, e),
    );
    return result.ok ? c.redirect(`/meetings/${meetingId}/minutes`, 303) : result.response;
  });
  web.post('/meetings/:id/minutes/redraft', async (c) => {
    const { actor } = requireSignedIn(c);
    const meetingId = c.req.param('id');
    const result = await attempt(
      () => redraftMinutes(ctx, { actor, meetingId }),
      (e) => minutesPage(c, meetingId, e),
    );
    return result.ok ? c.redirect(`/meetings/${meetingId}/minutes`, 303) : result.response;
  });
  const minutesForm = (path: string, run: FormRun) =>
    formRoute(web, path, {
      run,
      again: (c, meetingId, e) => minutesPage(c, meetingId, e),
      done: (meetingId) => `/meetings/${meetingId}/minutes`,
    });
  minutesForm('/meetings/:id/minutes/correct', (actor, meetingId, f) =>
    correctMinutes(ctx, { actor, meetingId, atMeetingId: f.atMeetingId ?? '', text: f.text ?? '' }),
  );
  minutesForm('/meetings/:id/minutes/approve', (actor, meetingId, f) =>
    approveMinutes(ctx, { actor, meetingId, atMeetingId: f.atMeetingId ?? '' }),
  );
  return web;
}
