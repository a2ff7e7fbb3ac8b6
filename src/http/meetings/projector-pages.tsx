import type { Hono } from 'hono';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { makeProjectorLink } from '../../app/meetings/make-projector-link.ts';
import { revokeProjectorLink } from '../../app/meetings/revoke-projector-link.ts';
import { viewMeeting, type MeetingView } from '../../app/meetings/view-meeting.ts';
import {
  viewProjector,
  viewProjectorLink,
  type ProjectorView,
} from '../../app/meetings/view-projector.ts';
import { currentLocale, t } from '../../messages/messages.ts';
import { formPageRoute, formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { formatInstant } from '../pages/dates.ts';
import { ErrorSummary, PostForm } from '../pages/forms.tsx';
import { actorOn, page, requireSignedIn, type C } from '../pages/kit.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { Floor, sideWords } from './room-pages.tsx';
import { MakeProjectorLink, RevokeProjectorLink } from './schema.ts';
import { questionWords } from './session-parts.tsx';
import { declaredWords, questionWording } from '../../messages/results.ts';

/**
 * The projector: the wall's page, large and high-contrast, fitted to the screen (room-live.js
 * scales the motion down and pages its clauses), opened by a signed-in member or on the wall
 * laptop by the meeting's private link (no account); and the page where the secretary or chair
 * makes and revokes that link.
 */

/** The projector's pages: the wall (signed in, or by the private link) and the link's page. */
export function projectorRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  // Where members sign themselves in with the meeting's code, as the room reads it off the wall.
  const join = {
    shown: `${ctx.baseUrl.replace(/^https?:\/\//, '')}/join`,
    url: `${ctx.baseUrl}/join`,
  };
  web.get('/assets/projector.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PROJECTOR_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  web.get('/meetings/:id/projector', async (c) => {
    const { actor } = requireSignedIn(c);
    return wallPage(c, await viewProjector(ctx, { actor, meetingId: c.req.param('id') }), join);
  });
  // The wall laptop, by the meeting's private link: no account, no session, the same wall.
  web.get('/projector/:secret', async (c) => {
    const p = await viewProjector(ctx, { token: c.req.param('secret') });
    // The token is the only authority: keep it out of caches and indexes (and, by the site's
    // Referrer-Policy, out of other sites' logs).
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    return wallPage(c, p, join, `/projector/${c.req.param('secret')}/events`);
  });

  // The secretary or chair makes and revokes the link from the console's "Projector link".
  const linkPage = async (c: C, mistake?: Mistake, path?: string) => {
    const { actor } = requireSignedIn(c);
    const meetingId = c.req.param('id')!;
    const [m, link] = await Promise.all([
      viewMeeting(ctx, { actor, meetingId }),
      viewProjectorLink(ctx, { actor, meetingId }),
    ]);
    const title = t('projectorLink.title', { title: m.title });
    const address = path && new URL(path, ctx.baseUrl).toString();
    return page(
      c,
      title,
      <ProjectorLinkPage m={m} link={link} title={title} address={address} mistake={mistake} />,
      mistake,
    );
  };
  web.get('/meetings/:id/projector-link', (c) => linkPage(c));
  formPageRoute(web, '/meetings/:id/projector-link', MakeProjectorLink, {
    run: ({ c }) => makeProjectorLink(ctx, actorOn(c, 'meetingId')),
    // The token is in the address, shown this once and never again.
    present: ({ c }, { path }) => linkPage(c, undefined, path),
    again: linkPage,
  });
  formRoute(web, '/meetings/:id/projector-link/revoke', RevokeProjectorLink, {
    run: ({ c }) => revokeProjectorLink(ctx, actorOn(c, 'meetingId')),
    done: ({ params }) => `/meetings/${params.id}/projector-link`,
    again: linkPage,
  });
}

function ProjectorLinkPage(props: {
  m: MeetingView;
  link: { madeAt: string } | null;
  title: string;
  address?: string | undefined;
  mistake?: Mistake | undefined;
}) {
  const { m, link } = props;
  const base = `/meetings/${m.id}/projector-link`;
  return (
    <>
      <p>
        <a href={`/meetings/${m.id}/console`}>{t('projectorLink.back')}</a>
      </p>
      <h1>{props.title}</h1>
      <ErrorSummary mistake={props.mistake} />
      <p>{t('projectorLink.intro')}</p>
      {props.address ? (
        <div class="notice" role="status">
          <p>{t('projectorLink.shownOnce')}</p>
          <p>
            <a id="projector-address" href={props.address}>
              {props.address}
            </a>
          </p>
        </div>
      ) : null}
      <p id="projector-link-state">
        {link
          ? t('projectorLink.made', { time: formatInstant(link.madeAt, 'dateTime', m.timeZone) })
          : t('projectorLink.none')}
      </p>
      <PostForm
        action={base}
        submit={link ? t('projectorLink.remake') : t('projectorLink.make')}
        class="inline"
      />{' '}
      {link ? (
        <PostForm
          action={`${base}/revoke`}
          submit={t('projectorLink.revoke')}
          class="inline danger"
        />
      ) : null}
    </>
  );
}

/** The wall's page: its own frame (no site header), black, sized to the screen. */
async function wallPage(
  c: C,
  p: ProjectorView,
  join: { shown: string; url: string },
  events?: string,
) {
  const title = t('projector.title', { title: p.title });
  const qr = p.signInCode
    ? await joinQrCode(`${join.url}?code=${p.signInCode.replace(/\s/g, '')}`)
    : null;
  return c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={currentLocale()}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {/* Without script the wall still follows the meeting, a little later. */}
          <noscript>
            <meta http-equiv="refresh" content="10" />
          </noscript>
          <title>{`${title} · ${t('app.name')}`}</title>
          <link rel="stylesheet" href="/assets/projector.css" />
        </head>
        <body class="projector" data-page={new URL(c.req.url).pathname}>
          <Wall p={p} events={events} joinAddress={join.shown} qr={qr} />
          <script src="/assets/room-live.js" defer></script>
        </body>
      </html>
    </>,
  );
}

/**
 * The wall: the question and the motion as amended on the left, as large as fits (room-live.js
 * scales it down within limits, then shows the clauses a page at a time); the speaker's
 * countdown, those waiting, the agenda and the last result on the right.
 */
function Wall({
  p,
  events,
  joinAddress,
  qr,
}: {
  p: ProjectorView;
  events?: string | undefined;
  /** The QR code (SVG) of the sign-in address with the code, for phones' cameras. */
  qr?: string | null | undefined;
  joinAddress: string;
}) {
  const s = p.speakers;
  return (
    <main
      id="main"
      data-live-room={p.meetingId}
      data-swap="1"
      data-events={events}
      data-clauses={t('projector.clauses')}
    >
      <header class="wall-head">
        <h1>{p.title}</h1>
        <p class="turnout" role="status">
          {t('projector.turnout', { present: p.quorum.present, members: p.quorum.members })}{' '}
          {p.quorum.met ? t('quorum.met') : t('quorum.notMet')}
        </p>
        {p.signInCode ? (
          <p class="sign-in-code" id="sign-in-code">
            {t('projector.signInCode', { address: joinAddress })}{' '}
            <strong class="code">{p.signInCode}</strong>
          </p>
        ) : null}
        {qr ? (
          <figure class="join-qr" aria-label={t('projector.qr')}>
            {raw(qr)}
          </figure>
        ) : null}
      </header>
      <section class="business" aria-labelledby="question-heading">
        <h2 id="question-heading">
          {p.current ? questionWords(p.current.question) : t('console.nothingBefore')}
        </h2>
        {p.voting ? <p class="voting">{t('meeting.voting')}</p> : null}
        {p.voting?.ballot && !p.byLink ? (
          <p class="turnout" data-room-ballot={p.voting.ballot.id}>
            {t('projector.ballotTurnout', {
              voted: p.voting.ballot.voted,
              electorate: p.voting.ballot.electorate,
            })}
          </p>
        ) : p.voting?.ballot ? (
          <p class="turnout">
            {t('projector.ballotTurnout', {
              voted: p.voting.ballot.voted,
              electorate: p.voting.ballot.electorate,
            })}
          </p>
        ) : null}
        {p.current ? (
          <div class="fit" data-fit="1">
            {p.current.amended ? <p class="amended">{t('projector.asAmended')}</p> : null}
            <MotionText text={p.current.substantive} />
          </div>
        ) : null}
        <p class="pages" data-pages="1" hidden></p>
      </section>
      <div class="side" data-fit-side="1">
        <section aria-labelledby="speakers-heading">
          <h2 id="speakers-heading">{t('projector.speakers')}</h2>
          <Floor s={s} timeZone={p.timeZone} />
          {s.queue.length ? (
            <ol class="queue">
              {s.queue.map((q) => (
                <li>
                  {q.name} ({sideWords(q)})
                </li>
              ))}
            </ol>
          ) : (
            <p>{t('speakers.noOneWaiting')}</p>
          )}
        </section>
        {p.agenda.length ? (
          <section aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{t('projector.agenda')}</h2>
            <ol class="agenda">
              {p.agenda.map((a) => (
                <li
                  class={a.current ? 'current' : undefined}
                  aria-current={a.current ? 'step' : undefined}
                >
                  {a.title}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {p.declared ? (
          <section aria-labelledby="declared-heading" class="declared">
            <h2 id="declared-heading">{t('projector.declared')}</h2>
            <p>
              {questionWording(p.declared)}:{' '}
              <strong>{declaredWords(p.declared.declared, p.declared.result)}</strong>
            </p>
          </section>
        ) : null}
      </div>
    </main>
  );
}

/**
 * The wall: white on black, large type sized to the screen (the smaller of its width and
 * height), nothing but the business, and nothing that scrolls: the motion on the left fills
 * what the heading leaves; speakers, agenda and result on the right.
 */
export const PROJECTOR_CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.3}
html,body.projector{height:100%}
body.projector{margin:0;background:#000;color:#fff;overflow:hidden;font-size:clamp(14px,min(2.2vw,3.6vh),44px)}
main{box-sizing:border-box;height:100vh;padding:2vh 3vw;display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);grid-template-rows:auto minmax(0,1fr);column-gap:3vw}
.wall-head{grid-column:1/-1;display:grid;grid-template-columns:1fr auto;column-gap:1em}
.wall-head>*{grid-column:1}
h1{font-size:1.35em;margin:0 0 .2em;color:#ffdd00}
h2{font-size:1.1em;margin:.5em 0 .3em;color:#ffdd00}
.turnout{font-size:.9em;margin:.2em 0;border-bottom:2px solid #fff;padding-bottom:.3em}
.business{display:flex;flex-direction:column;min-height:0;overflow:hidden}
.business h2,.business .voting,.business .turnout,.pages{flex:none}
.fit{flex:1 1 auto;min-height:0;overflow:hidden}
.fit p{margin:.2em 0}
.pages{margin:.3em 0 0;font-size:.8em;color:#ddd}
.side{min-height:0;overflow:hidden;font-size:.85em}
.motion-text ol{padding-left:1.5em;margin:.2em 0}.motion-text li{margin:.15em 0}
.amended,.voting{font-weight:700;color:#9fe}
.countdown{font-variant-numeric:tabular-nums;font-weight:700;font-size:1.3em;border:3px solid #fff;padding:0 .3em}
.countdown.over{background:#ffdd00;color:#000}
.declared{border:4px solid #ffdd00;padding:.2em .8em;margin-top:1em}
.sign-in-code .code{font-size:1.6em;letter-spacing:.12em;color:#ffdd00;font-family:ui-monospace,monospace}
.wall-head>.join-qr{grid-column:2;grid-row:1/span 3;align-self:center;margin:0;width:5.5em}
.join-qr svg{display:block;width:100%;height:auto}
.queue,.agenda{padding-left:1.3em;margin:.2em 0}.queue li,.agenda li{margin:.1em 0}
.agenda li.current{font-weight:700;color:#ffdd00}
a{color:#9fe}
`;

/**
 * The sign-in address with the meeting's code as a QR code, drawn as SVG on the server (no
 * script, no image request): a phone's camera opens `/join?code=…` and the member signs in with
 * one tap. Black on white with a quiet zone, as readers need, whatever the wall's colours.
 */
async function joinQrCode(address: string): Promise<string> {
  const svg = await QRCode.toString(address, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  // Decorative for a screen reader (the address and the code are written beside it).
  return svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
}
