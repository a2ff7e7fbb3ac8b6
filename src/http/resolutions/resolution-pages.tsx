import { Hono } from 'hono';
import { raw } from 'hono/html';
import { adoptModelMotion } from '../../app/resolutions/adopt-model-motion.ts';
import {
  answerCommunication,
  type CommunicationAnswer,
} from '../../app/resolutions/answer-communication.ts';
import { compositeCommunications } from '../../app/resolutions/composite-communications.ts';
import type { ClauseInput } from '../../app/meetings/draft-motion.ts';
import { publishModelMotion } from '../../app/resolutions/publish-model-motion.ts';
import { putCommunicationOnAgenda } from '../../app/resolutions/put-communication-on-agenda.ts';
import { setResolutionsPrivate } from '../../app/resolutions/set-publication.ts';
import {
  viewCommunication,
  viewInbox,
  viewModelMotion,
  type CommunicationView,
  type ModelMotionView,
} from '../../app/resolutions/view-inbox.ts';
import {
  listBodyResolutions,
  listPublished,
  viewPublishedMinutes,
  viewResolution,
  type PresentedResolutionText,
  type ResolutionView,
} from '../../app/resolutions/view-resolution.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { CLAUSE_KINDS, clauseSentence } from '../../domain/meetings/motion-text.ts';
import { OUTCOMES, type Outcome } from '../../domain/resolutions/communication.ts';
import { renderAtom } from './atom.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import {
  form,
  formRoute,
  page,
  requireSignedIn,
  SealedBy,
  statusOf,
  type C,
} from '../pages/kit.tsx';
import { BodyPageHeading, ColumnHeadings, ErrorSummary, Field } from '../pages/layout.tsx';
import { formatInstant } from '../pages/dates.ts';
import { textPdf } from './pdf.ts';

/**
 * Resolutions that travel, as pages that work without JavaScript: the permanent public page of
 * a resolution (its text, meeting, result and rule, and the delivery state of each "calls on"),
 * its printable version and PDF; approved minutes likewise; Atom feeds per organisation and per
 * body; a body's inbox and each communication with a form for each legal answer; adopting a
 * model motion with its clauses editable; and the model motion's adoptions with their diffs.
 */

const day = (iso: string, timeZone = 'UTC') => formatInstant(iso, 'date', timeZone);

/** Print styles for the printable pages (served as a file: the CSP allows no inline style). */
export const PRINT_CSS = `
body{font-family:Georgia,"Times New Roman",serif;color:#000;background:#fff;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem;margin:.5rem 0}
.meta{color:#333}
ol li{margin:.3rem 0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #999;padding:.2rem .4rem;vertical-align:top}
a{color:#1d4f91}
pre{white-space:pre-wrap;font-family:inherit}
@media print{.no-print{display:none}body{margin:0;max-width:none}a{color:#000;text-decoration:none}@page{margin:2cm}}
`;

function ClauseList({ text }: { text: PresentedResolutionText }) {
  return (
    <div class="motion-text">
      <p>{t('res.thisMeeting')}</p>
      <ol>
        {text.clauses.map((c) => (
          <li>{c.sentence}</li>
        ))}
      </ol>
    </div>
  );
}

function passedLine(r: ResolutionView) {
  return r.meeting
    ? t('res.passedAt', {
        body: r.body.name,
        meeting: r.meeting.title,
        date: day(r.meeting.startsAt, r.meeting.timeZone),
      })
    : t('res.passed', { body: r.body.name, date: day(r.passedAt) });
}

function ResultList({ r }: { r: ResolutionView }) {
  return (
    <dl>
      <dt>{t('res.declared')}</dt>
      <dd>
        {r.declared} <SealedBy hash={r.sealHash} />
      </dd>
      <dt>{t('res.rule')}</dt>
      <dd>{t(`rule.${r.threshold}`)}</dd>
      <dt>{t('res.votes')}</dt>
      <dd>
        {t('res.votesLine', {
          for: r.counts.for,
          against: r.counts.against,
          abstain: r.counts.abstain,
        })}
      </dd>
    </dl>
  );
}

/** A communication's history, oldest first, on the sender's page and in the inbox alike. */
function History({ steps }: { steps: ResolutionView['deliveries'][number]['history'] }) {
  return (
    <ol>
      {steps.map((h) => (
        <li>
          {day(h.at)}: {t(`state.communication.${h.status}`)}
          {h.note ? <> — {h.note}</> : null}
        </li>
      ))}
    </ol>
  );
}

function Deliveries({ r }: { r: ResolutionView }) {
  if (!r.deliveries.length) return <p>{t('res.noDeliveries')}</p>;
  return (
    <>
      <div class="table-wrap">
        <table>
          <ColumnHeadings headings={[t('res.toBody'), t('res.state'), t('res.since')]} />
          <tbody>
            {r.deliveries.map((d) => (
              <tr>
                <td>
                  {d.addressee}
                  {d.toBody ? (
                    <span class="kind"> ({d.toBody.organisation})</span>
                  ) : (
                    <span class="kind"> ({t('res.elsewhere')})</span>
                  )}
                </td>
                <td data-delivery-state={d.status}>
                  {t(`state.communication.${d.status}`)}
                  {d.reason ? <> — {d.reason}</> : null}
                </td>
                <td>{day(d.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.deliveries.map((d) => (
        <details>
          <summary>{t('res.history', { body: d.addressee })}</summary>
          <History steps={d.history} />
        </details>
      ))}
    </>
  );
}

/** A printable document: no navigation, print styles, one main landmark. */
const printable = (c: C, title: string, body: unknown) =>
  c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · ${t('app.name')}`}</title>
          <link rel="stylesheet" href="/assets/print.css" />
        </head>
        <body>
          <main>{body as never}</main>
        </body>
      </html>
    </>,
  );

const pdfResponse = (c: C, filename: string, bytes: Uint8Array) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${filename}.pdf"`,
  });

function resolutionParagraphs(r: ResolutionView): string[] {
  return [
    `${r.organisation.name}: ${passedLine(r)}`,
    '',
    t('res.thisMeeting'),
    ...r.text.clauses.map((c) => `${c.number}. ${c.sentence}`),
    '',
    `${t('res.declared')}: ${r.declared}`,
    ...(r.sealHash ? [`${t('audit.sealed')}: ${r.sealHash}`] : []),
    `${t('res.rule')}: ${t(`rule.${r.threshold}`)}`,
    '',
    t('res.deliveries'),
    ...(r.deliveries.length
      ? r.deliveries.map(
          (d) =>
            `- ${d.addressee}: ${t(`state.communication.${d.status}`)}${d.reason ? ` (${d.reason})` : ''}`,
        )
      : [t('res.noDeliveries')]),
  ];
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

/** Clauses from the adoption form, in order, leaving out those ticked and an empty new one. */
function clausesFromForm(f: Record<string, string>): ClauseInput[] {
  const clauses: ClauseInput[] = [];
  for (let i = 0; f[`clause.${i}.kind`] !== undefined; i++) {
    const p = `clause.${i}`;
    if (f[`${p}.omit`] === '1') continue;
    clauses.push({
      id: f[`${p}.id`] || undefined,
      kind: f[`${p}.kind`]!,
      text: f[`${p}.text`] ?? '',
      bodyId: f[`${p}.bodyId`] || undefined,
      bodyName: f[`${p}.bodyName`] || undefined,
      officer: f[`${p}.officer`] || undefined,
    });
  }
  if ((f['new.text'] ?? '').trim()) {
    clauses.push({ kind: f['new.kind'] ?? 'resolves', text: f['new.text']! });
  }
  return clauses;
}

function MeetingChoice(props: {
  meetings: readonly { id: string; title: string; startsAt: string; timeZone: string }[];
  id: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{t('inbox.meeting')}</label>
      <select id={props.id} name="meetingId">
        <option value="">{t('inbox.noMeeting')}</option>
        {props.meetings.map((m) => (
          <option value={m.id}>
            {m.title} ({day(m.startsAt, m.timeZone)})
          </option>
        ))}
      </select>
    </div>
  );
}

export function resolutionRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();
  const actorOrNull = (c: C) => c.get('signedIn')?.actor ?? null;
  const absolute = (path: string) => `${ctx.baseUrl}${path}`;

  web.get('/assets/print.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PRINT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // ---- Feeds ---------------------------------------------------------------------------------

  const feed = async (c: C, organisationSlug: string, bodySlug?: string) => {
    // A feed reader has no session: feeds hold only what is public.
    const listed = await listPublished(ctx, {
      actor: null,
      organisationSlug,
      ...(bodySlug === undefined ? {} : { bodySlug }),
    });
    const name = listed.body
      ? `${listed.body.name}, ${listed.organisation.name}`
      : listed.organisation.name;
    const self = listed.body
      ? `/r/${organisationSlug}/bodies/${bodySlug}/feed.atom`
      : `/r/${organisationSlug}/feed.atom`;
    const xml = renderAtom({
      id: absolute(self),
      title: t('res.index.title', { organisation: name }),
      author: listed.organisation.name,
      selfUrl: absolute(self),
      alternateUrl: absolute(`/r/${organisationSlug}`),
      fallbackUpdated: new Date(0).toISOString(),
      entries: listed.entries.map((e) => ({
        id: absolute(e.path),
        title: e.title,
        url: absolute(e.path),
        updated: e.at,
        summary: e.summary,
        category: e.kind,
      })),
    });
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  };
  web.get('/r/:org/feed.atom', (c) => feed(c, c.req.param('org')));
  web.get('/r/:org/bodies/:body/feed.atom', (c) =>
    feed(c, c.req.param('org'), c.req.param('body')),
  );

  web.get('/r/:org', async (c) => {
    const listed = await listPublished(ctx, {
      actor: actorOrNull(c),
      organisationSlug: c.req.param('org'),
    });
    const title = t('res.index.title', { organisation: listed.organisation.name });
    return page(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>
          <a href={`/r/${listed.organisation.slug}/feed.atom`}>
            {t('res.feed', { name: listed.organisation.name })}
          </a>
        </p>
        {listed.entries.length ? (
          <ul>
            {listed.entries.map((e) => (
              <li>
                <a href={e.path}>{e.title}</a>{' '}
                <span class="kind">
                  {e.kind === 'minutes' ? `${t('res.index.minutes')} · ` : ''}
                  {e.bodyName}, {day(e.at)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('res.index.none')}</p>
        )}
      </>,
    );
  });

  // ---- Published minutes -------------------------------------------------------------------

  const minutesFor = (c: C) =>
    viewPublishedMinutes(ctx, {
      actor: actorOrNull(c),
      organisationSlug: c.req.param('org')!,
      slug: c.req.param('slug')!,
    });
  const MinutesBody = ({ m }: { m: Awaited<ReturnType<typeof minutesFor>> }) => (
    <>
      <p class="meta">
        {t('minutes.pub.meeting', {
          meeting: m.meeting.title,
          body: m.body.name,
          date: day(m.meeting.startsAt, m.meeting.timeZone),
        })}{' '}
        {m.approvedAt ? t('minutes.pub.approved', { date: day(m.approvedAt) }) : null}
      </p>
      {m.document.sections.map((s, i) => (
        <section>
          <h2>
            {i + 1}. {s.heading}
          </h2>
          {s.items.map((item, j) => (
            <p>
              {i + 1}.{j + 1} {item.text}
            </p>
          ))}
        </section>
      ))}
      {m.corrections.length ? (
        <section>
          <h2>{t('minutes.pub.corrections')}</h2>
          <ol>
            {m.corrections.map((x) => (
              <li>
                {day(x.at)}, {x.meetingRef}: {x.text}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
  web.get('/r/:org/minutes/:slug', async (c) => {
    const m = await minutesFor(c);
    return page(
      c,
      m.title,
      <>
        <p class="kind">{m.organisation.name}</p>
        <h1>{m.title}</h1>
        <MinutesBody m={m} />
        <p>
          <a href={`${m.path}/print`}>{t('res.print')}</a> ·{' '}
          <a href={`${m.path}/pdf`}>{t('res.pdf')}</a>
        </p>
      </>,
    );
  });
  web.get('/r/:org/minutes/:slug/print', async (c) => {
    const m = await minutesFor(c);
    return printable(
      c,
      m.title,
      <>
        <p class="no-print">
          <a href={m.path}>{t('res.backToPage')}</a> · {t('res.printHint')}
        </p>
        <p class="meta">{m.organisation.name}</p>
        <h1>{m.title}</h1>
        <MinutesBody m={m} />
      </>,
    );
  });
  web.get('/r/:org/minutes/:slug/pdf', async (c) => {
    const m = await minutesFor(c);
    return pdfResponse(
      c,
      c.req.param('slug'),
      await textPdf({
        title: m.title,
        author: m.organisation.name,
        date: m.publishedAt,
        paragraphs: m.text.split('\n'),
      }),
    );
  });

  // ---- A resolution ----------------------------------------------------------------------

  const resolutionFor = (c: C) =>
    viewResolution(ctx, {
      actor: actorOrNull(c),
      organisationSlug: c.req.param('org')!,
      slug: c.req.param('slug')!,
    });

  web.get('/r/:org/:slug', async (c) => {
    const r = await resolutionFor(c);
    return page(
      c,
      r.text.title,
      <>
        <p class="kind">
          <a href={`/r/${r.organisation.slug}`}>{r.organisation.name}</a> · {r.body.name}
        </p>
        <h1>{r.text.title}</h1>
        <p>
          {passedLine(r)}{' '}
          {r.meeting?.minutesPath ? (
            <a href={r.meeting.minutesPath}>{t('res.minutesLink')}</a>
          ) : null}
        </p>
        {r.isPrivate ? (
          <p class="notice">{t('res.private', { organisation: r.organisation.name })}</p>
        ) : null}
        <ClauseList text={r.text} />
        <h2>{t('res.result')}</h2>
        <ResultList r={r} />
        <h2>{t('res.deliveries')}</h2>
        <Deliveries r={r} />
        {r.model.publishedAt || r.may.publishModel ? <h2>{t('res.model')}</h2> : null}
        {r.model.publishedAt ? (
          <p>
            {t('res.modelPublished', {
              date: day(r.model.publishedAt),
              n: r.model.publicisedTo,
              adopted: r.model.adopted,
            })}{' '}
            {r.may.seeModel ? <a href={`${r.path}/model`}>{t('res.modelSee')}</a> : null}
          </p>
        ) : null}
        {r.may.publishModel ? (
          <form method="post" action={`${r.path}/model-motion`}>
            <p class="hint">{t('res.modelPublishHint')}</p>
            <button type="submit">{t('res.modelPublish')}</button>
          </form>
        ) : null}
        <p>
          <a href={`${r.path}/print`}>{t('res.print')}</a> ·{' '}
          <a href={`${r.path}/pdf`}>{t('res.pdf')}</a>
          {r.isPrivate ? null : (
            <>
              {' · '}
              <a href={`/r/${r.organisation.slug}/bodies/${r.body.slug}/feed.atom`}>
                {t('res.feed', { name: r.body.name })}
              </a>
            </>
          )}
        </p>
      </>,
    );
  });

  web.get('/r/:org/:slug/print', async (c) => {
    const r = await resolutionFor(c);
    return printable(
      c,
      r.text.title,
      <>
        <p class="no-print">
          <a href={r.path}>{t('res.backToPage')}</a> · {t('res.printHint')}
        </p>
        <p class="meta">
          {r.organisation.name} · {r.body.name}
        </p>
        <h1>{r.text.title}</h1>
        <p>{passedLine(r)}</p>
        <ClauseList text={r.text} />
        <h2>{t('res.result')}</h2>
        <ResultList r={r} />
        <h2>{t('res.deliveries')}</h2>
        {r.deliveries.length ? (
          <ul>
            {r.deliveries.map((d) => (
              <li>
                {d.addressee}: {t(`state.communication.${d.status}`)}
                {d.reason ? <> — {d.reason}</> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('res.noDeliveries')}</p>
        )}
        <p class="meta">{absolute(r.path)}</p>
      </>,
    );
  });

  web.get('/r/:org/:slug/pdf', async (c) => {
    const r = await resolutionFor(c);
    return pdfResponse(
      c,
      r.slug,
      await textPdf({
        title: r.text.title,
        author: `${r.body.name}, ${r.organisation.name}`,
        date: r.passedAt,
        ...(r.sealHash ? { keywords: r.sealHash } : {}),
        paragraphs: [...resolutionParagraphs(r), '', absolute(r.path)],
      }),
    );
  });

  web.post('/r/:org/:slug/model-motion', async (c) => {
    const { actor } = requireSignedIn(c);
    const r = await resolutionFor(c);
    await publishModelMotion(ctx, { actor, resolutionId: r.id });
    return c.redirect(`${r.path}/model`, 303);
  });

  const modelPage = (c: C, m: ModelMotionView) => {
    const title = t('model.title', { title: m.title });
    return page(
      c,
      title,
      <>
        <p>
          <a href={m.path}>{t('res.backToPage')}</a>
        </p>
        <h1>{title}</h1>
        <p>{t('model.published', { body: m.body.name, date: day(m.publishedAt!) })}</p>
        <p id="model-counts">
          <strong>
            {t('model.counts', {
              sent: m.publicisedTo.length,
              adopted: m.counts.adopted,
              tabled: m.counts.tabled,
              passed: m.counts.passed,
            })}
          </strong>
        </p>
        <h2>{t('model.adoptions')}</h2>
        {m.adoptions.length ? (
          <div class="table-wrap">
            <table>
              <ColumnHeadings
                headings={[
                  t('model.branch'),
                  t('model.adopted'),
                  t('model.tabled'),
                  t('model.passed'),
                  t('model.text'),
                ]}
              />
              <tbody>
                {m.adoptions.map((a) => (
                  <tr>
                    <td>{a.bodyName}</td>
                    <td>{day(a.adoptedAt)}</td>
                    <td>{a.tabled ? t('model.yes') : t('model.no')}</td>
                    <td>{a.passed ? t('model.yes') : t('model.no')}</td>
                    <td>
                      {a.changed
                        ? t('model.changedClauses', {
                            n: a.diff.filter((d) => d.change !== 'same').length,
                          })
                        : t('model.asModel')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('model.none')}</p>
        )}
        {m.adoptions
          .filter((a) => a.changed)
          .map((a) => {
            let n = 0;
            let modelN = 0;
            const modelNumber = new Map(m.text.clauses.map((c) => [c.id, c.number]));
            return (
              <section>
                <h3>{t('model.diffOf', { body: a.bodyName })}</h3>
                {a.title !== m.title ? <p>{t('model.titleChanged', { title: a.title })}</p> : null}
                <ul class="diff">
                  {a.diff.map((d) => {
                    if (d.change === 'removed') {
                      modelN = modelNumber.get(d.model.id) ?? modelN + 1;
                      return (
                        <li>
                          {t('model.removed', { n: modelN })} <del>{clauseSentence(d.model)}</del>
                        </li>
                      );
                    }
                    n++;
                    if (d.change === 'same') return <li>{t('model.same', { n })}</li>;
                    if (d.change === 'added')
                      return (
                        <li>
                          {t('model.added', { n })} <ins>{clauseSentence(d.branch)}</ins>
                        </li>
                      );
                    return (
                      <li>
                        {t('model.changed', { n })}{' '}
                        {d.words.map((w) =>
                          w.change === 'same' ? (
                            <span>{w.text} </span>
                          ) : w.change === 'removed' ? (
                            <>
                              <del>{w.text}</del>{' '}
                            </>
                          ) : (
                            <>
                              <ins>{w.text}</ins>{' '}
                            </>
                          ),
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        <h2>{t('model.publicisedTo')}</h2>
        <ul>
          {m.publicisedTo.map((p) => (
            <li>
              {p.bodyName}: {t(`state.communication.${p.status}`)}
            </li>
          ))}
        </ul>
        <h2>{t('model.modelText')}</h2>
        <ClauseList text={m.text} />
      </>,
    );
  };
  web.get('/r/:org/:slug/model', async (c) => {
    const { actor } = requireSignedIn(c);
    const r = await resolutionFor(c);
    return modelPage(c, await viewModelMotion(ctx, { actor, resolutionId: r.id }));
  });

  // ---- A body's resolutions and whether they are public ---------------------------------------

  web.get('/bodies/:id/resolutions', async (c) => {
    const { actor } = requireSignedIn(c);
    const v = await listBodyResolutions(ctx, { actor, bodyId: c.req.param('id') });
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
    );
  });
  web.post('/bodies/:id/publication', async (c) => {
    const { actor } = requireSignedIn(c);
    const f = await form(c);
    await setResolutionsPrivate(ctx, {
      actor,
      bodyId: c.req.param('id'),
      resolutionsPrivate: f.resolutionsPrivate === '1',
    });
    return c.redirect(`/bodies/${c.req.param('id')}/resolutions`, 303);
  });

  // ---- The inbox ------------------------------------------------------------------------------

  const inboxPage = async (c: C, bodyId: string, error?: DomainError) => {
    const { actor } = requireSignedIn(c);
    const v = await viewInbox(ctx, { actor, bodyId });
    const title = t('inbox.title', { body: v.body.name });
    const compositable = v.items.filter((i) => i.legalEvents.includes('composite'));
    return page(
      c,
      title,
      <>
        <BodyPageHeading body={v.body} title={title} />
        <p>{t('inbox.intro')}</p>
        <ErrorSummary message={error?.message} problems={error?.problems} />
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
                  <input type="checkbox" id={`source-${i.id}`} name={`source.${i.id}`} value="1" />
                  <label for={`source-${i.id}`} class="inline">
                    {i.title} ({i.from})
                  </label>
                </div>
              ))}
            </fieldset>
            <Field name="title" label={t('inbox.compositeTitle')} required />
            <MeetingChoice meetings={v.meetings} id="composite-meeting" />
            <button type="submit">{t('inbox.compositeSubmit')}</button>
          </form>
        ) : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/bodies/:id/inbox', (c) => inboxPage(c, c.req.param('id')));
  formRoute(web, '/bodies/:id/composites', {
    run: (actor, bodyId, f) =>
      compositeCommunications(ctx, {
        actor,
        bodyId,
        communicationIds: Object.keys(f)
          .filter((k) => k.startsWith('source.') && f[k] === '1')
          .map((k) => k.slice('source.'.length)),
        title: f.title ?? '',
        meetingId: f.meetingId || null,
      }),
    again: (c, id, error) => inboxPage(c, id, error),
    done: (_bodyId, made) => `/motions/${made.motionId}`,
  });

  // ---- One communication ------------------------------------------------------------------

  const communicationPage = async (c: C, id: string, error?: DomainError, done?: string) => {
    const { actor } = requireSignedIn(c);
    const v: CommunicationView = await viewCommunication(ctx, { actor, communicationId: id });
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
        {done ? (
          <p class="notice" role="status">
            {t('comm.done', { state: t(`state.communication.${v.status}`) })}
          </p>
        ) : null}
        <ErrorSummary message={error?.message} problems={error?.problems} />
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
              <textarea id="reason" name="reason" rows={3} aria-describedby="reason-hint" />
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
            <MeetingChoice meetings={v.meetings} id="agenda-meeting" />
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
      error ? statusOf(error) : 200,
    );
  };
  web.get('/communications/:id', (c) =>
    communicationPage(c, c.req.param('id'), undefined, c.req.query('done')),
  );

  /** The answer as the form sent it. */
  function answerFromForm(f: Record<string, string>): CommunicationAnswer {
    if (f.type === 'acknowledge') return { type: 'acknowledge' };
    if (f.type === 'rule') return { type: 'rule', inOrder: f.inOrder === '1', reason: f.reason };
    if (f.type === 'record-outcome' && (OUTCOMES as readonly string[]).includes(f.outcome ?? ''))
      return { type: 'record-outcome', outcome: f.outcome as Outcome };
    throw invalid('Choose an answer.', [{ path: 'type', message: 'Choose an answer.' }]);
  }
  const answered = (id: string) => `/communications/${id}?done=1`;
  formRoute(web, '/communications/:id/answers', {
    run: (actor, communicationId, f) =>
      answerCommunication(ctx, { actor, communicationId, answer: answerFromForm(f) }),
    again: (c, id, error) => communicationPage(c, id, error),
    done: answered,
  });
  formRoute(web, '/communications/:id/agenda', {
    run: (actor, communicationId, f) =>
      putCommunicationOnAgenda(ctx, { actor, communicationId, meetingId: f.meetingId || null }),
    again: (c, id, error) => communicationPage(c, id, error),
    done: answered,
  });

  // ---- Adopting a model motion --------------------------------------------------------------

  const adoptPage = async (
    c: C,
    id: string,
    values?: { title: string; clauses: readonly ClauseInput[] },
    error?: DomainError,
  ) => {
    const { actor } = requireSignedIn(c);
    const v = await viewCommunication(ctx, { actor, communicationId: id });
    if (!v.legalEvents.includes('adopt')) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `This cannot be adopted now (state ${v.status}, event adopt).`,
      );
    }
    const own = values ?? {
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
          <ErrorSummary message={error?.message} problems={error?.problems} />
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
          <MeetingChoice meetings={v.meetings} id="adopt-meeting" />
          <button type="submit">{t('adopt.submit')}</button>
        </form>
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/communications/:id/adopt', (c) => adoptPage(c, c.req.param('id')));
  const adoptedText = (f: Record<string, string>) => ({
    title: f.title ?? '',
    clauses: clausesFromForm(f),
  });
  formRoute(web, '/communications/:id/adopt', {
    run: (actor, communicationId, f) =>
      adoptModelMotion(ctx, {
        actor,
        communicationId,
        text: adoptedText(f),
        meetingId: f.meetingId || null,
      }),
    again: (c, id, error, f) => adoptPage(c, id, adoptedText(f), error),
    done: answered,
  });

  return web;
}
