import { Hono } from 'hono';
import { raw } from 'hono/html';
import { askToSpeak } from '../../app/meetings/speakers/ask-to-speak.ts';
import { callNextSpeaker } from '../../app/meetings/speakers/call-next-speaker.ts';
import { endSpeech } from '../../app/meetings/speakers/end-speech.ts';
import { viewMeeting, type MeetingView } from '../../app/meetings/view-meeting.ts';
import { viewSpeakers, type SpeakersView } from '../../app/meetings/speakers/view-speakers.ts';
import { makeProjectorLink } from '../../app/meetings/make-projector-link.ts';
import { revokeProjectorLink } from '../../app/meetings/revoke-projector-link.ts';
import {
  viewProjector,
  viewProjectorLink,
  type ProjectorView,
} from '../../app/meetings/view-projector.ts';
import { withdrawFromSpeakers } from '../../app/meetings/speakers/withdraw-from-speakers.ts';
import { formatCountdown } from '../../domain/meetings/speakers.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { currentLocale, t } from '../../messages/messages.ts';
import { formPageRoute, formRoute, type Mistake } from '../action.ts';
import { ErrorSummary, LinkButton, PostForm, RadioGroup } from '../pages/forms.tsx';
import { actorOn, page, requireSignedIn, type C } from '../pages/kit.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { formatInstant } from '../pages/dates.ts';
import { meetingForms } from './meeting-forms.ts';
import {
  AskToSpeak,
  CallNextSpeaker,
  EndSpeech,
  MakeProjectorLink,
  RevokeProjectorLink,
  WithdrawFromSpeakers,
} from './schema.ts';
import { questionWords } from './session-parts.tsx';

/**
 * The room: the speakers list (members ask to speak and withdraw; the chair calls the next
 * speaker with a time limit and ends speeches) and the projector view for the wall (the question
 * before the meeting, the motion as amended so far, the speakers list, the turnout and the
 * declared result, large and high-contrast). Both work without JavaScript by reloading; with it,
 * `/assets/room-live.js` follows the meeting's event stream and keeps the countdown running.
 */

const clock = (iso: string, timeZone: string) => formatInstant(iso, 'clock', timeZone);

const sideWords = (s: { side: string | null; pointOfOrder: boolean }) =>
  s.pointOfOrder
    ? t('speakers.pointOfOrder')
    : s.side === 'for'
      ? t('speakers.for')
      : t('speakers.against');

/** Who has the floor, with the time left as text (kept running by the script). */
function Floor(props: { s: SpeakersView; timeZone: string }) {
  const now = props.s.speaking;
  if (!now) return <p>{t('speakers.noOneSpeaking')}</p>;
  return (
    <p class="floor">
      <strong>{t('speakers.hasFloor', { name: now.name, side: sideWords(now) })}</strong>
      {now.endsAt && now.secondsLeft !== null ? (
        <>
          {' '}
          <span
            class={now.secondsLeft < 0 ? 'countdown over' : 'countdown'}
            data-ends-at={now.endsAt}
            data-over={t('speakers.overTime')}
          >
            {formatCountdown(now.secondsLeft)}
          </span>{' '}
          <span class="until">
            {t('speakers.until', { time: clock(now.endsAt, props.timeZone) })}
          </span>
        </>
      ) : null}
    </p>
  );
}

function Queue(props: { s: SpeakersView; withdraw?: boolean }) {
  if (!props.s.queue.length) return <p>{t('speakers.noOneWaiting')}</p>;
  return (
    <ol class="queue">
      {props.s.queue.map((q) => (
        <li>
          {q.name} ({sideWords(q)})
          {props.withdraw && (q.mine || props.s.mayRun) ? (
            <>
              {' '}
              <LinkButton
                action={`/meetings/${props.s.meetingId}/speakers/${q.requestId}/withdraw`}
                label={
                  q.mine
                    ? t('speakers.withdrawMine')
                    : t('speakers.withdrawOther', { name: q.name })
                }
              />
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function roomRoutes(opts: HttpOptions) {
  const web = new Hono<HttpEnv>();
  speakersRoutes(web, opts);
  projectorRoutes(web, opts);
  web.get('/assets/room-live.js', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(ROOM_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  web.get('/assets/projector.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(PROJECTOR_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  return web;
}

// ---- The speakers list ----------------------------------------------------------------------

function speakersRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const speakersPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const meetingId = c.req.param('id')!;
    const [m, s] = await Promise.all([
      viewMeeting(ctx, { actor, meetingId }),
      viewSpeakers(ctx, { actor, meetingId }),
    ]);
    const title = t('speakers.title', { title: m.title });
    return page(c, title, <SpeakersList m={m} s={s} title={title} mistake={mistake} />, mistake);
  };
  web.get('/meetings/:id/speakers', (c) => speakersPage(c));

  const on = meetingForms(web, speakersPage, (meetingId) => `/meetings/${meetingId}/speakers`);
  on('/meetings/:id/speakers', AskToSpeak, ({ actor, meetingId }, input) =>
    askToSpeak(ctx, {
      actor,
      meetingId,
      side: input.side ?? null,
      pointOfOrder: input.pointOfOrder ?? false,
    }),
  );
  on('/meetings/:id/speakers/next', CallNextSpeaker, ({ actor, meetingId }, input) =>
    callNextSpeaker(ctx, {
      actor,
      meetingId,
      timeLimitSeconds: input.timeLimitSeconds ?? null,
    }),
  );
  on('/meetings/:id/speakers/end', EndSpeech, ({ actor, meetingId }) =>
    endSpeech(ctx, { actor, meetingId }),
  );
  on(
    '/meetings/:id/speakers/:requestId/withdraw',
    WithdrawFromSpeakers,
    ({ actor, meetingId, params }) =>
      withdrawFromSpeakers(ctx, {
        actor,
        meetingId,
        requestId: params.requestId!,
      }),
  );
}

function SpeakersList(props: {
  m: MeetingView;
  s: SpeakersView;
  title: string;
  mistake?: Mistake | undefined;
}) {
  const { m, s } = props;
  const open = m.status === 'open';
  return (
    <div data-live-room={m.id}>
      <p>
        <a href={`/meetings/${m.id}`}>{t('console.back')}</a>
        {m.canRun ? (
          <>
            {' · '}
            <a href={`/meetings/${m.id}/console`}>{t('meeting.console')}</a>
          </>
        ) : null}
        {' · '}
        <a href={`/meetings/${m.id}/projector`}>{t('projector.link')}</a>
      </p>
      <h1>{props.title}</h1>
      <ErrorSummary mistake={props.mistake} />
      <p class="notice">
        {s.motion ? t('speakers.on', { title: s.motion.title }) : t('speakers.onGeneral')}
      </p>
      <h2>{t('speakers.floor')}</h2>
      <Floor s={s} timeZone={m.timeZone} />
      <h2>{t('speakers.waiting')}</h2>
      <Queue s={s} withdraw />
      {open && m.me.present ? (
        <AskForms m={m} s={s} />
      ) : open && m.me.member ? (
        <p>{t('speakers.signInFirst')}</p>
      ) : null}
      {open && s.mayRun ? <ChairForms m={m} s={s} /> : null}
      {s.spoken.length ? (
        <>
          <h2>{t('speakers.spoken')}</h2>
          <ol>
            {s.spoken.map((q) => (
              <li>
                {q.name} ({sideWords(q)})
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <script src="/assets/room-live.js" defer></script>
    </div>
  );
}

/** A member present asks to speak for or against, or rises on a point of order. */
function AskForms({ m, s }: { m: MeetingView; s: SpeakersView }) {
  const waiting = new Set(s.queue.filter((q) => q.mine).map((q) => q.pointOfOrder));
  return (
    <>
      {!waiting.has(false) ? (
        <PostForm action={`/meetings/${m.id}/speakers`} submit={t('speakers.askSubmit')}>
          <RadioGroup
            name="side"
            legend={t('speakers.ask')}
            options={[
              ['for', t('speakers.askFor')],
              ['against', t('speakers.askAgainst')],
            ]}
            selected="for"
          />
        </PostForm>
      ) : null}
      {!waiting.has(true) ? (
        <PostForm action={`/meetings/${m.id}/speakers`} fields={{ pointOfOrder: '1' }}>
          <p>
            <button type="submit">{t('speakers.raisePointOfOrder')}</button>
          </p>
        </PostForm>
      ) : null}
    </>
  );
}

/** The chair calls the next speaker, with a time limit, and ends the speech in progress. */
const ChairForms = ({ m, s }: { m: MeetingView; s: SpeakersView }) => (
  <section aria-labelledby="chair-heading">
    <h2 id="chair-heading">{t('speakers.chair')}</h2>
    <form method="post" action={`/meetings/${m.id}/speakers/next`}>
      <div class="field">
        <label for="timeLimitMinutes">{t('speakers.timeLimit')}</label>
        <p class="hint" id="timeLimitMinutes-hint">
          {t('speakers.timeLimitHint')}
        </p>
        <input
          id="timeLimitMinutes"
          name="timeLimitMinutes"
          type="number"
          min="0"
          max="60"
          step="0.5"
          value="3"
          aria-describedby="timeLimitMinutes-hint"
        />
      </div>
      <button type="submit">{t('speakers.callNext')}</button>
    </form>
    {s.speaking ? (
      <form method="post" action={`/meetings/${m.id}/speakers/end`}>
        <p>
          <button type="submit">{t('speakers.end')}</button>
        </p>
      </form>
    ) : null}
  </section>
);

// ---- The projector --------------------------------------------------------------------------

function projectorRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  web.get('/meetings/:id/projector', async (c) => {
    const { actor } = requireSignedIn(c);
    return wallPage(c, await viewProjector(ctx, { actor, meetingId: c.req.param('id') }));
  });
  // The wall laptop, by the meeting's private link: no account, no session, the same wall.
  web.get('/projector/:secret', async (c) => {
    const p = await viewProjector(ctx, { token: c.req.param('secret') });
    // The token is the only authority: keep it out of caches and indexes (and, by the site's
    // Referrer-Policy, out of other sites' logs).
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    return wallPage(c, p, `/projector/${c.req.param('secret')}/events`);
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
function wallPage(c: C, p: ProjectorView, events?: string) {
  const title = t('projector.title', { title: p.title });
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
          <Wall p={p} events={events} />
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
function Wall({ p, events }: { p: ProjectorView; events?: string | undefined }) {
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
          <WallFloor s={s} timeZone={p.timeZone} />
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
              {p.declared.wording}: <strong>{p.declared.declared}</strong>
            </p>
          </section>
        ) : null}
      </div>
    </main>
  );
}

/** Who has the floor on the wall, with the countdown (kept running by the script). */
function WallFloor(props: { s: ProjectorView['speakers']; timeZone: string }) {
  const now = props.s.speaking;
  if (!now) return <p>{t('speakers.noOneSpeaking')}</p>;
  return (
    <p class="floor">
      <strong>{t('speakers.hasFloor', { name: now.name, side: sideWords(now) })}</strong>
      {now.endsAt && now.secondsLeft !== null ? (
        <>
          {' '}
          <span
            class={now.secondsLeft < 0 ? 'countdown over' : 'countdown'}
            data-ends-at={now.endsAt}
            role="timer"
          >
            {formatCountdown(now.secondsLeft)}
          </span>{' '}
          <span class="until">
            {t('speakers.until', { time: clock(now.endsAt, props.timeZone) })}
          </span>
        </>
      ) : null}
    </p>
  );
}

/**
 * Follows the meeting's event stream (the browser resumes it by number after a dropped
 * connection): the signed-in one, or the private link's (`data-events`). The projector swaps in
 * its content afresh on every change; the speakers page reloads by GET, unless someone is
 * typing. Countdowns tick every second. On the projector the motion is fitted to the screen:
 * its type is scaled down (to 60% at most), and if it still does not fit, its clauses are shown
 * a page at a time, turning every 12 seconds.
 */
export const ROOM_JS = `
(function () {
  var root = document.querySelector('[data-live-room]');
  if (!root) return;
  var tick = function () {
    var els = document.querySelectorAll('[data-ends-at]');
    for (var i = 0; i < els.length; i++) {
      var left = Math.round((Date.parse(els[i].getAttribute('data-ends-at')) - Date.now()) / 1000);
      var a = Math.abs(left);
      els[i].textContent = (left < 0 ? '\\u2212' : '') + Math.floor(a / 60) + ':' + ('0' + (a % 60)).slice(-2);
      els[i].className = left < 0 ? 'countdown over' : 'countdown';
    }
  };
  setInterval(tick, 1000);
  var pageAt = 0, pageTimer = null;
  var fits = function (box) { return box.scrollHeight <= box.clientHeight + 1; };
  var shrink = function (box) {
    box.style.fontSize = '';
    for (var scale = 100; !fits(box) && scale > 60; ) {
      scale -= 5;
      box.style.fontSize = scale + '%';
    }
  };
  var fit = function () {
    clearInterval(pageTimer);
    var side = document.querySelector('[data-fit-side]');
    if (side) shrink(side);
    var box = document.querySelector('[data-fit]');
    var pager = document.querySelector('[data-pages]');
    if (!box || !pager) return;
    var items = box.querySelectorAll('li');
    for (var i = 0; i < items.length; i++) { items[i].hidden = false; items[i].value = i + 1; }
    pager.hidden = true;
    shrink(box);
    if (fits(box) || !items.length) return;
    // Pages of clauses: from each first clause, as many as fit (always at least one).
    var pages = [];
    for (var from = 0; from < items.length; ) {
      for (var k = 0; k < items.length; k++) items[k].hidden = true;
      var to = from;
      do { items[to].hidden = false; to++; } while (to < items.length && fits(box));
      if (!fits(box) && to - 1 > from) { to--; items[to].hidden = true; }
      pages.push([from, to]);
      from = to;
    }
    var show = function () {
      var p = pages[pageAt % pages.length];
      for (var k = 0; k < items.length; k++) items[k].hidden = k < p[0] || k >= p[1];
      pager.textContent = root.getAttribute('data-clauses')
        .replace('{from}', p[0] + 1).replace('{to}', p[1]).replace('{count}', items.length);
    };
    pageAt = pageAt % pages.length;
    show();
    pager.hidden = false;
    pageTimer = setInterval(function () { pageAt++; show(); }, 12000);
  };
  if (root.getAttribute('data-swap')) {
    fit();
    window.addEventListener('resize', fit);
  }
  if (!window.EventSource) return;
  var source = new EventSource(root.getAttribute('data-events') ||
    '/api/v1/meetings/' + root.getAttribute('data-live-room') + '/events');
  var first = true;
  // The page's own address, by GET: after a form's answer, the address is the form's POST.
  var page = document.body.getAttribute('data-page') || location.pathname;
  var busy = false, again = false;
  var swap = function () {
    if (busy) { again = true; return; }
    busy = true;
    fetch(page, { credentials: 'same-origin' }).then(function (r) {
      // A revoked link: the wall says so and stops following.
      if (r.status === 404) source.close();
      return r.text();
    }).then(function (html) {
      var next = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
      var main = document.querySelector('main');
      if (next && main) { main.innerHTML = next.innerHTML; tick(); fit(); }
    }).catch(function () {}).then(function () {
      busy = false;
      if (again) { again = false; swap(); }
    });
  };
  var changed = function () {
    if (root.getAttribute('data-swap')) return swap();
    var a = document.activeElement;
    if (a && /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName) && a.type !== 'radio') return;
    location.replace(page);
  };
  // A secret ballot of those present has a stream of its own: its turnout as it rises.
  var ballot = document.querySelector('[data-room-ballot]');
  if (ballot) {
    var votes = new EventSource('/api/v1/ballots/' + ballot.getAttribute('data-room-ballot') + '/events');
    var firstVote = true;
    ['turnout', 'closed', 'resync'].forEach(function (type) {
      votes.addEventListener(type, function () {
        if (firstVote) { firstVote = false; return; }
        changed();
      });
    });
  }
  var types = ['attendance', 'opened', 'closed', 'agenda', 'motion', 'amendment', 'question', 'declared', 'procedural', 'speakers', 'projector', 'resync'];
  types.forEach(function (type) {
    source.addEventListener(type, function () {
      // The first event is the state as it was when the page was made: nothing new.
      if (first) { first = false; return; }
      changed();
    });
  });
})();
`;

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
.wall-head{grid-column:1/-1}
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
.queue,.agenda{padding-left:1.3em;margin:.2em 0}.queue li,.agenda li{margin:.1em 0}
.agenda li.current{font-weight:700;color:#ffdd00}
a{color:#9fe}
`;
