import type { Hono } from 'hono';
import { raw } from 'hono/html';
import { viewConference, type ConferenceView } from '../../app/conference/view-conference.ts';
import { currentLocale, t } from '../../messages/messages.ts';
import { asset } from '../assets.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { actorOn, type C } from '../pages/kit.tsx';
import { NO_SUBMISSIONS, SectionTable } from './conference-parts.tsx';

/**
 * The conference's projector: the hall's screen, large and high-contrast (the meeting
 * projector's stylesheet), showing what is before conference (a reference back of the
 * committee's report, or the motion whose card vote is open, with its mover and seconder and
 * the cards in so far) and the last card vote's section table once declared. It follows the
 * conference's meeting events (server-sent, like the meeting projector) and reloads when the
 * business moves on; without script it refreshes itself every ten seconds.
 */
export function conferenceProjectorRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  web.get('/conferences/:id/projector', async (c) =>
    hallScreen(c, await viewConference(ctx, { ...actorOn(c, 'meetingId'), page: NO_SUBMISSIONS })),
  );
  asset(web, '/assets/conference-live.js', CONFERENCE_JS, 'text/javascript');
}

/** What is before conference now, as the hall's screen shows it. */
export function beforeConference(v: ConferenceView) {
  const ref = v.referencesBack.find((r) => r.status === 'moved');
  const vote = v.cardVotes.find((x) => x.open && (!ref || x.referenceBackId === ref.id));
  if (ref) return { kind: 'reference-back' as const, ref, vote };
  if (!vote) return null;
  const motion = v.business.find((s) => s.id === vote.submissionId);
  return { kind: 'motion' as const, motion, vote };
}

function hallScreen(c: C, v: ConferenceView) {
  const title = t('conf.projector.title', { title: v.meeting.title });
  const now = beforeConference(v);
  const declared = [...v.cardVotes].reverse().find((x) => x.result);
  return c.html(
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={currentLocale()}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <noscript>
            <meta http-equiv="refresh" content="10" />
          </noscript>
          <title>{`${title} · ${t('app.name')}`}</title>
          <link rel="stylesheet" href="/assets/projector.css" />
        </head>
        <body class="projector" data-page={new URL(c.req.url).pathname}>
          <main id="main" data-live-conference={v.meeting.id}>
            <header class="wall-head">
              <h1>{v.meeting.title}</h1>
            </header>
            <section class="business" aria-labelledby="before-heading">
              <h2 id="before-heading">{t('conf.projector.before')}</h2>
              <Business now={now} delegations={v.delegations.length} />
            </section>
            <div class="side">
              {declared?.result ? (
                <section aria-labelledby="declared-heading">
                  <h2 id="declared-heading">{t('conf.projector.declared')}</h2>
                  <p>{declared.title}</p>
                  <SectionTable result={declared.result} />
                </section>
              ) : null}
            </div>
          </main>
          <script src="/assets/conference-live.js" defer></script>
        </body>
      </html>
    </>,
  );
}

function Business(props: { now: ReturnType<typeof beforeConference>; delegations: number }) {
  const { now } = props;
  if (!now) return <p>{t('conf.projector.nothing')}</p>;
  const voting = now.vote ? (
    <p class="voting" role="status">
      {t('conf.projector.voting', { cards: now.vote.cards, delegations: props.delegations })}
    </p>
  ) : null;
  if (now.kind === 'reference-back')
    return (
      <>
        <p class="question">{t('conf.refer.item', { titles: now.ref.titles.join('; ') })}</p>
        {now.ref.mover ? <p>{t('conf.projector.mover', { name: now.ref.mover })}</p> : null}
        {voting}
      </>
    );
  const m = now.motion;
  return (
    <>
      <p class="question">{m?.title ?? now.vote.title}</p>
      {m?.mover ? <p>{t('conf.projector.mover', { name: m.mover })}</p> : null}
      {m?.seconder ? <p>{t('conf.projector.seconder', { name: m.seconder })}</p> : null}
      {m?.recommendation ? (
        <p>{t('conf.projector.recommendation', { recommendation: m.recommendation })}</p>
      ) : null}
      {m ? (
        <ol class="clauses">
          {m.clauses.map((cl) => (
            <li>{cl.text}</li>
          ))}
        </ol>
      ) : null}
      {voting}
    </>
  );
}

/**
 * Reloads the hall's screen when the conference's business moves on (its meeting's events:
 * a card vote called or declared, a ruling, a reference back moved or decided).
 */
const CONFERENCE_JS = `
(function () {
  var el = document.querySelector('[data-live-conference]');
  if (!el || !window.EventSource) return;
  var page = document.body.getAttribute('data-page') || location.pathname;
  var source = new EventSource('/api/v1/meetings/' + el.getAttribute('data-live-conference') + '/events');
  var moved = function () { location.replace(page); };
  ['agenda', 'question', 'declared', 'resync'].forEach(function (type) {
    source.addEventListener(type, moved);
  });
})();
`;
