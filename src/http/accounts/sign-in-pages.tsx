import { Hono } from 'hono';
import { acceptInvitation, checkInvitation } from '../../app/accounts/accept-invitation.ts';
import { MIN_PASSWORD_LENGTH } from '../../app/accounts/create-site-admin.ts';
import { checkSetupLink, createFirstAdmin } from '../../app/accounts/first-admin.ts';
import { requestPasswordReset, resetPassword } from '../../app/accounts/reset-password.ts';
import { signOut } from '../../app/accounts/session.ts';
import { signIn, type StartedSession } from '../../app/accounts/sign-in.ts';
import { t } from '../../messages/messages.ts';
import { field, formPageRoute, formRoute, readForm, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { page, statusOf, type C } from '../pages/kit.tsx';
import { ErrorSummary, Field } from '../pages/layout.tsx';
import {
  clearSessionCookie,
  clientAddress,
  readSessionCookie,
  sameSitePath,
  setSessionCookie,
  type RateLimiter,
} from '../security.ts';
import {
  AcceptInvitation,
  RequestPasswordReset,
  ResetPassword,
  SetUpFirstAdmin,
  SignIn,
  SignOut,
} from './schema.ts';

type Options = HttpOptions & { limiter: RateLimiter };

/**
 * Signing in and out, and the pages a one-time link leads to: the first administrator's setup,
 * an invitation, a password reset. None needs a session; each that succeeds starts one.
 */
export function signInPages(opts: Options) {
  const web = new Hono<HttpEnv>();
  signInRoutes(web, opts);
  setupRoutes(web, opts);
  invitationRoutes(web, opts);
  resetRoutes(web, opts);
  return web;
}

/** Where to go after signing in: only a path on this site. */

/** A page that is one form: its title as the heading, answered with the mistake's status. */
const formPage = (c: C, title: string, body: unknown, mistake?: Mistake) =>
  page(
    c,
    title,
    <>
      <h1>{title}</h1>
      {body}
    </>,
    mistake ? statusOf(mistake.error) : 200,
  );

/** A new password; what was typed is never sent back, only what is wrong with it. */
const NewPassword = (props: { mistake: Mistake | undefined }) => (
  <Field
    name="password"
    type="password"
    label={t('common.password')}
    hint={t('common.passwordHint', { min: MIN_PASSWORD_LENGTH })}
    error={props.mistake?.problem('password')}
    required
    autocomplete="new-password"
  />
);

function signInRoutes(web: Hono<HttpEnv>, opts: Options) {
  const { ctx } = opts;
  const signInForm = (c: C, next: string | undefined, mistake?: Mistake) =>
    formPage(
      c,
      t('signIn.title'),
      <>
        <ErrorSummary mistake={mistake} />
        <form method="post" action="/sign-in">
          <input type="hidden" name="next" value={sameSitePath(next)} />
          <Field
            name="email"
            type="email"
            label={t('common.email')}
            value={mistake?.value('email')}
            required
            autocomplete="username"
          />
          <Field
            name="password"
            type="password"
            label={t('common.password')}
            required
            autocomplete="current-password"
          />
          <button type="submit">{t('signIn.submit')}</button>
        </form>
        <p>
          <a href="/reset">{t('signIn.forgot')}</a>
        </p>
      </>,
      mistake,
    );
  web.get('/sign-in', (c) =>
    c.get('signedIn') ? c.redirect('/') : signInForm(c, c.req.query('next')),
  );
  formRoute(web, '/sign-in', SignIn, {
    signedIn: false,
    run: async ({ c }, { email, password }) => {
      const session = await signIn(ctx, { email, password, address: clientAddress(c) });
      setSessionCookie(c, session, opts.secureCookies);
      // Where to go next is the form's own business, not the action's (the API has no next).
      return sameSitePath(field(await readForm(c), 'next'));
    },
    done: (_call, next) => next,
    again: (c, mistake) => signInForm(c, mistake.value('next'), mistake),
  });
  formRoute(web, '/sign-out', SignOut, {
    signedIn: false,
    run: async ({ c }) => {
      await signOut(ctx, readSessionCookie(c));
      clearSessionCookie(c);
    },
    done: () => '/sign-in',
    again: (c, mistake) => signInForm(c, undefined, mistake),
  });
}

/** The name, email and new password of an account being made. */
const AccountFields = (props: { mistake: Mistake | undefined; name?: string; email: boolean }) => (
  <>
    <Field
      name="name"
      label={t('common.name')}
      value={props.mistake ? props.mistake.value('name') : props.name}
      error={props.mistake?.problem('name')}
      required
      autocomplete="name"
    />
    {props.email ? (
      <Field
        name="email"
        type="email"
        label={t('common.email')}
        mistake={props.mistake}
        required
        autocomplete="email"
      />
    ) : null}
    <NewPassword mistake={props.mistake} />
  </>
);

/** A page saying a one-time link can no longer be used. */
const usedLink = (c: C, title: string, message: string) =>
  page(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p role="alert">{message}</p>
    </>,
    410,
  );

/** The session a one-time link's form started becomes this browser's. */
const signedInBy = (c: C, opts: Options) => (session: StartedSession) =>
  setSessionCookie(c, session, opts.secureCookies);

function setupRoutes(web: Hono<HttpEnv>, opts: Options) {
  const { ctx } = opts;
  const setupForm = (c: C, secret: string, mistake?: Mistake) =>
    formPage(
      c,
      t('setup.title'),
      <>
        <p>{t('setup.intro')}</p>
        <ErrorSummary mistake={mistake} />
        <form method="post" action={`/setup/${encodeURIComponent(secret)}`}>
          <AccountFields mistake={mistake} email />
          <button type="submit">{t('setup.submit')}</button>
        </form>
      </>,
      mistake,
    );
  web.get('/setup/:secret', async (c) => {
    const secret = c.req.param('secret');
    if (!(await checkSetupLink(ctx, secret))) return usedLink(c, t('setup.title'), t('setup.used'));
    return setupForm(c, secret);
  });
  formRoute(web, '/setup/:secret', SetUpFirstAdmin, {
    signedIn: false,
    pathWins: true,
    run: async ({ c }, input) => signedInBy(c, opts)(await createFirstAdmin(ctx, input)),
    done: () => '/organisations/new',
    again: (c, mistake) => setupForm(c, c.req.param('secret')!, mistake),
  });
}

function invitationRoutes(web: Hono<HttpEnv>, opts: Options) {
  const { ctx } = opts;
  const inviteForm = async (c: C, secret: string, mistake?: Mistake) => {
    const invitation = await checkInvitation(ctx, secret);
    if (!invitation) {
      mistake?.markShown();
      return usedLink(c, t('invite.titleGeneric'), mistake?.error.message ?? t('invite.used'));
    }
    return formPage(
      c,
      t('invite.titleGeneric'),
      <>
        <p>{t('invite.intro', { email: invitation.email })}</p>
        <ErrorSummary mistake={mistake} />
        <form method="post" action={`/invite/${encodeURIComponent(secret)}`}>
          <AccountFields mistake={mistake} name={invitation.name} email={false} />
          <button type="submit">{t('invite.submit')}</button>
        </form>
      </>,
      mistake,
    );
  };
  web.get('/invite/:secret', (c) => inviteForm(c, c.req.param('secret')));
  formRoute(web, '/invite/:secret', AcceptInvitation, {
    signedIn: false,
    pathWins: true,
    run: async ({ c }, input) => signedInBy(c, opts)(await acceptInvitation(ctx, input)),
    done: () => '/',
    again: (c, mistake) => inviteForm(c, c.req.param('secret')!, mistake),
  });
}

function resetRoutes(web: Hono<HttpEnv>, opts: Options) {
  const { ctx, limiter } = opts;
  const resetRequestForm = (c: C, mistake?: Mistake) =>
    formPage(
      c,
      t('reset.title'),
      <>
        <p>{t('reset.intro')}</p>
        <ErrorSummary mistake={mistake} />
        <form method="post" action="/reset">
          <Field
            name="email"
            type="email"
            label={t('common.email')}
            mistake={mistake}
            required
            autocomplete="email"
          />
          <button type="submit">{t('reset.submit')}</button>
        </form>
      </>,
      mistake,
    );
  web.get('/reset', (c) => resetRequestForm(c));
  formPageRoute(web, '/reset', RequestPasswordReset, {
    signedIn: false,
    run: async ({ c }, { email }) => {
      limiter.hit([`ip:${clientAddress(c)}`, `reset:${email.trim().toLowerCase()}`]);
      await requestPasswordReset(ctx, { email });
      return email;
    },
    present: ({ c }, email) =>
      formPage(
        c,
        t('reset.title'),
        <p class="notice" role="status">
          {t('reset.sent', { email })}
        </p>,
      ),
    again: resetRequestForm,
  });

  const resetForm = (c: C, secret: string, mistake?: Mistake) =>
    formPage(
      c,
      t('reset.newTitle'),
      <>
        <ErrorSummary mistake={mistake} />
        <form method="post" action={`/reset/${encodeURIComponent(secret)}`}>
          <NewPassword mistake={mistake} />
          <button type="submit">{t('reset.newSubmit')}</button>
        </form>
      </>,
      mistake,
    );
  web.get('/reset/:secret', (c) => resetForm(c, c.req.param('secret')));
  formRoute(web, '/reset/:secret', ResetPassword, {
    signedIn: false,
    pathWins: true,
    run: async ({ c }, input) => signedInBy(c, opts)(await resetPassword(ctx, input)),
    done: () => '/',
    again: (c, mistake) => resetForm(c, c.req.param('secret')!, mistake),
  });
}
