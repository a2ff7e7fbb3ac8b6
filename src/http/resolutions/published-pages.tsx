import { Hono } from 'hono';
import { viewChainHead } from '../../app/common/chain-head.ts';
import { listPublished, viewPublishedMinutes } from '../../app/resolutions/view-resolution.ts';
import type { AppContext } from '../../app/common/context.ts';
import { t } from '../../messages/messages.ts';
import { cachedWhenPublic } from '../caching.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Listing, page, titledPage, type C } from '../pages/kit.tsx';
import { renderAtom } from './atom.ts';
import { chainHeadRoutes } from './chain-head-routes.ts';
import { witnessRoutes } from '../federation/witness-routes.ts';
import { textPdf } from './pdf.ts';
import { actorOrNull, day, pdfResponse, PRINT_CSS, printable } from './resolution-parts.tsx';

/**
 * What an organisation publishes, readable without signing in unless a body keeps it to the
 * organisation: the index of its resolutions and minutes, Atom feeds per organisation and per
 * body, and approved minutes as a page, a printable page and a PDF.
 */
export function publishedPages({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();
  web.get('/assets/print.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PRINT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  feedRoutes(web, ctx);
  chainHeadRoutes(web, ctx);
  witnessRoutes(web, ctx);
  indexRoute(web, ctx);
  minutesRoutes(web, ctx);
  return web;
}

/** The Atom feeds, of an organisation and of one of its bodies. */
function feedRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
  const absolute = (path: string) => `${ctx.baseUrl}${path}`;
  const feed = async (c: C, organisationSlug: string, bodySlug?: string) => {
    // A feed reader has no session: feeds hold only what is public.
    const listed = await listPublished(ctx, {
      actor: null,
      organisationSlug,
      withText: true,
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
        ...(e.content ? { content: e.content } : {}),
        category: e.kind,
      })),
      // The organisation's feed carries its signed chain head, so whoever keeps it keeps that.
      ...(listed.body
        ? {}
        : {
            chainHead: {
              url: absolute(`/r/${organisationSlug}/chain`),
              title: t('res.chainHead', { name: listed.organisation.name }),
              head: await viewChainHead(ctx, { organisationSlug }),
            },
          }),
    });
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  };
  // Built as nobody (above), so the same for every reader: public even to a signed-in one.
  const cached = cachedWhenPublic(ctx.db, { sameForEveryone: true });
  web.get('/r/:org/feed.atom', cached, (c) => feed(c, c.req.param('org')));
  web.get('/r/:org/bodies/:body/feed.atom', cached, (c) =>
    feed(c, c.req.param('org'), c.req.param('body')),
  );
}

/** The index of what an organisation has published. */
function indexRoute(web: Hono<HttpEnv>, ctx: AppContext) {
  web.get('/r/:org', cachedWhenPublic(ctx.db), async (c) => {
    const listed = await listPublished(ctx, {
      actor: actorOrNull(c),
      organisationSlug: c.req.param('org'),
    });
    const title = t('res.index.title', { organisation: listed.organisation.name });
    const feed = `/r/${listed.organisation.slug}/feed.atom`;
    return titledPage(
      c,
      title,
      <>
        <p>
          <a href={feed}>{t('res.feed', { name: listed.organisation.name })}</a> ·{' '}
          <a href={`/r/${listed.organisation.slug}/chain`}>
            {t('res.chainHead', { name: listed.organisation.name })}
          </a>
        </p>
        <Listing
          items={listed.entries}
          none={t('res.index.none')}
          entry={(e) => ({
            href: e.path,
            name: e.title,
            note: `${e.kind === 'minutes' ? `${t('res.index.minutes')} · ` : ''}${e.bodyName}, ${day(e.at)}`,
          })}
        />
      </>,
      undefined,
      {
        url: `${ctx.baseUrl}/r/${listed.organisation.slug}`,
        description: title,
        kind: 'website',
        siteName: listed.organisation.name,
        feed: {
          url: `${ctx.baseUrl}${feed}`,
          title: t('res.feed', { name: listed.organisation.name }),
        },
      },
    );
  });
}

/** Approved minutes: the page, its printable version and its PDF. */
function minutesRoutes(web: Hono<HttpEnv>, ctx: AppContext) {
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
  web.get('/r/:org/minutes/:slug', cachedWhenPublic(ctx.db), async (c) => {
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
      undefined,
      {
        url: `${ctx.baseUrl}${m.path}`,
        description: t('minutes.pub.meeting', {
          meeting: m.meeting.title,
          body: m.body.name,
          date: day(m.meeting.startsAt, m.meeting.timeZone),
        }),
        kind: 'article',
        siteName: m.organisation.name,
        feed: {
          url: `${ctx.baseUrl}/r/${m.organisation.slug}/feed.atom`,
          title: t('res.feed', { name: m.organisation.name }),
        },
      },
    );
  });
  web.get('/r/:org/minutes/:slug/print', cachedWhenPublic(ctx.db), async (c) => {
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
  web.get('/r/:org/minutes/:slug/pdf', cachedWhenPublic(ctx.db), async (c) => {
    const m = await minutesFor(c);
    return pdfResponse(
      c,
      c.req.param('slug'),
      await textPdf({
        title: m.title,
        author: m.organisation.name,
        date: m.publishedAt,
        // The title is the PDF's heading: the text below it, not the title again.
        paragraphs: [
          t('minutes.pub.meeting', {
            meeting: m.meeting.title,
            body: m.body.name,
            date: day(m.meeting.startsAt, m.meeting.timeZone),
          }),
          ...(m.approvedAt ? [t('minutes.pub.approved', { date: day(m.approvedAt) })] : []),
          ...m.record.split('\n'),
        ],
      }),
    );
  });
}
