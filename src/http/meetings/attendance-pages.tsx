import { Hono } from 'hono';
import { signInByCode } from '../../app/meetings/sign-in-by-code.ts';
import { signInMembers } from '../../app/meetings/sign-in-members.ts';
import { viewAttendance, type AttendanceView } from '../../app/meetings/view-attendance.ts';
import { t } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { ErrorSummary, Field, PostForm } from '../pages/forms.tsx';
import { page, requireSignedIn, type C } from '../pages/kit.tsx';
import { clientAddress } from '../security.ts';
import { meetingForms } from './meeting-forms.ts';
import { SignInByCode, SignInMembers } from './schema.ts';

/**
 * Attendance at the door, working without JavaScript: the secretary's list of the body's
 * members, found by a GET search and signed in many at once by ticking them (filtered as one
 * types when scripts run, ATTENDANCE_JS); and the page where a member signs themself in from
 * their phone with the meeting's code, typed or brought by a link that carries it (/join?code=CODE).
 */
export function attendanceRoutes({ ctx }: HttpOptions) {
  const web = new Hono<HttpEnv>();

  const listPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const a = await viewAttendance(ctx, {
      actor,
      meetingId: c.req.param('id')!,
      search: c.req.query('q'),
    });
    const title = t('attendance.title', { title: a.title });
    return page(c, title, <AttendanceList a={a} title={title} mistake={mistake} />, mistake);
  };
  web.get('/meetings/:id/console/attendance', (c) => listPage(c));
  const on = meetingForms(web, listPage, (id) => `/meetings/${id}/console/attendance`);
  on('/meetings/:id/console/attendance', SignInMembers, ({ actor, meetingId }, { personIds }) =>
    signInMembers(ctx, { actor, meetingId, personIds }),
  );

  const joinPage = (c: C, mistake?: Mistake) => {
    const code = (mistake?.value('code') ?? c.req.query('code') ?? '').slice(0, 40);
    // The projector's link carries the code: a member not yet signed in to their account signs
    // in and comes back here with it. The page asks before signing in (a GET changes nothing).
    if (!c.get('signedIn')) {
      const back = code ? `/join?code=${encodeURIComponent(code)}` : '/join';
      return c.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
    }
    return page(c, t('join.title'), <JoinForm code={code} mistake={mistake} />, mistake);
  };
  web.get('/join', (c) => joinPage(c));
  formRoute(web, '/join', SignInByCode, {
    run: ({ c, signedIn }, { code }) =>
      signInByCode(ctx, { actor: signedIn.actor, code, address: clientAddress(c) }),
    done: (_call, { meetingId }) => `/meetings/${meetingId}`,
    again: joinPage,
  });
  return web;
}

function JoinForm({ code, mistake }: { code: string; mistake?: Mistake | undefined }) {
  return (
    <>
      <h1>{t('join.title')}</h1>
      <PostForm action="/join" submit={t('join.submit')} mistake={mistake} class="join">
        <Field
          name="code"
          label={t('join.code')}
          hint={t('join.codeHint')}
          value={code}
          autocomplete="off"
          required
        />
      </PostForm>
    </>
  );
}

/** The sign-in code in large type, with where to type it, for the door and the console. */
export function SignInCodeBox({ code, shown }: { code: string; shown: string }) {
  return (
    <div class="sign-in-code" id="sign-in-code">
      <p>{t('attendance.codeHow')}</p>
      <p class="code" aria-label={t('attendance.codeSpelled', { code: code.split('').join(' ') })}>
        {shown}
      </p>
      <p>
        <a href={`/join?code=${code}`}>{t('attendance.codeLink')}</a>
      </p>
    </div>
  );
}

function AttendanceList(props: { a: AttendanceView; title: string; mistake?: Mistake }) {
  const { a } = props;
  const base = `/meetings/${a.id}/console/attendance`;
  const absent = a.entries.filter((e) => !e.present);
  return (
    <>
      <p>
        <a href={`/meetings/${a.id}/console`}>{t('attendance.back')}</a>
      </p>
      <h1>{props.title}</h1>
      <p class="kind">
        {a.body.name} · {t(`meeting.status.${a.status}`)}
      </p>
      <ErrorSummary mistake={props.mistake} />
      <p class="notice" role="status" id="quorum">
        <strong>{a.quorum.met ? t('quorum.met') : t('quorum.notMet')}</strong>:{' '}
        {t('quorum.line', {
          present: a.quorum.present,
          members: a.quorum.members,
          required: a.quorum.required,
        })}
      </p>
      {a.signInCode ? <SignInCodeBox {...a.signInCode} /> : <p>{t('attendance.codeWhen')}</p>}
      <form method="get" action={base} role="search" class="attendance-search">
        <Field
          name="q"
          type="search"
          label={t('attendance.search')}
          hint={t('attendance.searchHint')}
          value={a.search}
          autocomplete="off"
        />
        <button type="submit">{t('attendance.filter')}</button>
      </form>
      {a.more ? <p>{t('attendance.more', { n: a.entries.length })}</p> : null}
      {a.takesSignIns && absent.length ? (
        <form method="post" action={base} class="attendance-list">
          <fieldset>
            <legend>{t('attendance.tick')}</legend>
            <ul class="plain" id="attendance-members">
              {a.entries.map((e) => (
                <li data-find={[e.name, e.memberNumber ?? ''].join(' ').toLowerCase()}>
                  {e.present ? (
                    <>
                      {e.name} <Detail e={e} /> <span class="kind">{t('attendance.present')}</span>
                    </>
                  ) : (
                    <>
                      <input
                        type="checkbox"
                        id={`p-${e.personId}`}
                        name="personId"
                        value={e.personId}
                      />{' '}
                      <label for={`p-${e.personId}`} class="inline">
                        {e.name} <Detail e={e} />
                      </label>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit">{t('attendance.submit')}</button>
        </form>
      ) : (
        <p>{a.entries.length ? t('attendance.allPresent') : t('attendance.none')}</p>
      )}
      <script src="/assets/attendance.js" defer></script>
    </>
  );
}

/** What tells a member from another of the same name: their number, or their email masked. */
function Detail({ e }: { e: AttendanceView['entries'][number] }) {
  if (e.memberNumber)
    return <span class="kind">{t('attendance.memberNumber', { number: e.memberNumber })}</span>;
  if (e.maskedEmail) return <span class="kind">{e.maskedEmail}</span>;
  return null;
}

/**
 * Filters the attendance list as the secretary types in the search box, without a round trip;
 * the GET search does the same without scripts (and reaches members past the list's limit).
 */
export const ATTENDANCE_JS = `(function () {
  var box = document.getElementById('q');
  var list = document.getElementById('attendance-members');
  if (!box || !list) return;
  var items = list.querySelectorAll('li[data-find]');
  box.addEventListener('input', function () {
    var words = box.value.toLowerCase().trim();
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      li.hidden = words !== '' && li.getAttribute('data-find').indexOf(words) < 0;
    }
  });
})();
`;
