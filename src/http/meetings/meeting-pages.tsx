import { Hono } from 'hono';
import { addAgendaItem } from '../../app/meetings/add-agenda-item.ts';
import { makeCalendarFeedToken } from '../../app/meetings/calendar-feed-token.ts';
import { moveAgendaItem } from '../../app/meetings/move-agenda-item.ts';
import { removeAgendaItem } from '../../app/meetings/remove-agenda-item.ts';
import { takeAmendmentStep } from '../../app/meetings/amendment-step.ts';
import { cancelMeeting } from '../../app/meetings/cancel-meeting.ts';
import { closeMeeting } from '../../app/meetings/close-meeting.ts';
import { giveMeetingNotice } from '../../app/meetings/give-notice.ts';
import { moveAmendment } from '../../app/meetings/move-amendment.ts';
import { openMeeting } from '../../app/meetings/open-meeting.ts';
import { decideProceduralMotion } from '../../app/meetings/procedural-motion.ts';
import { putQuestion } from '../../app/meetings/put-question.ts';
import { putToSecretBallot } from '../../app/meetings/put-to-secret-ballot.ts';
import { closeBallot } from '../../app/ballots/close-ballot.ts';
import { compositeMotions } from '../../app/meetings/composite-motions.ts';
import { recordVote, type VoteTaken } from '../../app/meetings/record-vote.ts';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.ts';
import { signInToMeeting } from '../../app/meetings/sign-in-to-meeting.ts';
import { signOutOfMeeting } from '../../app/meetings/sign-out-of-meeting.ts';
import { takeMotionStep, type MotionStep } from '../../app/meetings/take-motion-step.ts';
import {
  bodyCalendar,
  bodyCalendarByToken,
  listMeetings,
  listMotions,
  meetingCalendar,
  viewMeeting,
  type MeetingView,
} from '../../app/meetings/view-meeting.ts';
import type { AmendmentChange } from '../../domain/meetings/amendments.ts';
import { PROCEDURAL_KINDS, type ProceduralKind } from '../../domain/meetings/procedural.ts';
import { forbidden, invalid, type DomainError } from '../../domain/errors.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { t, type MessageKey } from '../../messages/messages.ts';
import {
  page,
  problemFor,
  requireSignedIn,
  formRoute,
  SealedBy,
  statusOf,
  type C,
  type FormRun,
} from '../pages/kit.tsx';
import { BodyPageHeading, ErrorSummary, Field } from '../pages/layout.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { formatInstant } from '../pages/dates.ts';
import { Button, when } from './meeting-parts.tsx';

/**
 * Meeting pages, all working without JavaScript: a body's meetings and the form to call one;
 * the meeting (agenda, attendance with a sign-in button, calendar downloads); the chair's
 * console (who is present, the quorum, the question before the meeting, the substantive text,
 * and a button for each legal next step only). Motions are in motion-pages.tsx, minutes in
 * minutes-pages.tsx.
 */

/** `2026-07-09T19:00` in a time zone, read back as the UTC instant (for the schedule form). */
function localToUtc(local: string, timeZone: string): string {
  const guess = Date.parse(`${local}:00Z`);
  if (Number.isNaN(guess)) return local;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(guess));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return new Date(guess - (wall - guess)).toISOString();
}

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

function PersonSelect(props: {
  name: string;
  label: string;
  people: readonly { personId: string; name: string }[];
  selected?: string | null | undefined;
  id?: string;
}) {
  const id = props.id ?? props.name;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.people.map((p) => (
          <option value={p.personId} selected={p.personId === props.selected}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The ways a question can be put in the room, and the console's button for each. */
const VOTE_MODES = [
  ['show-of-hands', 'console.put'],
  ['roll-call', 'console.putRollCall'],
  ['card', 'console.putCard'],
] as const;
type VoteMode = (typeof VOTE_MODES)[number][0];

/** A count typed into a form; empty is not zero, so the domain refuses it clearly. */
const count = (v: string | undefined) => (v === undefined || v === '' ? NaN : Number(v));

/** The vote as entered in the console: counts for a show of hands, else each member's answer. */
function voteFromForm(f: Record<string, string>): VoteTaken {
  if (f.mode !== 'roll-call' && f.mode !== 'card') {
    return {
      mode: 'show-of-hands',
      counts: { for: count(f.for), against: count(f.against), abstain: count(f.abstain) },
    };
  }
  const answers = Object.entries(f).flatMap(([key, value]) =>
    key.startsWith('choice.') && (value === 'for' || value === 'against' || value === 'abstain')
      ? [{ personId: key.slice('choice.'.length), choice: value as 'for' | 'against' | 'abstain' }]
      : [],
  );
  return f.mode === 'roll-call' ? { mode: 'roll-call', answers } : { mode: 'card', votes: answers };
}

const Quorum = ({ m }: { m: MeetingView }) => (
  <p
    id="quorum"
    role="status"
    class="notice"
    data-live-meeting={m.id}
    data-met={t('quorum.met')}
    data-not-met={t('quorum.notMet')}
    data-line={t('quorum.line', {
      present: '{present}',
      members: m.quorum.members,
      required: '{required}',
    })}
  >
    <strong>{m.quorum.met ? t('quorum.met') : t('quorum.notMet')}</strong>:{' '}
    {t('quorum.line', {
      present: m.quorum.present,
      members: m.quorum.members,
      required: m.quorum.required,
    })}
  </p>
);

/** The speakers list and the projector view of a meeting in session (room-pages.tsx). */
const RoomLinks = ({ meetingId }: { meetingId: string }) => (
  <>
    {' · '}
    <a href={`/meetings/${meetingId}/speakers`}>{t('speakers.link')}</a>
    {' · '}
    <a href={`/meetings/${meetingId}/projector`}>{t('projector.link')}</a>
  </>
);

/** With JavaScript, the quorum line stays current and the page follows the business. */
const Live = () => (
  <>
    <p id="moved-on" class="notice" role="status" hidden>
      {t('meeting.movedOn')}
    </p>
    <script src="/assets/meeting-live.js" defer></script>
  </>
);

export function meetingRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  // ---- A body's meetings --------------------------------------------------------------

  const listPage = async (
    c: C,
    bodyId: string,
    values: Record<string, string> = {},
    error?: DomainError,
    feedPath?: string,
  ) => {
    const { actor } = requireSignedIn(c);
    const { body, meetings, canRun } = await listMeetings(ctx, { actor, bodyId });
    return page(
      c,
      t('meetings.title', { body: body.name }),
      <>
        <BodyPageHeading body={body} title={t('meetings.title', { body: body.name })} />
        {meetings.length ? (
          <ul>
            {meetings.map((m) => (
              <li>
                <a href={`/meetings/${m.id}`}>{m.title}</a>, {when(m.startsAt, m.timeZone)}{' '}
                <span class="kind">{t(`meeting.status.${m.status}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('meetings.none')}</p>
        )}
        <p>
          <a href={`/bodies/${body.id}/meetings.ics`}>{t('meetings.feed')}</a>
        </p>
        {feedPath ? (
          <div class="notice" role="status" id="calendar-feed">
            <p>{t('meetings.subscribeAddress')}</p>
            <p>
              <code>{new URL(feedPath, c.req.url).toString()}</code>
            </p>
            <p>{t('meetings.subscribeOnce')}</p>
          </div>
        ) : (
          <form method="post" action={`/bodies/${body.id}/calendar-feed`}>
            <p class="hint">{t('meetings.subscribeHint')}</p>
            <button type="submit">{t('meetings.subscribe')}</button>
          </form>
        )}
        <p>
          <a href={`/bodies/${body.id}/standing-orders`}>{t('body.standingOrders')}</a>
        </p>
        {canRun ? (
          <form method="post" action={`/bodies/${body.id}/meetings`}>
            <h2>{t('meetings.new')}</h2>
            <ErrorSummary message={error?.message} problems={error?.problems} />
            <Field
              name="title"
              label={t('meetings.name')}
              hint={t('meetings.nameHint')}
              value={values.title}
              error={problemFor(error, 'title')}
              required
            />
            <Field
              name="startsAt"
              type="datetime-local"
              label={t('meetings.startsAt')}
              hint={t('meetings.startsAtHint')}
              value={values.startsAt}
              error={problemFor(error, 'startsAt')}
              required
            />
            <Field
              name="location"
              label={t('meetings.location')}
              value={values.location}
              error={problemFor(error, 'location')}
            />
            <Field
              name="timeZone"
              label={t('meetings.timeZone')}
              value={values.timeZone ?? 'Europe/London'}
              error={problemFor(error, 'timeZone')}
            />
            <div class="field">
              <input
                type="checkbox"
                id="giveNotice"
                name="giveNotice"
                value="1"
                checked={values.giveNotice !== '0'}
              />{' '}
              <label for="giveNotice" class="inline">
                {t('meetings.giveNotice')}
              </label>
            </div>
            <div class="field">
              <input
                type="checkbox"
                id="emergency"
                name="emergency"
                value="1"
                checked={values.emergency === '1'}
              />{' '}
              <label for="emergency" class="inline">
                {t('meetings.emergency')}
              </label>
            </div>
            <button type="submit">{t('meetings.create')}</button>
          </form>
        ) : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/bodies/:id/meetings', (c) => listPage(c, c.req.param('id')));
  formRoute(web, '/bodies/:id/meetings', {
    run: (actor, bodyId, f) => {
      const zone = f.timeZone?.trim() || 'Europe/London';
      return scheduleMeeting(ctx, {
        actor,
        bodyId,
        title: f.title ?? '',
        startsAt: localToUtc(f.startsAt ?? '', validZone(zone) ? zone : 'UTC'),
        location: f.location,
        timeZone: zone,
        emergency: f.emergency === '1',
        giveNotice: f.giveNotice === '1',
      });
    },
    again: (c, bodyId, e, f) => listPage(c, bodyId, { ...f, giveNotice: f.giveNotice ?? '0' }, e),
    done: (_bodyId, called) => `/meetings/${called.meetingId}`,
  });
  web.post('/bodies/:id/calendar-feed', async (c) => {
    const { actor } = requireSignedIn(c);
    const bodyId = c.req.param('id');
    const { path } = await makeCalendarFeedToken(ctx, { actor, bodyId });
    return listPage(c, bodyId, {}, undefined, path);
  });
  web.get('/bodies/:id/meetings.ics', async (c) => {
    // A calendar app has no session: it reads the feed with the person's feed token.
    const token = c.req.query('token');
    const bodyId = c.req.param('id');
    const ics =
      token === undefined
        ? await bodyCalendar(ctx, { actor: requireSignedIn(c).actor, bodyId })
        : await bodyCalendarByToken(ctx, { token, bodyId });
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });

  // ---- A meeting ------------------------------------------------------------------------

  const meetingPage = async (c: C, meetingId: string, error?: DomainError) => {
    const { actor } = requireSignedIn(c);
    const m = await viewMeeting(ctx, { actor, meetingId });
    const motions = m.canRun ? await listMotions(ctx, { actor, bodyId: m.bodyId }) : null;
    const submitted = motions?.motions.filter((x) => x.status === 'submitted') ?? [];
    return page(
      c,
      m.title,
      <>
        <p>
          <a href={`/bodies/${m.body.id}/meetings`}>{t('body.meetings')}</a>
        </p>
        <h1>{m.title}</h1>
        <p class="kind">
          {m.body.name} · {t(`meeting.status.${m.status}`)}
        </p>
        <p>{t('meeting.when', { when: when(m.startsAt, m.timeZone), zone: m.timeZone })}</p>
        {m.location ? <p>{t('meeting.where', { place: m.location })}</p> : null}
        <p>
          {m.noticeGivenAt
            ? t('meeting.noticeGiven', { when: when(m.noticeGivenAt, m.timeZone) })
            : t('meeting.noNotice')}{' '}
          {m.status === 'scheduled'
            ? t('meeting.deadline', { when: formatInstant(m.motionDeadline, 'dateTime') })
            : null}
        </p>
        {m.chair ? <p>{t('meeting.chair', { name: m.chair })}</p> : null}
        <p>
          <a href={`/meetings/${m.id}/meeting.ics`}>{t('meeting.calendar')}</a>
          {m.status === 'open' ? <RoomLinks meetingId={m.id} /> : null}
          {m.canRun ? (
            <>
              {' · '}
              <a href={`/meetings/${m.id}/console`}>{t('meeting.console')}</a>
            </>
          ) : null}
          {m.minutes ? (
            <>
              {' · '}
              <a href={`/meetings/${m.id}/minutes`}>{t('meeting.minutes')}</a>
            </>
          ) : null}
        </p>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        {m.canRun && m.status === 'scheduled' && !m.noticeGivenAt ? (
          <Button action={`/meetings/${m.id}/notice`} label={t('meeting.giveNotice')} />
        ) : null}
        <h2>{t('meeting.attendance')}</h2>
        <Quorum m={m} />
        <Live />
        {m.me.member && m.status !== 'closed' && m.status !== 'cancelled' ? (
          m.me.present ? (
            <p>
              {t('meeting.youArePresent')}{' '}
              <Button action={`/meetings/${m.id}/sign-out`} label={t('meeting.signMeOut')} />
            </p>
          ) : (
            <Button action={`/meetings/${m.id}/sign-in`} label={t('meeting.signMeIn')} />
          )
        ) : null}
        {m.current ? (
          <section aria-labelledby="now-heading">
            <h2 id="now-heading">{t('console.before')}</h2>
            <p class="notice">
              <strong>
                {m.current.question.kind === 'amendment'
                  ? t('console.questionAmendment', { wording: m.current.question.wording })
                  : m.current.question.substantive
                    ? t('console.questionSubstantive')
                    : t('console.questionMotion')}
              </strong>
              {m.questionPut ? ` ${t('meeting.voting')}` : ''}
            </p>
            {m.questionPut?.ballot?.state === 'open' ? (
              m.questionPut.ballot.mine?.voted ? (
                <p class="notice">{t('meeting.ballotVoted')}</p>
              ) : m.questionPut.ballot.mine ? (
                <p>
                  <a href={`/ballots/${m.questionPut.ballot.id}`}>{t('meeting.ballotVote')}</a>
                </p>
              ) : (
                <p>{t('meeting.ballotNotElector')}</p>
              )
            ) : null}
            <MotionText text={m.current.substantive} />
          </section>
        ) : null}
        <h2>{t('meeting.agenda')}</h2>
        {m.agenda.length ? (
          <ol>
            {m.agenda.map((a, i) => (
              <li>
                {a.motionId ? <a href={`/motions/${a.motionId}`}>{a.title}</a> : a.title}
                {m.canRun && m.status !== 'closed' && m.status !== 'cancelled' ? (
                  <>
                    {' '}
                    {i > 0 ? (
                      <Button
                        action={`/meetings/${m.id}/agenda/${a.id}/move`}
                        label={t('meeting.itemUp', { title: a.title })}
                        fields={{ direction: 'up' }}
                      />
                    ) : null}
                    {i < m.agenda.length - 1 ? (
                      <Button
                        action={`/meetings/${m.id}/agenda/${a.id}/move`}
                        label={t('meeting.itemDown', { title: a.title })}
                        fields={{ direction: 'down' }}
                      />
                    ) : null}
                    <Button
                      action={`/meetings/${m.id}/agenda/${a.id}/remove`}
                      label={t('meeting.itemRemove', { title: a.title })}
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t('meeting.noAgenda')}</p>
        )}
        {m.canRun && m.status !== 'closed' && m.status !== 'cancelled' ? (
          <>
            {submitted.map((x) => (
              <Button
                action={`/meetings/${m.id}/agenda`}
                label={t('meeting.putOnAgenda', { title: x.title })}
                fields={{ motionId: x.id }}
              />
            ))}
            <form method="post" action={`/meetings/${m.id}/agenda`}>
              <h3>{t('meeting.addItem')}</h3>
              <Field name="title" label={t('meeting.itemTitle')} required />
              <button type="submit">{t('meeting.addItemSubmit')}</button>
            </form>
          </>
        ) : null}
        {m.questions.length ? (
          <>
            <h2>{t('meeting.decided')}</h2>
            <ul>
              {m.questions.map((q) => (
                <li>
                  {q.wording}: {q.declared} <SealedBy hash={q.resultHash} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/meetings/:id', (c) => meetingPage(c, c.req.param('id')));
  web.get('/meetings/:id/meeting.ics', async (c) => {
    const { actor } = requireSignedIn(c);
    const meetingId = c.req.param('id');
    const ics = await meetingCalendar(ctx, { actor, meetingId });
    c.header('Content-Disposition', `attachment; filename="meeting-${meetingId}.ics"`);
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });

  /** A form on the meeting page or console: run it, come back, or show the refusal. */
  const on = (path: string, back: 'page' | 'console', run: FormRun) =>
    formRoute(web, path, {
      run,
      again: (c, meetingId, e) =>
        back === 'page' ? meetingPage(c, meetingId, e) : consolePage(c, meetingId, e),
      done: (meetingId) => `/meetings/${meetingId}${back === 'page' ? '' : '/console'}`,
      pathWins: true,
    });

  on('/meetings/:id/notice', 'page', (actor, meetingId) =>
    giveMeetingNotice(ctx, { actor, meetingId }),
  );
  on('/meetings/:id/agenda', 'page', (actor, meetingId, f) =>
    addAgendaItem(ctx, { actor, meetingId, title: f.title, motionId: f.motionId }),
  );
  on('/meetings/:id/agenda/:itemId/move', 'page', (actor, meetingId, f) =>
    moveAgendaItem(ctx, {
      actor,
      meetingId,
      agendaItemId: f.itemId ?? '',
      direction: f.direction === 'up' ? 'up' : 'down',
    }),
  );
  on('/meetings/:id/agenda/:itemId/remove', 'page', (actor, meetingId, f) =>
    removeAgendaItem(ctx, { actor, meetingId, agendaItemId: f.itemId ?? '' }),
  );
  on('/meetings/:id/sign-in', 'page', (actor, meetingId) =>
    signInToMeeting(ctx, { actor, meetingId }),
  );
  on('/meetings/:id/sign-out', 'page', (actor, meetingId) =>
    signOutOfMeeting(ctx, { actor, meetingId }),
  );

  // ---- The chair's console ------------------------------------------------------------

  const consolePage = async (c: C, meetingId: string, error?: DomainError) => {
    const { actor } = requireSignedIn(c);
    const m = await viewMeeting(ctx, { actor, meetingId });
    // The console is the chair's and secretary's tool; members follow the meeting's own page.
    if (!m.canRun) throw forbidden("Only those who run this body's meetings use the console.");
    const cur = m.current;
    const inSession = m.status === 'open';
    const base = `/meetings/${m.id}/console`;
    const nextOnAgenda = m.motions.filter((x) => x.status === 'on-agenda');
    const compositable = m.motions.filter(
      (x) => x.status === 'on-agenda' || x.status === 'submitted',
    );
    const absent = (m.register ?? []).filter((p) => !p.present);
    const pending = cur?.amendments.filter((a) =>
      ['moved', 'seconded', 'in-debate', 'question-put'].includes(a.status),
    );
    return page(
      c,
      t('console.title', { title: m.title }),
      <>
        <p>
          <a href={`/meetings/${m.id}`}>{t('console.back')}</a>
          {m.status === 'open' ? <RoomLinks meetingId={m.id} /> : null}
        </p>
        <h1>{t('console.title', { title: m.title })}</h1>
        <p class="kind">
          {m.body.name} · {t(`meeting.status.${m.status}`)}
        </p>
        <ErrorSummary message={error?.message} problems={error?.problems} />
        <Quorum m={m} />
        <Live />
        {m.status === 'scheduled' ? (
          <>
            <p>{m.opening.allowed ? t('meeting.mayOpen') : m.opening.reason}</p>
            <Button action={`${base}/open`} label={t('console.open')} />
            <Button action={`${base}/cancel`} label={t('console.cancel')} />
          </>
        ) : null}

        {inSession && m.questionPut?.ballot ? (
          <section aria-labelledby="vote-heading">
            <h2 id="vote-heading">{t('console.vote', { wording: m.questionPut.wording })}</h2>
            <p>
              {m.questionPut.ballot.weighted
                ? t('console.ballotCard')
                : t('console.ballot', { electorate: m.questionPut.ballot.electorate })}{' '}
              (<a href={`/ballots/${m.questionPut.ballot.id}`}>{t('console.ballotPage')}</a>)
            </p>
            <p
              id="turnout"
              class="notice"
              data-live-ballot={m.questionPut.ballot.id}
              data-state={m.questionPut.ballot.state}
              data-electorate={String(m.questionPut.ballot.electorate)}
              data-template={t('ballot.turnout', { voted: '{voted}', electorate: '{electorate}' })}
              aria-live="polite"
              role="status"
            >
              {t('ballot.turnout', {
                voted: m.questionPut.ballot.voted,
                electorate: m.questionPut.ballot.electorate,
              })}
            </p>
            <script src="/assets/live.js" defer></script>
            {m.questionPut.ballot.state === 'open' ? (
              <Button
                action={`${base}/close-ballot`}
                label={t('console.closeBallot')}
                fields={{ ballotId: m.questionPut.ballot.id }}
              />
            ) : m.questionPut.ballot.counts ? (
              <>
                <p>{t('console.ballotEqual', { ...m.questionPut.ballot.counts })}</p>
                {(
                  [
                    ['for', 'console.castFor'],
                    ['against', 'console.castAgainst'],
                    ['', 'console.castNone'],
                  ] as const
                ).map(([castingVote, label]) => (
                  <Button
                    action={`${base}/vote`}
                    label={t(label)}
                    fields={{ questionId: m.questionPut!.id, mode: 'secret-ballot', castingVote }}
                  />
                ))}
              </>
            ) : null}
          </section>
        ) : inSession && m.questionPut ? (
          <section aria-labelledby="vote-heading">
            <h2 id="vote-heading">{t('console.vote', { wording: m.questionPut.wording })}</h2>
            <form method="post" action={`${base}/vote`}>
              <input type="hidden" name="questionId" value={m.questionPut.id} />
              <input type="hidden" name="mode" value={m.questionPut.mode} />
              {m.questionPut.mode === 'show-of-hands' ? (
                <>
                  <Field name="for" type="number" label={t('console.for')} required />
                  <Field name="against" type="number" label={t('console.against')} required />
                  <Field
                    name="abstain"
                    type="number"
                    label={t('console.abstain')}
                    value="0"
                    required
                  />
                </>
              ) : (
                // Roll call and card vote: each member present answers by name.
                m.present.map((p) => (
                  <fieldset class="field">
                    <legend>{p.name}</legend>
                    {(
                      [
                        ['for', 'console.for'],
                        ['against', 'console.against'],
                        ['abstain', 'console.abstainOne'],
                        ['', 'console.noVote'],
                      ] as const
                    ).map(([value, label]) => (
                      <span class="choice">
                        <input
                          type="radio"
                          id={`choice-${p.personId}-${value || 'none'}`}
                          name={`choice.${p.personId}`}
                          value={value}
                          checked={value === ''}
                        />{' '}
                        <label for={`choice-${p.personId}-${value || 'none'}`} class="inline">
                          {t(label)}
                        </label>{' '}
                      </span>
                    ))}
                  </fieldset>
                ))
              )}
              {m.rules.tieRule === 'casting-vote' ? (
                <div class="field">
                  <label for="castingVote">{t('console.casting')}</label>
                  <select id="castingVote" name="castingVote">
                    <option value="">{t('console.castingNone')}</option>
                    <option value="for">{t('console.for')}</option>
                    <option value="against">{t('console.against')}</option>
                  </select>
                </div>
              ) : null}
              <button type="submit">{t('console.declare')}</button>
            </form>
          </section>
        ) : null}

        <section aria-labelledby="before-heading">
          <h2 id="before-heading">{t('console.before')}</h2>
          {cur ? (
            <>
              <p>
                <a href={`/motions/${cur.id}`}>{cur.title}</a>:{' '}
                {t('console.motionStatus', { status: t(`state.motion.${cur.status}`) })}{' '}
                {t('console.proposedBy', { proposer: cur.proposer.name })}
                {cur.seconder
                  ? `, ${t('console.secondedBy', { seconder: cur.seconder.name })}`
                  : ''}
                .
              </p>
              <p id="question" class="notice">
                <strong>
                  {cur.question.kind === 'amendment'
                    ? t('console.questionAmendment', { wording: cur.question.wording })
                    : cur.question.substantive
                      ? t('console.questionSubstantive')
                      : t('console.questionMotion')}
                </strong>
              </p>
              <h3>{cur.amended ? t('console.substantive') : t('console.text')}</h3>
              <MotionText text={cur.substantive} />
              {cur.question.kind === 'amendment' ? (
                <>
                  <p>{t('console.ifCarried')}</p>
                  <MotionText text={cur.question.motionIfCarried} />
                </>
              ) : null}
              {inSession && !m.questionPut ? (
                <>
                  <h3>{t('console.steps')}</h3>
                  <div class="steps">
                    {cur.legalEvents.includes('second') ? (
                      <form method="post" action={`${base}/motion-step`}>
                        <input type="hidden" name="motionId" value={cur.id} />
                        <input type="hidden" name="type" value="second" />
                        <PersonSelect
                          name="by"
                          id="motion-seconder"
                          label={t('console.seconder')}
                          people={m.present}
                          selected={cur.seconder?.id}
                        />
                        <button type="submit">{t('console.second')}</button>
                      </form>
                    ) : null}
                    {cur.legalEvents.includes('open-debate') ? (
                      <Button
                        action={`${base}/motion-step`}
                        label={t('console.openDebate')}
                        fields={{ motionId: cur.id, type: 'open-debate' }}
                      />
                    ) : null}
                    {cur.legalEvents.includes('put-question') && cur.secretBallot ? (
                      <p class="notice" id="secret-ballot">
                        {t('console.secretBallot', {
                          kind: t(`motion.secretKind.${cur.secretKind ?? 'no-confidence'}`),
                        })}
                      </p>
                    ) : null}
                    {cur.legalEvents.includes('put-question') && !cur.secretBallot
                      ? VOTE_MODES.map(([mode, label]) => (
                          <Button
                            action={`${base}/put`}
                            label={t(label)}
                            fields={{ motionId: cur.id, mode }}
                          />
                        ))
                      : null}
                    {cur.legalEvents.includes('put-question') && cur.question.kind === 'motion' ? (
                      <>
                        <Button
                          action={`${base}/put-ballot`}
                          label={t('console.putBallot')}
                          fields={{ motionId: cur.id }}
                        />
                        <Button
                          action={`${base}/put-ballot`}
                          label={t('console.putBallotCard')}
                          fields={{ motionId: cur.id, weighted: '1' }}
                        />
                      </>
                    ) : null}
                    {cur.legalEvents.includes('remit') ? (
                      <form method="post" action={`${base}/motion-step`} id="remit">
                        <input type="hidden" name="motionId" value={cur.id} />
                        <input type="hidden" name="type" value="remit" />
                        <Field name="to" label={t('console.remitTo')} required />
                        <div class="field">
                          <input
                            type="checkbox"
                            id="moverConsents"
                            name="moverConsents"
                            value="1"
                          />{' '}
                          <label for="moverConsents" class="inline">
                            {t('console.remitConsent')}
                          </label>
                        </div>
                        <button type="submit">{t('console.remit')}</button>
                      </form>
                    ) : null}
                    {cur.legalEvents.includes('fall') ? (
                      <Button
                        action={`${base}/motion-step`}
                        label={t('console.letFall')}
                        fields={{ motionId: cur.id, type: 'fall' }}
                      />
                    ) : null}
                    {cur.legalEvents.includes('withdraw') ? (
                      <Button
                        action={`${base}/motion-step`}
                        label={t('console.withdraw')}
                        fields={{ motionId: cur.id, type: 'withdraw', consent: '1' }}
                      />
                    ) : null}
                  </div>
                </>
              ) : null}
              <h3>{t('console.amendments')}</h3>
              {cur.amendments.length ? (
                <ul>
                  {cur.amendments.map((a) => (
                    <li>
                      {a.description} ({t('console.amendmentBy', { mover: a.mover })}
                      {a.seconder ? `, ${t('console.secondedBy', { seconder: a.seconder })}` : ''}
                      ): <strong>{t(`state.amendment.${a.status}`)}</strong>
                      {inSession && !m.questionPut && a.legalEvents.includes('second') ? (
                        <form method="post" action={`${base}/amendment-step`}>
                          <input type="hidden" name="amendmentId" value={a.id} />
                          <input type="hidden" name="type" value="second" />
                          <PersonSelect
                            name="by"
                            id={`seconder-${a.id}`}
                            label={t('console.seconder')}
                            people={m.present}
                          />
                          <button type="submit">{t('console.second')}</button>
                        </form>
                      ) : null}
                      {inSession && !m.questionPut && a.legalEvents.includes('withdraw') ? (
                        <Button
                          action={`${base}/amendment-step`}
                          label={t('console.withdraw')}
                          fields={{ amendmentId: a.id, type: 'withdraw', consent: '1' }}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t('console.noAmendments')}</p>
              )}
              {inSession &&
              !m.questionPut &&
              (cur.status === 'seconded' || cur.status === 'in-debate') &&
              (m.rules.amendmentOrder !== 'ronr' || !pending?.length) ? (
                <form method="post" action={`${base}/amend`}>
                  <h3>{t('console.amend')}</h3>
                  <input type="hidden" name="motionId" value={cur.id} />
                  <PersonSelect
                    name="by"
                    id="amendment-mover"
                    label={t('console.mover')}
                    people={m.present}
                  />
                  <div class="field">
                    <label for="clauseId">{t('console.clause')}</label>
                    <select id="clauseId" name="clauseId">
                      {cur.substantive.clauses.map((cl) => (
                        <option value={cl.id}>
                          {cl.number}. {cl.sentence.slice(0, 80)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for="amendKind">{t('console.amendKind')}</label>
                    <select id="amendKind" name="kind">
                      {(
                        [
                          'delete-and-insert',
                          'delete-words',
                          'insert-words',
                          'delete-clause',
                        ] as const
                      ).map((k) => (
                        <option value={k}>{t(`console.kind.${k}`)}</option>
                      ))}
                    </select>
                  </div>
                  <Field name="delete" label={t('console.deleteWords')} />
                  <Field name="insert" label={t('console.insertWords')} />
                  <button type="submit">{t('console.amendSubmit')}</button>
                </form>
              ) : null}
            </>
          ) : (
            <>
              <p>{t('console.nothingBefore')}</p>
              {inSession && nextOnAgenda.length ? (
                <>
                  <h3>{t('console.next')}</h3>
                  <ul>
                    {nextOnAgenda.map((x) => (
                      <li>
                        <a href={`/motions/${x.id}`}>{x.title}</a> (
                        {t('console.proposedBy', { proposer: x.proposer.name })}){' '}
                        <Button
                          action={`${base}/motion-step`}
                          label={t('console.moveMotion')}
                          fields={{ motionId: x.id, type: 'move' }}
                        />
                        <Button
                          action={`${base}/motion-step`}
                          label={t('console.letFall')}
                          fields={{ motionId: x.id, type: 'fall' }}
                        />
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          )}
        </section>

        {m.canRun &&
        m.status !== 'closed' &&
        m.status !== 'cancelled' &&
        compositable.length > 1 ? (
          <form method="post" action={`${base}/composite`} id="composite">
            <h2>{t('console.composite')}</h2>
            <p class="hint">{t('console.compositeHint')}</p>
            <fieldset>
              <legend>{t('console.compositeWhich')}</legend>
              {compositable.map((x) => (
                <div class="field">
                  <input
                    type="checkbox"
                    id={`composite-${x.id}`}
                    name={`composite.${x.id}`}
                    value="1"
                  />{' '}
                  <label for={`composite-${x.id}`} class="inline">
                    {x.title}
                  </label>
                </div>
              ))}
            </fieldset>
            <Field name="title" label={t('console.compositeTitle')} />
            <button type="submit">{t('console.compositeSubmit')}</button>
          </form>
        ) : null}

        {inSession && !m.questionPut && m.present.length ? (
          <form method="post" action={`${base}/procedural`}>
            <h2>{t('console.procedural')}</h2>
            <div class="field">
              <label for="proceduralKind">{t('console.proceduralKind')}</label>
              <select id="proceduralKind" name="kind">
                {PROCEDURAL_KINDS.map((k) => (
                  <option value={k}>{t(`procedural.${k}` as MessageKey)}</option>
                ))}
              </select>
            </div>
            <PersonSelect
              name="moverId"
              id="procedural-mover"
              label={t('console.mover')}
              people={m.present}
            />
            <PersonSelect
              name="seconderId"
              id="procedural-seconder"
              label={t('console.seconder')}
              people={m.present}
              selected={m.present[1]?.personId}
            />
            <Field name="referTo" label={t('console.referTo')} />
            <Field name="for" type="number" label={t('console.for')} />
            <Field name="against" type="number" label={t('console.against')} />
            <Field name="abstain" type="number" label={t('console.abstain')} value="0" />
            <button type="submit">{t('console.proceduralSubmit')}</button>
          </form>
        ) : null}

        {m.questions.length ? (
          <section aria-labelledby="results-heading">
            <h2 id="results-heading">{t('console.results')}</h2>
            <ul id="results">
              {m.questions.map((q) => (
                <li>
                  {q.wording}: <strong>{q.declared}</strong> <SealedBy hash={q.resultHash} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="present-heading">
          <h2 id="present-heading">{t('console.present', { count: m.present.length })}</h2>
          {m.status !== 'closed' && m.status !== 'cancelled' && absent.length ? (
            <form method="post" action={`${base}/sign-in`}>
              <PersonSelect
                name="personId"
                id="sign-in-person"
                label={t('console.signIn')}
                people={absent}
              />
              <button type="submit">{t('console.signInSubmit')}</button>
            </form>
          ) : null}
          <ul>
            {m.present.map((p) => (
              <li>
                {p.name}{' '}
                {m.status !== 'closed' ? (
                  <form method="post" action={`${base}/sign-out`} class="inline">
                    <input type="hidden" name="personId" value={p.personId} />
                    <button type="submit" class="link">
                      {t('console.signOut', { name: p.name })}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        {inSession ? <Button action={`${base}/close`} label={t('console.close')} /> : null}
      </>,
      error ? statusOf(error) : 200,
    );
  };
  web.get('/meetings/:id/console', (c) => consolePage(c, c.req.param('id')));
  on('/meetings/:id/console/open', 'console', (actor, meetingId) =>
    openMeeting(ctx, { actor, meetingId }),
  );
  on('/meetings/:id/console/cancel', 'console', (actor, meetingId) =>
    cancelMeeting(ctx, { actor, meetingId }),
  );
  on('/meetings/:id/console/close', 'console', (actor, meetingId) =>
    closeMeeting(ctx, { actor, meetingId }),
  );
  on('/meetings/:id/console/sign-in', 'console', (actor, meetingId, f) =>
    signInToMeeting(ctx, { actor, meetingId, personId: f.personId }),
  );
  on('/meetings/:id/console/sign-out', 'console', (actor, meetingId, f) =>
    signOutOfMeeting(ctx, { actor, meetingId, personId: f.personId }),
  );
  on('/meetings/:id/console/motion-step', 'console', (actor, _meetingId, f) => {
    const type = f.type ?? '';
    const step: MotionStep | null =
      type === 'move' || type === 'second'
        ? { type, by: f.by || undefined }
        : type === 'withdraw'
          ? { type, consent: f.consent === '1' }
          : type === 'remit'
            ? { type, to: (f.to ?? '').trim(), moverConsents: f.moverConsents === '1' }
            : type === 'fall' || type === 'open-debate'
              ? { type }
              : null;
    if (!step) throw invalid('Unknown step.', [{ path: 'type', message: 'Unknown step.' }]);
    if (step.type === 'remit' && !step.to)
      throw invalid('Say to whom the motion is remitted.', [
        { path: 'to', message: 'Name a body or officer.' },
      ]);
    return takeMotionStep(ctx, { actor, motionId: f.motionId ?? '', step });
  });
  on('/meetings/:id/console/amendment-step', 'console', (actor, _meetingId, f) =>
    takeAmendmentStep(ctx, {
      actor,
      amendmentId: f.amendmentId ?? '',
      step:
        f.type === 'second'
          ? { type: 'second', by: f.by || undefined }
          : f.type === 'withdraw'
            ? { type: 'withdraw', consent: f.consent === '1' }
            : { type: 'fall' },
    }),
  );
  on('/meetings/:id/console/amend', 'console', (actor, _meetingId, f) => {
    const clauseId = f.clauseId ?? '';
    const change: AmendmentChange =
      f.kind === 'delete-words'
        ? { kind: 'delete-words', clauseId, words: f.delete ?? '' }
        : f.kind === 'insert-words'
          ? { kind: 'insert-words', clauseId, words: f.insert ?? '', position: 'end' }
          : f.kind === 'delete-clause'
            ? { kind: 'delete-clause', clauseId }
            : {
                kind: 'delete-and-insert',
                clauseId,
                delete: f.delete ?? '',
                insert: f.insert ?? '',
              };
    return moveAmendment(ctx, { actor, motionId: f.motionId ?? '', change, by: f.by || undefined });
  });
  on('/meetings/:id/console/put', 'console', (actor, _meetingId, f) =>
    putQuestion(ctx, {
      actor,
      motionId: f.motionId ?? '',
      mode: VOTE_MODES.some(([mode]) => mode === f.mode) ? (f.mode as VoteMode) : 'show-of-hands',
    }),
  );
  on('/meetings/:id/console/composite', 'console', (actor, meetingId, f) =>
    compositeMotions(ctx, {
      actor,
      meetingId,
      motionIds: Object.keys(f)
        .filter((k) => k.startsWith('composite.') && f[k] === '1')
        .map((k) => k.slice('composite.'.length)),
      title: f.title,
    }),
  );
  on('/meetings/:id/console/put-ballot', 'console', (actor, _meetingId, f) =>
    putToSecretBallot(ctx, { actor, motionId: f.motionId ?? '', weighted: f.weighted === '1' }),
  );
  on('/meetings/:id/console/close-ballot', 'console', (actor, _meetingId, f) =>
    closeBallot(ctx, { actor, ballotId: f.ballotId ?? '' }),
  );
  on('/meetings/:id/console/vote', 'console', (actor, _meetingId, f) =>
    recordVote(ctx, {
      actor,
      questionId: f.questionId ?? '',
      vote: f.mode === 'secret-ballot' ? { mode: 'secret-ballot' } : voteFromForm(f),
      castingVote: f.castingVote === 'for' || f.castingVote === 'against' ? f.castingVote : null,
    }),
  );
  on('/meetings/:id/console/procedural', 'console', (actor, meetingId, f) =>
    decideProceduralMotion(ctx, {
      actor,
      meetingId,
      kind: ((PROCEDURAL_KINDS as readonly string[]).includes(f.kind ?? '')
        ? f.kind
        : 'next-business') as ProceduralKind,
      moverId: f.moverId ?? '',
      seconderId: f.seconderId || undefined,
      counts: { for: count(f.for), against: count(f.against), abstain: count(f.abstain) },
      referTo: f.referTo || undefined,
    }),
  );

  return web;
}
