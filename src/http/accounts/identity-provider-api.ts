import { createRoute, z } from '@hono/zod-openapi';
import { registerIdentityProvider } from '../../app/accounts/register-identity-provider.ts';
import { viewIdentityProvider } from '../../app/accounts/view-identity-provider.ts';
import { actionBody } from '../action.ts';
import { actorOf, answerOf, type Api, errors, json, okWith } from '../api-kit.ts';
import type { HttpOptions } from '../env.ts';
import {
  IdentityProviderSettings,
  IdentityProviderView,
  RegisterIdentityProvider,
} from './identity-provider-schema.ts';

const SlugParams = z.object({
  slug: z
    .string()
    .max(100)
    .openapi({ param: { in: 'path', name: 'slug' } }),
});

/** An organisation's OpenID provider in the JSON API, for its administrators. */
export function identityProviderApi(api: Api, { ctx, oidcAllowHttp = false }: HttpOptions) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{slug}/sign-in-provider',
      summary:
        "The organisation's OpenID sign-in provider (administrators): everything but the client secret, and the redirect URI to register",
      request: { params: SlugParams },
      responses: { 200: json(IdentityProviderView, 'The provider'), ...errors },
    }),
    async (c) => {
      const view = await viewIdentityProvider(ctx, {
        actor: actorOf(c),
        slug: c.req.valid('param').slug,
      });
      return c.json(answerOf(api, IdentityProviderView, view), 200);
    },
  );

  const Answer = okWith({ provider: IdentityProviderSettings });
  api.openapi(
    createRoute({
      method: 'put',
      path: '/organisations/{slug}/sign-in-provider',
      summary:
        "Register or change the organisation's OpenID sign-in provider (administrators); a blank clientSecret keeps the saved one, which is never answered; audited",
      request: { params: SlugParams, ...actionBody(RegisterIdentityProvider) },
      responses: { 200: json(Answer, 'Saved'), ...errors },
    }),
    async (c) => {
      const provider = await registerIdentityProvider(ctx, {
        actor: actorOf(c),
        slug: c.req.valid('param').slug,
        ...c.req.valid('json'),
        allowHttp: oidcAllowHttp,
      });
      return c.json(answerOf(api, Answer, { ok: true as const, provider }), 200);
    },
  );
}
