import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  EXTERNAL_SIGN_IN_MINUTES,
  finishExternalSignIn,
  startExternalSignIn,
} from '../../app/accounts/external-sign-in.ts';
import { registerIdentityProvider } from '../../app/accounts/register-identity-provider.ts';
import { viewIdentityProvider } from '../../app/accounts/view-identity-provider.ts';
import { MATCH_BY, roleMappingLines } from '../../domain/accounts/identity-provider.ts';
import { t } from '../../messages/messages.ts';
import { formRoute, type Mistake } from '../action.ts';
import type { HttpEnv, HttpOptions } from '../env.ts';
import { Choice, Field, PostForm, TextArea, Tick } from '../pages/forms.tsx';
import { requireSignedIn, routeGroups, titledPage, type C } from '../pages/kit.tsx';
import { sameSitePath, setSessionCookie } from '../security.ts';
import { RegisterIdentityProvider } from './identity-provider-schema.ts';

/**
 * Signing in with an organisation's OpenID provider, and its administrators' page to register
 * it. Plain links and forms: nothing needs JavaScript.
 */
export const identityProviderPages = (opts: HttpOptions) =>
  routeGroups(opts, externalSignInRoutes, registrationRoutes);

/**
 * The browser's half of a sign-in under way: its state, which the provider's answer must bring
 * back (external-sign-in.ts says why). Only sent to the sign-in routes; Lax, so that the
 * provider's redirect back (a top-level GET from another site) still carries it.
 */
const STATE_COOKIE = 'seconded_oidc_state';
const STATE_PATH = '/sign-in/oidc';

function externalSignInRoutes(web: Hono<HttpEnv>, opts: HttpOptions) {
  const { ctx, oidcAllowHttp = false } = opts;
  // A link, not a form: starting only sends the browser to the provider; nothing is signed in
  // until its answer comes back to the browser that started.
  web.get('/sign-in/oidc/:slug', async (c) => {
    const { url, state } = await startExternalSignIn(ctx, {
      slug: c.req.param('slug'),
      next: sameSitePath(c.req.query('next')),
      allowHttp: oidcAllowHttp,
    });
    setCookie(c, STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: opts.secureCookies,
      path: STATE_PATH,
      maxAge: EXTERNAL_SIGN_IN_MINUTES * 60,
    });
    return c.redirect(url, 303);
  });
  web.get('/sign-in/oidc/:slug/callback', async (c) => {
    const browserState = getCookie(c, STATE_COOKIE);
    // Used once, whatever the answer; a browser that never had one is sent no cookie at all.
    if (browserState !== undefined) deleteCookie(c, STATE_COOKIE, { path: STATE_PATH });
    const session = await finishExternalSignIn(ctx, {
      slug: c.req.param('slug'),
      query: new URL(c.req.url).search,
      browserState,
      allowHttp: oidcAllowHttp,
    });
    setSessionCookie(c, session, opts.secureCookies);
    return c.redirect(sameSitePath(session.next ?? undefined), 303);
  });
}

/** The sign-in page's buttons, one for each organisation's provider. */
export const ProviderLinks = (props: {
  providers: readonly { slug: string; name: string }[];
  next: string;
}) =>
  props.providers.length ? (
    <ul class="sign-in-providers">
      {props.providers.map((p) => (
        <li>
          <a
            class="button"
            href={`/sign-in/oidc/${encodeURIComponent(p.slug)}?next=${encodeURIComponent(props.next)}`}
          >
            {t('signIn.with', { name: p.name })}
          </a>
        </li>
      ))}
    </ul>
  ) : null;

function registrationRoutes(web: Hono<HttpEnv>, opts: HttpOptions) {
  const { ctx, oidcAllowHttp = false } = opts;
  const path = '/o/:slug/sign-in-provider';
  const providerPage = async (c: C, mistake?: Mistake) => {
    const { actor } = requireSignedIn(c);
    const view = await viewIdentityProvider(ctx, { actor, slug: c.req.param('slug')! });
    const p = view.provider;
    return titledPage(
      c,
      t('idp.title'),
      <>
        <p>{t('idp.intro', { organisation: view.organisation.name })}</p>
        <p>
          <code>{view.redirectUri}</code>
        </p>
        <PostForm
          action={`/o/${encodeURIComponent(view.organisation.slug)}/sign-in-provider`}
          mistake={mistake}
          submit={t('idp.submit')}
        >
          <Field name="name" label={t('idp.name')} value={p?.name} required />
          <Field
            name="issuer"
            type="url"
            label={t('idp.issuer')}
            hint={t('idp.issuerHint')}
            value={p?.issuer}
            required
          />
          <Field name="clientId" label={t('idp.clientId')} value={p?.clientId} required />
          {/* The saved secret is never put in the page; the field always starts empty. */}
          <Field
            name="clientSecret"
            type="password"
            label={t('idp.clientSecret')}
            hint={p ? t('idp.clientSecretKept') : undefined}
            autocomplete="off"
            required={!p}
            value=""
          />
          <Choice
            name="matchBy"
            label={t('idp.matchBy')}
            options={MATCH_BY.map((m) => [m, t(`idp.matchBy.${m}`)] as const)}
            selected={p?.matchBy ?? 'email'}
          />
          <Field
            name="memberNumberClaim"
            label={t('idp.memberNumberClaim')}
            value={p?.memberNumberClaim ?? ''}
          />
          <Field name="groupsClaim" label={t('idp.groupsClaim')} value={p?.groupsClaim ?? ''} />
          <TextArea
            name="roleMappings"
            label={t('idp.roleMappings')}
            hint={t('idp.roleMappingsHint')}
            value={p ? roleMappingLines(p.roleMappings) : ''}
          />
          <Tick
            name="passwordSignIn"
            label={t('idp.passwordSignIn')}
            checked={p?.passwordSignIn ?? true}
          />
        </PostForm>
      </>,
      mistake,
    );
  };
  web.get(path, (c) => providerPage(c));
  formRoute(web, path, RegisterIdentityProvider, {
    run: ({ signedIn, params }, input) =>
      registerIdentityProvider(ctx, {
        actor: signedIn.actor,
        slug: params.slug!,
        ...input,
        allowHttp: oidcAllowHttp,
      }),
    done: ({ params }) => `/o/${encodeURIComponent(params.slug!)}/sign-in-provider`,
    again: providerPage,
  });
}
