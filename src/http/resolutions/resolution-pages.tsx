import { resultWords } from '../../messages/results.ts';
import { Hono } from 'hono';
import { publishModelMotion } from '../../app/resolutions/publish-model-motion.ts';
import { viewModelMotion, type ModelMotionView } from '../../app/resolutions/view-inbox.ts';
import { viewResolution, type ResolutionView } from '../../app/resolutions/view-resolution.ts';
import type { AppContext } from '../../app/common/context.ts';
import { clauseSentence } from '../../domain/meetings/motion-text.ts';
import { clauseVerbs } from '../../messages/amendment-words.ts';
import { t } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import { cachedWhenPublic } from '../caching.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { PostForm } from '../pages/forms.tsx';
import { page, SealedBy, Table, Terms, type C } from '../pages/kit.tsx';
import { ClauseList } from '../pages/motion-text.tsx';
import { followingPages } from './following-pages.tsx';
import { inboxPages } from './inbox-pages.tsx';
import { textPdf } from './pdf.ts';
import { publishedPages } from './published-pages.tsx';
import { actorOrNull, day, History, pdfResponse, printable } from './resolution-parts.tsx';
import { PublishModelMotion, WithdrawResolution } from './schema.ts';
import { withdrawResolution } from '../../app/resolutions/withdraw-communication.ts';

/**
 * Resolutions that travel, as pages that work without JavaScript: the permanent public page of
 * a resolution (its text, meeting, result and rule, and the delivery state of each "calls on"),
 * its printable version and PDF, and the model motion it may become with its adoptions and their
 * diffs; beside them what an organisation publishes (published-pages.tsx) and a body's inbox
 * (inbox-pages.tsx).
 */
export function resolutionRoutes(opts: HttpOptions) {
  const web = new Hono<HttpEnv>();
  // The published pages first: `/r/:org/feed.atom` and `/r/:org/minutes/…` before `/r/:org/:slug`.
  web.route('/', publishedPages(opts));
  resolutionPages(web, opts.ctx);
  web.route('/', inboxPages(opts));
  web.route('/', followingPages(opts));
  return web;
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

const ResultList = ({ r }: { r: ResolutionView }) => (
  <Terms
    terms={[
      [
        t('res.declared'),
        <>
          {resultWords(r.result)} <SealedBy hash={r.sealHash} />
        </>,
      ],
      [t('res.rule'), t(`rule.${r.threshold}`)],
      [
        t('res.votes'),
        t('res.votesLine', {
          for: r.counts.for,
          against: r.counts.against,
          abstain: r.counts.abstain,
        }),
      ],
    ]}
  />
);

function Deliveries({ r }: { r: ResolutionView }) {
  if (!r.deliveries.length) return <p>{t('res.noDeliveries')}</p>;
  return (
    <>
      <Table headings={[t('res.toBody'), t('res.state'), t('res.since')]}>
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
      </Table>
      {r.deliveries.map((d) => (
        <details>
          <summary>{t('res.history', { body: d.addressee })}</summary>
          <History steps={d.history} />
        </details>
      ))}
      {r.may.withdraw
        ? r.deliveries
            .filter((d) => d.open)
            .map((d) => (
              <PostForm
                action={`${r.path}/withdrawal`}
                fields={{ communicationId: d.id }}
                hint={t('res.withdrawHint')}
                submit={t('res.withdraw', { body: d.addressee })}
              />
            ))
        : null}
    </>
  );
}

function resolutionParagraphs(r: ResolutionView): string[] {
  return [
    `${r.organisation.name}: ${passedLine(r)}`,
    '',
    t('res.thisMeeting'),
    ...r.text.clauses.map((c) => `${c.number}. ${c.sentence}`),
    '',
    `${t('res.declared')}: ${resultWords(r.result)}`,
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

/** A resolution's page, printable page and PDF, its publication as a model motion, and that. */
function resolutionPages(web: Hono<HttpEnv>, ctx: AppContext) {
  const absolute = (path: string) => `${ctx.baseUrl}${path}`;
  const resolutionFor = (c: C) =>
    viewResolution(ctx, {
      actor: actorOrNull(c),
      organisationSlug: c.req.param('org')!,
      slug: c.req.param('slug')!,
    });

  const resolutionPage = async (c: C, mistake?: Mistake) => {
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
          <PostForm
            action={`${r.path}/model-motion`}
            mistake={mistake}
            hint={t('res.modelPublishHint')}
            submit={t('res.modelPublish')}
          />
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
      mistake,
      r.isPrivate
        ? undefined
        : {
            url: absolute(r.path),
            description: `${r.organisation.name}, ${r.body.name}: ${passedLine(r)}`,
            kind: 'article',
            siteName: r.organisation.name,
            feed: {
              url: absolute(`/r/${r.organisation.slug}/bodies/${r.body.slug}/feed.atom`),
              title: t('res.feed', { name: r.body.name }),
            },
          },
    );
  };
  web.get('/r/:org/:slug', cachedWhenPublic(ctx.db), (c) => resolutionPage(c));

  web.get('/r/:org/:slug/print', cachedWhenPublic(ctx.db), async (c) => {
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

  web.get('/r/:org/:slug/pdf', cachedWhenPublic(ctx.db), async (c) => {
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

  resolutionActions(web, ctx, resolutionFor, resolutionPage);
}

/** The sending body's secretary's steps from a resolution's page: make it a model, withdraw it. */
function resolutionActions(
  web: Hono<HttpEnv>,
  ctx: AppContext,
  resolutionFor: (c: C) => Promise<ResolutionView>,
  resolutionPage: (c: C, mistake?: Mistake) => Promise<Response>,
) {
  formRoute(web, '/r/:org/:slug/model-motion', PublishModelMotion, {
    run: async ({ c, signedIn }) => {
      const r = await resolutionFor(c);
      await publishModelMotion(ctx, { actor: signedIn.actor, resolutionId: r.id });
      return r;
    },
    done: (_call, r) => `${r.path}/model`,
    again: resolutionPage,
  });
  formRoute(web, '/r/:org/:slug/withdrawal', WithdrawResolution, {
    run: async ({ c, signedIn }, input) => {
      const r = await resolutionFor(c);
      await withdrawResolution(ctx, {
        actor: signedIn.actor,
        resolutionId: r.id,
        communicationId: input.communicationId,
      });
      return r;
    },
    done: (_call, r) => r.path,
    again: resolutionPage,
  });
  web.get('/r/:org/:slug/model', async (c) => {
    const r = await resolutionFor(c);
    return modelPage(c, await viewModelMotion(ctx, { actor: actorOrNull(c), resolutionId: r.id }));
  });
}

/** A model motion for the organisation's members: who it went to, who adopted it, and how. */
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
        <Table
          headings={[
            t('model.branch'),
            t('model.adopted'),
            t('model.tabled'),
            t('model.passed'),
            t('model.text'),
          ]}
        >
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
        </Table>
      ) : (
        <p>{t('model.none')}</p>
      )}
      {m.adoptions
        .filter((a) => a.changed)
        .map((a) => (
          <AdoptionDiff model={m} adoption={a} />
        ))}
      {m.adoptedElsewhere.length ? (
        <>
          <h2>{t('model.elsewhere')}</h2>
          <ul id="adopted-elsewhere">
            {m.adoptedElsewhere.map((a) => (
              <li>
                <a href={a.resolutionUrl} rel="nofollow">
                  {a.bodyName}
                </a>{' '}
                ({a.server}), {day(a.adoptedAt)}: {a.title}
              </li>
            ))}
          </ul>
        </>
      ) : null}
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

/** How one branch's adopted text differs from the model, clause by clause and word by word. */
function AdoptionDiff({
  model: m,
  adoption: a,
}: {
  model: ModelMotionView;
  adoption: ModelMotionView['adoptions'][number];
}) {
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
                {t('model.removed', { n: modelN })}{' '}
                <del>{clauseSentence(d.model, clauseVerbs())}</del>
              </li>
            );
          }
          n++;
          if (d.change === 'same') return <li>{t('model.same', { n })}</li>;
          if (d.change === 'added')
            return (
              <li>
                {t('model.added', { n })} <ins>{clauseSentence(d.branch, clauseVerbs())}</ins>
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
}
