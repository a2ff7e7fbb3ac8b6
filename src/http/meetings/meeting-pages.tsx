import { declaredWords, questionWording } from '../../messages/results.ts';
import { Hono } from 'hono';
import { addAgendaItem } from '../../app/meetings/add-agenda-item.ts';
import { makeCalendarFeedToken } from '../../app/meetings/calendar-feed-token.ts';
import { giveMeetingNotice } from '../../app/meetings/give-notice.ts';
import { moveAgendaItem } from '../../app/meetings/move-agenda-item.ts';
import { removeAgendaItem } from '../../app/meetings/remove-agenda-item.ts';
import { scheduleMeeting } from '../../app/meetings/schedule-meeting.ts';
import { signInToMeeting } from '../../app/meetings/sign-in-to-meeting.ts';
import { signOutOfMeeting } from '../../app/meetings/sign-out-of-meeting.ts';
import {
  listMeetings,
  viewMeeting,
  viewMeetingPage,
  type MeetingView,
} from '../../app/meetings/view-meeting.ts';
import {
  bodyCalendar,
  bodyCalendarByToken,
  meetingCalendar,
} from '../../app/meetings/meeting-calendar.ts';
import { forbidden } from '../../domain/errors.ts';
import { t } from '../../messages/messages.ts';
import { formPageRoute, formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { formatInstant } from '../pages/dates.ts';
import { asking, DangerButton } from '../pages/confirm.tsx';
import { ErrorSummary, Field, PostForm, Tick } from '../pages/forms.tsx';
import {
  actorOn,
  keptPage,
  ListOrNone,
  page,
  requireSignedIn,
  SealedBy,
  type C,
} from '../pages/kit.tsx';
import { BodyPageHeading } from '../pages/layout.tsx';
import { MotionText } from '../pages/motion-text.tsx';
import { attendanceRoutes } from './attendance-pages.tsx';
import { consoleRoutes } from './console-pages.tsx';
import { meetingForms } from './meeting-forms.ts';
import { Button, when } from './meeting-parts.tsx';
import {
  AddAgendaItem,
  Attendance,
  GiveNotice,
  MakeCalendarFeed,
  MoveAgendaItem,
  RemoveAgendaItem,
  ScheduleMeeting,
} from './schema.ts';
import { Live, Quorum, questionWords, RoomLinks, stillToRun } from './session-parts.tsx';

/**
 * Meeting pages, all working without JavaScript: a body's meetings and the form to call one;
 * the meeting (agenda, attendance with a sign-in button, calendar downloads). The chair's console
 * is in console-pages.tsx, motions in motion-pages.tsx, minutes in minutes-pages.tsx.
 */
export function meetingRoutes(opts: HttpOptions) {
  const web = new Hono<HttpEnv>();
  bodyMeetingsRoutes(web, opts);
  meetingPageRoutes(web, opts);
  web.route('/', consoleRoutes(opts));
  web.route('/', attendanceRoutes(opts));
  return web;
}

// ---- A body's meetings ----------------------------------------------------------------------

function bodyMeetingsRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  /** The list; after a calendar feed token is made, its address, shown only this once. */
  const listPage = async (c: C, mistake?: Mistake, feedPath?: string) => {
    const list = await listMeetings(ctx, actorOn(c, 'bodyId'));
    const title = t('meetings.title', { body: list.body.name });
    return page(
      c,
      title,
      <MeetingsList
        {...list}
        title={title}
        feedAddress={feedPath && new URL(feedPath, c.req.url).toString()}
        mistake={mistake?.from(ScheduleMeeting)}
      />,
      mistake,
    );
  };
  web.get('/bodies/:id/meetings', (c) => listPage(c));
  formRoute(web, '/bodies/:id/meetings', ScheduleMeeting, {
    run: ({ c }, input) => scheduleMeeting(ctx, { ...actorOn(c, 'bodyId'), ...input }),
    done: (_call, called) => `/meetings/${called.meetingId}`,
    again: listPage,
  });
  formPageRoute(web, '/bodies/:id/calendar-feed', MakeCalendarFeed, {
    run: ({ c }) => makeCalendarFeedToken(ctx, actorOn(c, 'bodyId')),
    // The token is in the address, which is shown once and never again.
    present: ({ c }, { path }) => listPage(c, undefined, path),
    again: listPage,
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
}

type MeetingsListView = Awaited<ReturnType<typeof listMeetings>>;

function MeetingsList(
  props: MeetingsListView & { title: string; feedAddress?: string; mistake?: Mistake },
) {
  const { body, meetings } = props;
  return (
    <>
      <BodyPageHeading body={body} title={props.title} />
      <ListOrNone
        items={meetings}
        none={t('meetings.none')}
        item={(m) => (
          <>
            <a href={`/meetings/${m.id}`}>{m.title}</a>, {when(m.startsAt, m.timeZone)}{' '}
            <span class="kind">{t(`meeting.status.${m.status}`)}</span>
          </>
        )}
      />
      <p>
        <a href={`/bodies/${body.id}/meetings.ics`}>{t('meetings.feed')}</a>
      </p>
      {props.feedAddress ? (
        <div class="notice" role="status" id="calendar-feed">
          <p>{t('meetings.subscribeAddress')}</p>
          <p>
            <code>{props.feedAddress}</code>
          </p>
          <p>{t('meetings.subscribeOnce')}</p>
        </div>
      ) : (
        <PostForm
          action={`/bodies/${body.id}/calendar-feed`}
          hint={t('meetings.subscribeHint')}
          submit={t('meetings.subscribe')}
        />
      )}
      <p>
        <a href={`/bodies/${body.id}/standing-orders`}>{t('body.standingOrders')}</a>
      </p>
      {props.canRun ? <ScheduleForm bodyId={body.id} mistake={props.mistake} /> : null}
    </>
  );
}

/** Calling a meeting: its start in local time, in the meeting's time zone. */
const ScheduleForm = ({ bodyId, mistake }: { bodyId: string; mistake?: Mistake | undefined }) => (
  <PostForm
    action={`/bodies/${bodyId}/meetings`}
    heading={t('meetings.new')}
    mistake={mistake}
    submit={t('meetings.create')}
  >
    <Field name="title" label={t('meetings.name')} hint={t('meetings.nameHint')} required />
    <Field
      name="startsAt"
      type="datetime-local"
      label={t('meetings.startsAt')}
      hint={t('meetings.startsAtHint')}
      required
    />
    <Field name="location" label={t('meetings.location')} />
    <Field name="timeZone" label={t('meetings.timeZone')} value="Europe/London" />
    <Tick name="giveNotice" label={t('meetings.giveNotice')} checked />
    <Tick name="emergency" label={t('meetings.emergency')} />
    <Field
      name="emergencyReason"
      label={t('meetings.emergencyReason')}
      hint={t('meetings.emergencyReasonHint')}
      rows={2}
    />
  </PostForm>
);

// ---- A meeting ------------------------------------------------------------------------------

function meetingPageRoutes(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const meetingPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const { m, submitted } = await viewMeetingPage(ctx, { actor, meetingId: c.req.param('id')! });
    const body = () => (
      <>
        <MeetingHeading m={m} />
        <ErrorSummary mistake={mistake} />
        {m.canRun && m.status === 'scheduled' && !m.noticeGivenAt ? (
          <Button action={`/meetings/${m.id}/notice`} label={t('meeting.giveNotice')} />
        ) : null}
        <h2>{t('meeting.attendance')}</h2>
        <Quorum m={m} />
        <Live />
        <SignMeIn m={m} />
        <NowBefore m={m} />
        <Agenda m={m} submitted={submitted} />
        {m.questions.length ? (
          <>
            <h2>{t('meeting.decided')}</h2>
            <ul>
              {m.questions.map((q) => (
                <li>
                  {questionWording(q)}: {declaredWords(q.declared, q.result)}{' '}
                  <SealedBy hash={q.resultHash} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>
    );
    // The page is rendered from the view and the drafts alone: kept rendered while they hold.
    return mistake
      ? page(c, m.title, body(), mistake)
      : keptPage(c, { m, submitted }, m.title, body);
  };
  web.get('/meetings/:id', (c) => meetingPage(c));
  web.get('/meetings/:id/meeting.ics', async (c) => {
    const { actor } = requireSignedIn(c);
    const meetingId = c.req.param('id');
    const ics = await meetingCalendar(ctx, { actor, meetingId });
    c.header('Content-Disposition', `attachment; filename="meeting-${meetingId}.ics"`);
    return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });

  const on = meetingForms(web, meetingPage, (meetingId) => `/meetings/${meetingId}`);
  on('/meetings/:id/notice', GiveNotice, ({ actor, meetingId }) =>
    giveMeetingNotice(ctx, { actor, meetingId }),
  );
  on('/meetings/:id/agenda', AddAgendaItem, ({ actor, meetingId }, input) =>
    addAgendaItem(ctx, { actor, meetingId, ...input }),
  );
  on('/meetings/:id/agenda/:itemId/move', MoveAgendaItem, ({ actor, meetingId, params }, input) =>
    moveAgendaItem(ctx, {
      actor,
      meetingId,
      agendaItemId: params.itemId!,
      direction: input.direction,
    }),
  );
  on(
    '/meetings/:id/agenda/:itemId/remove',
    RemoveAgendaItem,
    ({ actor, meetingId, params }) =>
      removeAgendaItem(ctx, { actor, meetingId, agendaItemId: params.itemId! }),
    async ({ c, params }) => {
      const m = await viewMeeting(ctx, actorOn(c, 'meetingId'));
      // Only those who may take it off are asked; anyone else is refused as before.
      if (!m.canRun) throw forbidden("Only those who run this body's meetings change its agenda.");
      const title = m.agenda.find((a) => a.id === params.itemId)?.title ?? '';
      return asking('removeItem', { title });
    },
  );
  // On the meeting's page a member signs only themselves in or out (the console names others).
  on('/meetings/:id/sign-in', Attendance, ({ actor, meetingId }) =>
    signInToMeeting(ctx, { actor, meetingId }),
  );
  on('/meetings/:id/sign-out', Attendance, ({ actor, meetingId }) =>
    signOutOfMeeting(ctx, { actor, meetingId }),
  );
}

function MeetingHeading({ m }: { m: MeetingView }) {
  return (
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
          ? t('meeting.deadline', {
              when: formatInstant(m.motionDeadline, 'dateTime', m.timeZone),
              zone: m.timeZone,
            })
          : null}
      </p>
      {m.chair ? <p>{t('meeting.chair', { name: m.chair })}</p> : null}
      <p>
        <a href={`/meetings/${m.id}/meeting.ics`}>{t('meeting.calendar')}</a>
        {m.status === 'open' ? <RoomLinks meetingId={m.id} /> : null}
        {m.status !== 'cancelled' ? (
          <>
            {' · '}
            <a href={`/meetings/${m.id}/proxies`}>{t('proxy.title')}</a>
          </>
        ) : null}
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
    </>
  );
}

/** A member signs themselves in to the meeting, or out of it. */
function SignMeIn({ m }: { m: MeetingView }) {
  if (!m.me.member || !stillToRun(m)) return null;
  return m.me.present ? (
    <p>
      {t('meeting.youArePresent')}{' '}
      <Button action={`/meetings/${m.id}/sign-out`} label={t('meeting.signMeOut')} />
    </p>
  ) : (
    <Button action={`/meetings/${m.id}/sign-in`} label={t('meeting.signMeIn')} />
  );
}

/** The question before the meeting and the text, with the member's way to a secret ballot. */
function NowBefore({ m }: { m: MeetingView }) {
  if (!m.current) return null;
  const ballot = m.questionPut?.ballot;
  return (
    <section aria-labelledby="now-heading">
      <h2 id="now-heading">{t('console.before')}</h2>
      <p class="notice">
        <strong>{questionWords(m.current.question)}</strong>
        {m.questionPut ? ` ${t('meeting.voting')}` : ''}
      </p>
      {ballot?.state === 'open' ? (
        ballot.mine?.voted ? (
          <p class="notice">{t('meeting.ballotVoted')}</p>
        ) : ballot.mine ? (
          <p>
            <a href={`/ballots/${ballot.id}`}>{t('meeting.ballotVote')}</a>
          </p>
        ) : (
          <p>{t('meeting.ballotNotElector')}</p>
        )
      ) : null}
      <MotionText text={m.current.substantive} />
    </section>
  );
}

/** The agenda, with buttons to reorder it and add to it for those who run the meeting. */
function Agenda(props: { m: MeetingView; submitted: readonly { id: string; title: string }[] }) {
  const { m } = props;
  const editable = m.canRun && stillToRun(m);
  const item = `/meetings/${m.id}/agenda`;
  return (
    <>
      <h2>{t('meeting.agenda')}</h2>
      <ListOrNone
        items={m.agenda}
        none={t('meeting.noAgenda')}
        numbered
        item={(a, i) => (
          <>
            {a.motionId ? <a href={`/motions/${a.motionId}`}>{a.title}</a> : a.title}
            {editable ? (
              <>
                {' '}
                {i > 0 ? (
                  <Button
                    action={`${item}/${a.id}/move`}
                    label={t('meeting.itemUp', { title: a.title })}
                    fields={{ direction: 'up' }}
                  />
                ) : null}
                {i < m.agenda.length - 1 ? (
                  <Button
                    action={`${item}/${a.id}/move`}
                    label={t('meeting.itemDown', { title: a.title })}
                    fields={{ direction: 'down' }}
                  />
                ) : null}
                <DangerButton
                  action={`${item}/${a.id}/remove`}
                  label={t('meeting.itemRemove', { title: a.title })}
                  confirm={asking('removeItem', { title: a.title })}
                />
              </>
            ) : null}
          </>
        )}
      />
      {editable ? (
        <>
          {props.submitted.map((x) => (
            <Button
              action={item}
              label={t('meeting.putOnAgenda', { title: x.title })}
              fields={{ motionId: x.id }}
            />
          ))}
          <PostForm action={item} submit={t('meeting.addItemSubmit')}>
            <h3>{t('meeting.addItem')}</h3>
            <Field name="title" label={t('meeting.itemTitle')} required />
          </PostForm>
        </>
      ) : null}
    </>
  );
}
