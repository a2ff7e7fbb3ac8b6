import type { Hono } from 'hono';
import { z } from 'zod';
import { MAIL_KINDS } from '../../domain/accounts/mail-kinds.ts';
import { myMailPreferencesToken } from '../../app/accounts/my-mail-preferences.ts';
import { setMailPreferences } from '../../app/accounts/set-mail-preferences.ts';
import {
  viewMailPreferences,
  type MailPreferencesView,
} from '../../app/accounts/view-mail-preferences.ts';
import { t } from '../../messages/messages.ts';
import { action, fieldValues, formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { ErrorSummary, PostForm } from '../pages/forms.tsx';
import { requireSignedIn, titledPage, type C } from '../pages/kit.tsx';

/** The kinds of email a member wants, from the settings form's ticked boxes. */
export const ChooseMail = action(
  'MailPreferences',
  z.object({ on: z.array(z.enum(MAIL_KINDS)).max(MAIL_KINDS.length) }),
  { fromForm: (f) => ({ on: fieldValues(f, 'on') }) },
);
/**
 * Stopping one kind of email. From a mail program's one click (RFC 8058 posts only
 * `List-Unsubscribe=One-Click`) the kind comes from the address; in the API, from the body.
 */
export const StopMail = action('MailStop', z.object({ kind: z.enum(MAIL_KINDS) }));

/**
 * Which emails a member gets: the settings page their emails' one-click address opens (the
 * token in the address is the only authority, so no sign-in is needed on a phone's mail app),
 * and the same page from their account. Notices and reminders can be turned off by kind;
 * invitations and password resets are always sent.
 */
export function mailPreferencesPages(web: Hono<HttpEnv>, { ctx }: HttpOptions) {
  const settingsPage = async (c: C, mistake?: Mistake, stopped?: string) => {
    const token = c.req.param('secret') ?? '';
    const v = await viewMailPreferences(ctx, { token });
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    return titledPage(
      c,
      t('mail.prefs.title'),
      <Settings v={v} token={token} stopped={stopped} mistake={mistake} />,
      mistake,
    );
  };
  web.get('/account/mail', async (c) => {
    const { actor } = requireSignedIn(c);
    return c.redirect(`/mail/${await myMailPreferencesToken(ctx, { actor })}`, 303);
  });
  web.get('/mail/:secret', (c) =>
    settingsPage(c, undefined, c.req.query('saved') ? 'saved' : undefined),
  );
  formRoute(web, '/mail/:secret', ChooseMail, {
    signedIn: false,
    pathWins: true,
    run: ({ c }, { on }) => setMailPreferences(ctx, { token: c.req.param('secret') ?? '', on }),
    done: ({ c }) => `/mail/${c.req.param('secret') ?? ''}?saved=1`,
    again: (c, mistake) => settingsPage(c, mistake),
  });
  // Opened in a browser, the one-click address shows the settings and changes nothing: a GET
  // may be made by a link checker or a mail scanner, never by the member's choice.
  web.get('/mail/:secret/unsubscribe/:kind', (c) => settingsPage(c));
  formRoute(web, '/mail/:secret/unsubscribe/:kind', StopMail, {
    signedIn: false,
    pathWins: true,
    run: ({ c }, { kind }) =>
      setMailPreferences(ctx, { token: c.req.param('secret') ?? '', stop: kind }),
    done: ({ c }) => `/mail/${c.req.param('secret') ?? ''}?saved=1`,
    again: (c, mistake) => settingsPage(c, mistake),
  });
}

function Settings({
  v,
  token,
  stopped,
  mistake,
}: {
  v: MailPreferencesView;
  token: string;
  stopped?: string | undefined;
  mistake?: Mistake | undefined;
}) {
  return (
    <>
      <ErrorSummary mistake={mistake} />
      {stopped ? (
        <p class="notice" role="status">
          {t('mail.prefs.saved')}
        </p>
      ) : null}
      <p>{t('mail.prefs.intro', { name: v.firstName })}</p>
      <PostForm action={`/mail/${token}`} submit={t('mail.prefs.save')}>
        <fieldset class="field">
          <legend>{t('mail.prefs.legend')}</legend>
          {v.kinds.map(({ kind, on }) => (
            <span class="choice">
              <input type="checkbox" id={`mail-${kind}`} name="on" value={kind} checked={on} />{' '}
              <label for={`mail-${kind}`} class="inline">
                {t(`mail.prefs.kind.${kind}`)}
              </label>
            </span>
          ))}
        </fieldset>
      </PostForm>
      <p class="hint">{t('mail.prefs.always')}</p>
    </>
  );
}
