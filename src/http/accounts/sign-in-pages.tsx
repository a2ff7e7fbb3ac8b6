import type { Hono } from 'hono';
import { acceptInvitation, checkInvitation } from '../../app/accounts/accept-invitation.ts';
import { MIN_PASSWORD_LENGTH } from '../../app/accounts/create-site-admin.ts';
import { checkSetupLink, createFirstAdmin } from '../../app/accounts/first-admin.ts';
import { requestPasswordReset, resetPassword } from '../../app/accounts/reset-password.ts';
import { signOut } from '../../app/accounts/session.ts';
import { signIn, type StartedSession } from '../../app/accounts/sign-in.ts';
import { listSignInProviders } from '../../app/accounts/view-identity-provider.ts';
import { ProviderLinks } from './identity-provider-pages.tsx';
import { t } from '../../messages/messages.ts';
import type { z } from '@hono/zod-openapi';
import { field, formPageRoute, formRoute, readForm, type Action, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Field, PostForm } from '../pages/forms.tsx';
import { routeGroups, titledPage, type C } from '../pages/kit.tsx';
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
export const signInPages = (opts: Options) =>
  routeGroups(opts, signInRoutes, setupRoutes, invitationRoutes, resetRoutes);

/** A new password; what was typed is never sent back, only what is wrong with it. */
const NewPassword = () => (
  <Field
    name="password"
    type="password"
    label={t('common.password')}
    hint={t('common.passwordHint', { min: MIN_PASSWORD_LENGTH })}
    required
    autocomplete="new-password"
  />
);

function signInRoutes(web: Hono<HttpEnv>, opts: Options) {
  const { ctx } = opts;
  const signInForm = async (c: C, next: string | undefined, mistake?: Mistake) =>
    titledPage(
      c,
      t('signIn.title'),
      <>
        <ProviderLinks providers={await listSignInProviders(ctx)} next={sameSitePath(next)} />
        <PostForm
          action="/sign-in"
          fields={{ next: sameSitePath(next) }}
          mistake={mistake}
          submit={t('signIn.submit')}
        >
          <Field
            name="email"
            type="email"
            label={t('common.email')}
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
        </PostForm>
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
const AccountFields = (props: { name?: string; email: boolean }) => (
  <>
    <Field name="name" label={t('common.name')} value={props.name} required autocomplete="name" />
    {props.email ? (
      <Field name="email" type="email" label={t('common.email')} required autocomplete="email" />
    ) : null}
    <NewPassword />
  </>
);

/** A page saying a one-time link can no longer be used. */
const usedLink = (c: C, title: string, message: string) =>
  titledPage(c, title, <p role="alert">{message}</p>, 410);

/**
 * The page a one-time link (`/…/:secret`) leads to, and its form: the secret comes from the path,
 * the account the form makes or changes is signed in on this browser, then it goes `to`; a refusal
 * shows the form again.
 */
function oneTimeLinkForm<S extends z.ZodType>(
  web: Hono<HttpEnv>,
  opts: Options,
  path: string,
  action: Action<S>,
  link: {
    startSession: (input: z.infer<S>) => Promise<StartedSession>;
    to: string;
    form: (c: C, secret: string, mistake?: Mistake) => Response | Promise<Response>;
  },
) {
  web.get(path, (c) => link.form(c, c.req.param('secret')!));
  formRoute(web, path, action, {
    signedIn: false,
    pathWins: true,
    run: async ({ c }, input) =>
      setSessionCookie(c, await link.startSession(input), opts.secureCookies),
    done: () => link.to,
    again: (c, mistake) => link.form(c, c.req.param('secret')!, mistake),
  });
}

function setupRoutes(web: Hono<HttpEnv>, opts: Options) {
  const { ctx } = opts;
  const setupForm = async (c: C, secret: string, mistake?: Mistake) => {
    // A link opened afresh is checked first; a refused form is shown again with its refusal.
    if (!mistake && !(await checkSetupLink(ctx, secret))) {
      return usedLink(c, t('setup.title'), t('setup.used'));
    }
    return titledPage(
      c,
      t('setup.title'),
      <>
        <p>{t('setup.intro')}</p>
        <PostForm
          action={`/setup/${encodeURIComponent(secret)}`}
          mistake={mistake}
          submit={t('setup.submit')}
        >
          <AccountFields email />
        </PostForm>
      </>,
      mistake,
    );
  };
  oneTimeLinkForm(web, opts, '/setup/:secret', SetUpFirstAdmin, {
    startSession: (input) => createFirstAdmin(ctx, input),
    to: '/organisations/new',
    form: setupForm,
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
    return titledPage(
      c,
      t('invite.titleGeneric'),
      <>
        <p>{t('invite.intro', { email: invitation.email })}</p>
        <PostForm
          action={`/invite/${encodeURIComponent(secret)}`}
          mistake={mistake}
          submit={t('invite.submit')}
        >
          <AccountFields name={invitation.name} email={false} />
        </PostForm>
      </>,
      mistake,
    );
  };
  oneTimeLinkForm(web, opts, '/invite/:secret', AcceptInvitation, {
    startSession: (input) => acceptInvitation(ctx, input),
    to: '/',
    form: inviteForm,
  });
}

function resetRoutes(web: Hono<HttpEnv>, opts: Options) {
  const { ctx, limiter } = opts;
  const resetRequestForm = (c: C, mistake?: Mistake) =>
    titledPage(
      c,
      t('reset.title'),
      <>
        <p>{t('reset.intro')}</p>
        <PostForm action="/reset" mistake={mistake} submit={t('reset.submit')}>
          <Field
            name="email"
            type="email"
            label={t('common.email')}
            required
            autocomplete="email"
          />
        </PostForm>
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
      titledPage(
        c,
        t('reset.title'),
        <p class="notice" role="status">
          {t('reset.sent', { email })}
        </p>,
      ),
    again: resetRequestForm,
  });

  const resetForm = (c: C, secret: string, mistake?: Mistake) =>
    titledPage(
      c,
      t('reset.newTitle'),
      <PostForm
        action={`/reset/${encodeURIComponent(secret)}`}
        mistake={mistake}
        submit={t('reset.newSubmit')}
      >
        <NewPassword />
      </PostForm>,
      mistake,
    );
  oneTimeLinkForm(web, opts, '/reset/:secret', ResetPassword, {
    startSession: (input) => resetPassword(ctx, input),
    to: '/',
    form: resetForm,
  });
}
