import type { ProviderSettings } from '../../domain/accounts/identity-provider.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import {
  findIdentityProvider,
  listIdentityProviders,
} from '../../db/queries/identity-providers.ts';
import type { AppContext } from '../common/context.ts';
import { organisationForAdministrator, redirectUriOf } from './identity-provider-of.ts';

/**
 * The organisation's provider as its administrator sees it: everything but the secret, of which
 * only that one is saved; and the redirect address to register at the provider.
 */
export async function viewIdentityProvider(
  ctx: AppContext,
  props: { actor: Actor | null; slug: string },
): Promise<{
  organisation: { name: string; slug: string };
  redirectUri: string;
  provider: (ProviderSettings & { hasSecret: true }) | null;
}> {
  const { organisation } = await organisationForAdministrator(ctx.db, props.actor, props.slug);
  const stored = await findIdentityProvider(ctx.db, organisation.id);
  // Presented field by field: the secret, and anything added to the row later, stay behind.
  const provider = stored
    ? {
        name: stored.name,
        issuer: stored.issuer,
        clientId: stored.clientId,
        matchBy: stored.matchBy,
        memberNumberClaim: stored.memberNumberClaim,
        groupsClaim: stored.groupsClaim,
        roleMappings: stored.roleMappings,
        passwordSignIn: stored.passwordSignIn,
        hasSecret: true as const,
      }
    : null;
  return {
    organisation: { name: organisation.name, slug: organisation.slug },
    redirectUri: redirectUriOf(ctx.baseUrl, organisation.slug),
    provider,
  };
}

/** The providers the sign-in page offers, one button each. */
export const listSignInProviders = async (
  ctx: AppContext,
): Promise<{ slug: string; name: string; organisation: string }[]> => listIdentityProviders(ctx.db);
