import { z } from '@hono/zod-openapi';
import { MAPPABLE_ROLES, MATCH_BY } from '../../domain/accounts/identity-provider.ts';
import { action, field, formTick } from '../action.ts';

/**
 * Registering an organisation's OpenID provider: one schema for the JSON route and the form
 * (src/http/action.ts). The schema bounds sizes; the domain judges the values
 * (src/domain/accounts/identity-provider.ts), naming each field that is wrong.
 */
export const RegisterIdentityProvider = action(
  'IdentityProviderRegistration',
  z.object({
    name: z.string().max(100),
    issuer: z.string().max(500),
    clientId: z.string().max(500),
    /** Blank (or left out) keeps the secret already saved. */
    clientSecret: z.string().max(1000).default(''),
    matchBy: z.string().max(20),
    memberNumberClaim: z.string().max(100).default(''),
    groupsClaim: z.string().max(100).default(''),
    /** One a line: `group = role`, or `group = role @ body-slug`. */
    roleMappings: z.string().max(20_000).default(''),
    passwordSignIn: z.boolean().default(true),
  }),
  {
    fromForm: (f) => ({
      name: field(f, 'name') ?? '',
      issuer: field(f, 'issuer') ?? '',
      clientId: field(f, 'clientId') ?? '',
      clientSecret: field(f, 'clientSecret') ?? '',
      matchBy: field(f, 'matchBy') ?? '',
      memberNumberClaim: field(f, 'memberNumberClaim') ?? '',
      groupsClaim: field(f, 'groupsClaim') ?? '',
      roleMappings: field(f, 'roleMappings') ?? '',
      passwordSignIn: formTick(field(f, 'passwordSignIn')),
    }),
  },
);

/** A provider as it was registered: never its secret. */
export const IdentityProviderSettings = z
  .object({
    name: z.string(),
    issuer: z.string(),
    clientId: z.string(),
    matchBy: z.enum(MATCH_BY),
    memberNumberClaim: z.string().nullable(),
    groupsClaim: z.string().nullable(),
    roleMappings: z.array(
      z.object({ group: z.string(), role: z.enum(MAPPABLE_ROLES), body: z.string().nullable() }),
    ),
    passwordSignIn: z.boolean(),
  })
  .openapi('IdentityProviderSettings');

/** What GET /organisations/{slug}/sign-in-provider answers its administrator. */
export const IdentityProviderView = z
  .object({
    organisation: z.object({ name: z.string(), slug: z.string() }),
    /** The address to register at the provider as the client's redirect URI. */
    redirectUri: z.string(),
    /** Null until one is registered; a registered one always has its secret saved. */
    provider: IdentityProviderSettings.extend({ hasSecret: z.literal(true) }).nullable(),
  })
  .openapi('IdentityProvider');
