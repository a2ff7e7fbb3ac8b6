import { declaredWords, questionWording } from '../../messages/results.ts';
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { askToSpeak } from '../../app/meetings/speakers/ask-to-speak.ts';
import { callNextSpeaker } from '../../app/meetings/speakers/call-next-speaker.ts';
import { endSpeech } from '../../app/meetings/speakers/end-speech.ts';
import { viewMeeting, type MeetingView } from '../../app/meetings/view-meeting.ts';
import { viewSpeakers, type SpeakersView } from '../../app/meetings/speakers/view-speakers.ts';
import { withdrawFromSpeakers } from '../../app/meetings/speakers/withdraw-from-speakers.ts';
import { formatCountdown } from '../../domain/meetings/speakers.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { currentLocale, t } from '../../messages/messages.ts';
import type { Mistake } from '../action.ts';
import { ErrorSummary, LinkButton, PostForm, RadioGroup } from '../pages/forms.tsx';
import { page, requireSignedIn, type C } from '../pages/kit.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { formatInstant } from '../pages/dates.ts';
import { meetingForms } from './meeting-forms.ts';
import { AskToSpeak, CallNextSpeaker, EndSpeech, WithdrawFromSpeakers } from './schema.ts';
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
    const meetingId = c.req.param('id');
    const [m, s] = await Promise.all([
      viewMeeting(ctx, { actor, meetingId }),
      viewSpeakers(ctx, { actor, meetingId }),
    ]);
    const title = t('projector.title', { title: m.title });
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
          <body class="projector">
            <Wall m={m} s={s} joinAddress={`${ctx.baseUrl.replace(/^https?:\/\//, '')}/join`} />
            <script src="/assets/room-live.js" defer></script>
          </body>
        </html>
      </>,
    );
  });
}

/** The wall: the question, the motion as amended, the speakers, the turnout and the result. */
function Wall({ m, s, joinAddress }: { m: MeetingView; s: SpeakersView; joinAddress: string }) {
  const declared = m.questions.at(-1);
  return (
    <main id="main" data-live-room={m.id} data-swap="1">
      <h1>{m.title}</h1>
      <p class="turnout" role="status">
        {t('projector.turnout', { present: m.quorum.present, members: m.quorum.members })}{' '}
        {m.quorum.met ? t('quorum.met') : t('quorum.notMet')}
      </p>
      {m.signInCode ? (
        <p class="sign-in-code" id="sign-in-code">
          {t('projector.signInCode', { address: joinAddress })}{' '}
          <strong class="code">{m.signInCode.shown}</strong>
        </p>
      ) : null}
      <section aria-labelledby="question-heading">
        <h2 id="question-heading">
          {m.current ? questionWords(m.current.question) : t('console.nothingBefore')}
        </h2>
        {m.questionPut ? <p class="voting">{t('meeting.voting')}</p> : null}
        {m.questionPut?.ballot ? (
          <p class="turnout" data-room-ballot={m.questionPut.ballot.id}>
            {t('projector.ballotTurnout', {
              voted: m.questionPut.ballot.voted,
              electorate: m.questionPut.ballot.electorate,
            })}
          </p>
        ) : null}
        {m.current ? (
          <>
            {m.current.amended ? <p class="amended">{t('projector.asAmended')}</p> : null}
            <MotionText text={m.current.substantive} />
          </>
        ) : null}
      </section>
      <section aria-labelledby="speakers-heading">
        <h2 id="speakers-heading">{t('projector.speakers')}</h2>
        <Floor s={s} timeZone={m.timeZone} />
        <Queue s={s} />
      </section>
      {declared ? (
        <section aria-labelledby="declared-heading" class="declared">
          <h2 id="declared-heading">{t('projector.declared')}</h2>
          <p>
            {questionWording(declared)}:{' '}
            <strong>{declaredWords(declared.declared, declared.result)}</strong>
          </p>
        </section>
      ) : null}
    </main>
  );
}

/**
 * Follows the meeting's event stream (the browser resumes it by number after a dropped
 * connection). The projector swaps in its content afresh on every change; the speakers page
 * reloads, unless someone is typing. Countdowns tick every second.
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
  if (!window.EventSource) return;
  var source = new EventSource('/api/v1/meetings/' + root.getAttribute('data-live-room') + '/events');
  var first = true;
  // The page's own address, by GET: after a form's answer, the address is the form's POST.
  var page = document.body.getAttribute('data-page') || location.pathname;
  var busy = false, again = false;
  var swap = function () {
    if (busy) { again = true; return; }
    busy = true;
    fetch(page, { credentials: 'same-origin' }).then(function (r) { return r.text(); }).then(function (html) {
      var next = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
      var main = document.querySelector('main');
      if (next && main) { main.innerHTML = next.innerHTML; tick(); }
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
  var types = ['attendance', 'opened', 'closed', 'agenda', 'motion', 'amendment', 'question', 'declared', 'procedural', 'speakers', 'resync'];
  types.forEach(function (type) {
    source.addEventListener(type, function () {
      // The first event is the state as it was when the page was made: nothing new.
      if (first) { first = false; return; }
      changed();
    });
  });
})();
`;

/** The wall: white on black, large type, nothing but the business. */
export const PROJECTOR_CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.35}
body.projector{margin:0;background:#000;color:#fff;font-size:clamp(18px,2.4vw,44px)}
main{padding:2vh 3vw;max-width:none}
h1{font-size:1.6em;margin:0 0 .3em;color:#ffdd00}
h2{font-size:1.15em;margin:.8em 0 .3em;color:#ffdd00}
.turnout{font-size:1em;border-bottom:2px solid #fff;padding-bottom:.3em}
.motion-text ol{padding-left:1.5em}.motion-text li{margin:.2em 0}
.amended,.voting{font-weight:700;color:#9fe}
.countdown{font-variant-numeric:tabular-nums;font-weight:700;border:3px solid #fff;padding:0 .3em}
.countdown.over{background:#ffdd00;color:#000}
.declared{border:4px solid #ffdd00;padding:.2em .8em;margin-top:1em}
.queue li{margin:.1em 0}
.sign-in-code .code{font-size:1.6em;letter-spacing:.12em;color:#ffdd00;font-family:ui-monospace,monospace}
`;
