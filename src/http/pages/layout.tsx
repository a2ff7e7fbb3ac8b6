import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { SignedIn } from '../../app/accounts/session.ts';
import { currentLocale, t } from '../../messages/messages.ts';
import { LinkButton } from './forms.tsx';

/**
 * What a public page says of itself in its head: to feed readers (Atom autodiscovery, RFC 4287
 * with the HTML `alternate` link) and to link previews in chat and social apps (Open Graph:
 * title, description, canonical address, kind, site name).
 */
export interface PublicMeta {
  /** The page's permanent, absolute address. */
  readonly url: string;
  readonly description: string;
  readonly kind: 'article' | 'website';
  readonly siteName: string;
  readonly feed?: { readonly url: string; readonly title: string };
}

const PublicHead = ({ title, meta }: { title: string; meta: PublicMeta }) => (
  <>
    <link rel="canonical" href={meta.url} />
    {meta.feed ? (
      <link
        rel="alternate"
        type="application/atom+xml"
        title={meta.feed.title}
        href={meta.feed.url}
      />
    ) : null}
    <meta name="description" content={meta.description} />
    <meta property="og:title" content={title} />
    <meta property="og:description" content={meta.description} />
    <meta property="og:url" content={meta.url} />
    <meta property="og:type" content={meta.kind} />
    <meta property="og:site_name" content={meta.siteName} />
    <meta name="twitter:card" content="summary" />
  </>
);

/** The frame of every page: a skip link, the header with navigation, and the main content. */
export function Layout(props: {
  title: string;
  signedIn: SignedIn | null;
  /** For pages anyone may read and share (published resolutions and minutes). */
  meta?: PublicMeta;
  /**
   * The address that shows this page by GET, for live updates to reload (never the address of
   * a form's POST, which a reload would send again).
   */
  page?: string;
  children?: Child;
}) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={currentLocale()}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${t('app.name')}`}</title>
          <link rel="stylesheet" href="/assets/site.css" />
          {props.meta ? <PublicHead title={props.title} meta={props.meta} /> : null}
        </head>
        <body data-page={props.page}>
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
          <header>
            <nav aria-label={t('nav.main')}>
              <a href="/" class="brand">
                {t('app.name')}
              </a>
              {props.signedIn ? (
                <>
                  <a href="/account">{t('nav.account')}</a>
                  <LinkButton action="/sign-out" label={t('nav.signOut')} />
                </>
              ) : (
                <a href="/sign-in">{t('nav.signIn')}</a>
              )}
            </nav>
          </header>
          <main id="main">{props.children}</main>
        </body>
      </html>
    </>
  );
}

/** The top of a page that belongs to a body: the way back to the body, then the page's title. */
export const BodyPageHeading = (props: { body: { id: string; name: string }; title: string }) => (
  <>
    <p>
      <a href={`/bodies/${props.body.id}`}>{props.body.name}</a>
    </p>
    <h1>{props.title}</h1>
  </>
);

/** A table's column headings, each a header of its column for screen readers. */
export const ColumnHeadings = (props: { headings: readonly string[] }) => (
  <thead>
    <tr>
      {props.headings.map((heading) => (
        <th scope="col">{heading}</th>
      ))}
    </tr>
  </thead>
);

export const SITE_CSS = `
:root{--ink:#1b1b1b;--muted:#505a5f;--accent:#1d4f91;--bad:#b00020;--line:#c8cdd0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);line-height:1.5}
body{margin:0;background:#fff}
header{background:var(--accent);padding:.5rem 1rem}
header nav{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;max-width:60rem;margin:0 auto}
header a,header button.link{color:#fff}
.brand{font-weight:700;margin-right:auto;text-decoration:none;font-size:1.2rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#ff0;color:#000;padding:.5rem;z-index:2}
a{color:var(--accent)}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #fd0;outline-offset:0}
.field{margin:0 0 1rem}
label{display:block;font-weight:600}label.inline{display:inline}
.hint{color:var(--muted);margin:.1rem 0}
.error{color:var(--bad);font-weight:600;margin:.1rem 0}
input,select{font:inherit;padding:.4rem;border:2px solid var(--ink);max-width:100%;box-sizing:border-box}
input[type=text],input[type=email],input[type=password]{width:24rem}
button{font:inherit;padding:.5rem 1rem;background:#00703c;color:#fff;border:0;cursor:pointer}
button.link{background:none;padding:0;text-decoration:underline;color:var(--accent)}
form.inline{display:inline}
button.secondary{background:#fff;color:var(--ink);border:2px solid var(--ink);padding:calc(.5rem - 2px) calc(1rem - 2px)}
button.danger{background:#fff;color:var(--bad);border:2px solid var(--bad);padding:calc(.5rem - 2px) calc(1rem - 2px)}
form.danger-zone{display:block;margin:2.5rem 0 1rem}
.warning{border-left:6px solid var(--bad);padding:.5rem 1rem;background:#fdf2f2}
form.confirm a.back{margin-left:1.5rem}
dialog.confirm{max-width:30rem;border:4px solid var(--bad);padding:1rem 1.5rem}dialog.confirm::backdrop{background:rgba(0,0,0,.5)}
.dialog-buttons{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.steps form,.steps>button{margin:0 0 .5rem}
.error-summary{border:4px solid var(--bad);padding:.5rem 1rem;margin-bottom:1rem}
.notice{border-left:6px solid var(--accent);padding:.5rem 1rem;background:#f0f4fa}
.sign-in-code .code{font-size:2.6rem;font-weight:700;letter-spacing:.15em;font-family:ui-monospace,monospace;margin:.2rem 0}
ul.plain{list-style:none;padding-left:0}ul.plain li{margin:.35rem 0}li[hidden]{display:none}
.sealed{display:block;color:#444}.sealed code{word-break:break-all}
.notice,.hint,[data-tracker]{overflow-wrap:anywhere}
pre.commands{white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.table-wrap{overflow-x:auto}
textarea{font:inherit;width:24rem;max-width:100%;border:2px solid var(--ink)}
fieldset{min-width:0}
.choice{margin:.4rem 0}.choice input{transform:scale(1.4);margin-right:.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
ul.tree,ul.tree ul{list-style:none;padding-left:1.2rem}
.kind{color:var(--muted);font-size:.9rem}
table.count td{text-align:right;white-space:nowrap}table.count td.out{color:var(--muted)}
svg.chart{max-width:48rem;display:block;margin:1rem 0}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.paper-ballot{border:2px solid var(--ink);padding:1rem;margin:1rem 0;break-inside:avoid}
.paper-choices{list-style:none;padding:0}.paper-choices li{margin:.8rem 0;font-size:1.2rem}
.paper-box{display:inline-block;width:1.6rem;height:1.6rem;border:2px solid var(--ink);vertical-align:middle;margin-right:.6rem}
@media print{header,.skip,.no-print{display:none}.paper-ballot{break-after:page;border:0;margin:0}}
`;

/**
 * The only script: it keeps a ballot's turnout current over server-sent events and reloads the
 * page when the result is declared. Pages work the same without it, by reloading.
 */
export const LIVE_JS = `
(function () {
  var el = document.querySelector('[data-live-ballot]');
  if (!el || !window.EventSource) return;
  // Reloads by GET the page's own address: after a form's answer, reloading would post it again.
  var page = document.body.getAttribute('data-page') || location.pathname;
  var template = el.getAttribute('data-template');
  var state = el.getAttribute('data-state');
  var electorate = el.getAttribute('data-electorate');
  var source = new EventSource('/api/v1/ballots/' + el.getAttribute('data-live-ballot') + '/events');
  source.addEventListener('turnout', function (e) {
    var d = JSON.parse(e.data);
    el.textContent = template.replace('{voted}', d.voted).replace('{electorate}', d.electorate || electorate);
  });
  source.addEventListener('closed', function () {
    source.close();
    if (state === 'closed') return;
    // A page that holds a new receipt keeps it on the screen, and says where the result is.
    var note = document.getElementById('closed-note');
    if (note) note.hidden = false;
    else location.replace(page);
  });
  source.addEventListener('resync', function () { if (!document.getElementById('closed-note')) location.replace(page); });
})();
`;
