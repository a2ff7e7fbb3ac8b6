import { Hono } from 'hono';
import { askToSpeak } from '../../app/meetings/speakers/ask-to-speak.ts';
import { callNextSpeaker } from '../../app/meetings/speakers/call-next-speaker.ts';
import { endSpeech } from '../../app/meetings/speakers/end-speech.ts';
import { viewMeeting, type MeetingView } from '../../app/meetings/view-meeting.ts';
import { viewSpeakers, type SpeakersView } from '../../app/meetings/speakers/view-speakers.ts';
import { withdrawFromSpeakers } from '../../app/meetings/speakers/withdraw-from-speakers.ts';
import { formatCountdown } from '../../domain/meetings/speakers.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import { ErrorSummary, LinkButton, PostForm, RadioGroup } from '../pages/forms.tsx';
import { page, requireSignedIn, type C } from '../pages/kit.tsx';
import { formatInstant } from '../pages/dates.ts';
import { meetingForms } from './meeting-forms.ts';
import { AskToSpeak, CallNextSpeaker, EndSpeech, WithdrawFromSpeakers } from './schema.ts';
import { projectorRoutes } from './projector-pages.tsx';

/**
 * The room: the speakers list (members ask to speak and withdraw; the chair calls the next
 * speaker with a time limit and ends speeches) and the projector view for the wall (the question
 * before the meeting, the motion as amended so far, the speakers list, the turnout and the
 * declared result, large and high-contrast: projector-pages.tsx). Both work without JavaScript
 * by reloading; with it, `/assets/room-live.js` follows the meeting's event stream and keeps the
 * countdown running.
 */

export const clock = (iso: string, timeZone: string) => formatInstant(iso, 'clock', timeZone);

export const sideWords = (s: { side: string | null; pointOfOrder: boolean }) =>
  s.pointOfOrder
    ? t('speakers.pointOfOrder')
    : s.side === 'for'
      ? t('speakers.for')
      : t('speakers.against');

/**
 * Who has the floor, with the time left as a countdown (kept running by the script): on the
 * speakers page and on the projector's wall alike.
 */
export function Floor(props: {
  s: {
    speaking: {
      name: string;
      side: string | null;
      pointOfOrder: boolean;
      endsAt: string | null;
      secondsLeft: number | null;
    } | null;
  };
  timeZone: string;
}) {
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
