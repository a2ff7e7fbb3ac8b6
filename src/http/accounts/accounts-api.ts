import { createRoute, z } from '@hono/zod-openapi';
import { exportMyData } from '../../app/accounts/export-my-data.ts';
import { requestPasswordReset, resetPassword } from '../../app/accounts/reset-password.ts';
import { acceptInvitation } from '../../app/accounts/accept-invitation.ts';
import { createFirstAdmin } from '../../app/accounts/first-admin.ts';
import { signOut } from '../../app/accounts/session.ts';
import { signIn, type StartedSession } from '../../app/accounts/sign-in.ts';
import type { Context } from 'hono';
import type { HttpEnv, HttpOptions } from '../env.ts';
import {
  clearSessionCookie,
  clientAddress,
  readSessionCookie,
  setSessionCookie,
  type RateLimiter,
} from '../security.ts';
import {
  actionRoute,
  actorOf,
  answerOf,
  type Api,
  errors,
  ErrorSchema,
  json,
  Ok,
  okWith,
  refused,
} from '../api-kit.ts';
import { MyData } from './views.ts';
import { actionBody } from '../action.ts';
import { chooseLanguage } from '../../app/accounts/choose-language.ts';
import { LOCALES } from '../../messages/messages.ts';
import * as actions from './schema.ts';
import { API_SCOPES } from '../../domain/accounts/api-tokens.ts';
import { listApiTokens } from '../../app/accounts/list-api-tokens.ts';
import { makeApiToken } from '../../app/accounts/make-api-token.ts';
import { revokeApiToken } from '../../app/accounts/revoke-api-token.ts';
import { myMailPreferencesToken } from '../../app/accounts/my-mail-preferences.ts';
import { setMailPreferences } from '../../app/accounts/set-mail-preferences.ts';
import { viewMailPreferences } from '../../app/accounts/view-mail-preferences.ts';
import { MAIL_KINDS } from '../../domain/accounts/mail-kinds.ts';
import { ChooseMail, StopMail } from './mail-pages.tsx';

const SignedInSchema = okWith({ personId: z.string() });

const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(API_SCOPES)),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

/** Accounts in the JSON API: signing in and out, first administrator, invitations, password reset, my data. */
export function accountsApi(api: Api, opts: HttpOptions & { limiter: RateLimiter }) {
  const { ctx } = opts;
  apiTokenRoutes(api, opts);
  mailPreferenceRoutes(api, opts);
  /** The session just started becomes this client's (its cookie), and the answer names who. */
  const signedInAs = (c: Context<HttpEnv>, session: StartedSession) => {
    setSessionCookie(c, session, opts.secureCookies);
    return { ok: true as const, personId: session.personId };
  };

  api.openapi(
    createRoute({
      method: 'post',
      path: '/session',
      summary: 'Sign in (sets the session cookie)',
      request: actionBody(actions.SignIn),
      responses: {
        200: json(SignedInSchema, 'Signed in'),
        ...errors,
        429: json(ErrorSchema, 'Too many failed attempts: wait the Retry-After seconds'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const session = await signIn(ctx, { email, password, address: clientAddress(c) });
      return c.json(signedInAs(c, session), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      summary: 'Sign out',
      request: actionBody(actions.SignOut, false),
      responses: { 200: json(Ok, 'Signed out') },
    }),
    async (c) => {
      await signOut(ctx, readSessionCookie(c));
      clearSessionCookie(c);
      return c.json({ ok: true as const }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/password-reset',
      summary:
        'Email a password reset link (the answer is the same whether or not the address has an account)',
      request: actionBody(actions.RequestPasswordReset),
      responses: {
        202: json(Ok, 'If the address has an account, a link was sent'),
        ...errors,
        429: refused('Too many attempts'),
      },
    }),
    async (c) => {
      const { email } = c.req.valid('json');
      opts.limiter.hit([`ip:${clientAddress(c)}`, `reset:${email.trim().toLowerCase()}`]);
      await requestPasswordReset(ctx, { email });
      return c.json({ ok: true as const }, 202);
    },
  );

  const linkErrors = {
    ...errors,
    409: refused('Already set up'),
    410: refused('The link was used or has expired'),
  };

  api.openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      summary: 'Create the first administrator with the one-time setup link printed at start',
      request: actionBody(actions.SetUpFirstAdmin),
      responses: { 201: json(SignedInSchema, 'Created and signed in'), ...linkErrors },
    }),
    async (c) => c.json(signedInAs(c, await createFirstAdmin(ctx, c.req.valid('json'))), 201),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/accept',
      summary: 'Accept an emailed invitation: set a password, creating the account, and sign in',
      request: actionBody(actions.AcceptInvitation),
      responses: { 201: json(SignedInSchema, 'Account created and signed in'), ...linkErrors },
    }),
    async (c) => c.json(signedInAs(c, await acceptInvitation(ctx, c.req.valid('json'))), 201),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/password-reset/complete',
      summary: 'Set a new password with an emailed reset link; signs out every other session',
      request: actionBody(actions.ResetPassword),
      responses: { 200: json(SignedInSchema, 'Password changed and signed in'), ...linkErrors },
    }),
    async (c) => c.json(signedInAs(c, await resetPassword(ctx, c.req.valid('json'))), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      summary: 'Everything held about me (also my data export)',
      responses: { 200: json(MyData, 'Your data'), ...errors },
    }),
    async (c) => {
      const data = await exportMyData(ctx, { personId: actorOf(c).personId });
      return c.json(answerOf(api, MyData, data), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/me/language',
      summary:
        "Choose the language of my pages and mail (one the site offers), or null for my browser's",
      request: actionBody(actions.ChooseLanguage),
      responses: { 200: json(Ok, 'Chosen'), ...errors },
    }),
    async (c) => {
      await chooseLanguage(ctx, {
        actor: actorOf(c),
        locale: c.req.valid('json').locale,
        offered: LOCALES,
      });
      return c.json({ ok: true as const }, 200);
    },
  );
}

/** Which emails I get (as my settings page and each email's one-click address change them). */
function mailPreferenceRoutes(api: Api, { ctx }: HttpOptions) {
  const MailKinds = okWith({
    kinds: z.array(z.object({ kind: z.enum(MAIL_KINDS), on: z.boolean() })),
  });
  const tokenOf = (c: Context<HttpEnv>) => myMailPreferencesToken(ctx, { actor: actorOf(c) });
  const kindsOf = async (c: Context<HttpEnv>) => {
    const { kinds } = await viewMailPreferences(ctx, { token: await tokenOf(c) });
    return c.json({ ok: true as const, kinds }, 200);
  };
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me/mail',
      summary: 'Which kinds of email I get (invitations and password resets are always sent)',
      responses: { 200: json(MailKinds, 'My email settings'), ...errors },
    }),
    kindsOf,
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: '/me/mail',
      summary: 'Choose the kinds of email I get: those listed in `on`; every other kind is off',
      request: actionBody(ChooseMail),
      responses: { 200: json(MailKinds, 'Saved'), ...errors },
    }),
    async (c) => {
      await setMailPreferences(ctx, { token: await tokenOf(c), on: c.req.valid('json').on });
      return kindsOf(c);
    },
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/me/mail/stop',
      summary: 'Stop one kind of email, keeping the others as they are',
      request: actionBody(StopMail),
      responses: { 200: json(MailKinds, 'Stopped'), ...errors },
    }),
    async (c) => {
      await setMailPreferences(ctx, { token: await tokenOf(c), stop: c.req.valid('json').kind });
      return kindsOf(c);
    },
  );
}

/** My personal API tokens: listed, made (the secret answered once), revoked. Session only. */
function apiTokenRoutes(api: Api, { ctx }: HttpOptions) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me/tokens',
      summary: 'My personal API tokens, newest first (never their secrets)',
      responses: { 200: json(okWith({ tokens: z.array(ApiTokenSchema) }), 'My tokens'), ...errors },
    }),
    async (c) =>
      c.json({ ok: true as const, tokens: await listApiTokens(ctx, { actor: actorOf(c) }) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/me/tokens',
      summary:
        'Make a personal API token (scopes: read, vote, manage); its secret is in this answer only. Send it as "Authorization: Bearer <token>"',
      request: actionBody(actions.MakeApiToken),
      responses: {
        201: json(
          okWith({
            id: z.string(),
            token: z.string(),
            name: z.string(),
            scopes: z.array(z.enum(API_SCOPES)),
          }),
          'Made',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const made = await makeApiToken(ctx, { actor: actorOf(c), ...c.req.valid('json') });
      c.header('Cache-Control', 'no-store');
      return c.json({ ok: true as const, ...made }, 201);
    },
  );
  actionRoute(api, {
    method: 'delete',
    path: '/me/tokens/{id}',
    summary: 'Revoke one of my API tokens: it opens nothing from the next request',
    action: actions.RevokeApiToken,
    answer: json(Ok, 'Revoked'),
    run: (actor, tokenId) => revokeApiToken(ctx, { actor, tokenId }),
  });
}
