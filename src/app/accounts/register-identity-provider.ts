import {
  checkProviderSettings,
  type ProviderSettings,
} from '../../domain/accounts/identity-provider.ts';
import { invalid } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { findIdentityProvider, saveIdentityProvider } from '../../db/queries/identity-providers.ts';
import { appendAudit } from '../common/audit-log.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { organisationForAdministrator } from './identity-provider-of.ts';

export interface RegisterIdentityProviderProps {
  readonly actor: Actor | null;
  /** The organisation's slug. */
  readonly slug: string;
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  /** Blank keeps the secret already saved. */
  readonly clientSecret: string;
  readonly matchBy: string;
  readonly memberNumberClaim: string;
  readonly groupsClaim: string;
  /** One mapping a line: `group = role` or `group = role @ body-slug`. */
  readonly roleMappings: string;
  readonly passwordSignIn: boolean;
  /** The configuration allows http issuers (development and tests only). */
  readonly allowHttp: boolean;
}

/**
 * Registers the organisation's OpenID provider, or changes it. The secret is saved and never
 * given back; the audit chain records the change without it.
 */
export function registerIdentityProvider(
  ctx: AppContext,
  props: RegisterIdentityProviderProps,
): Promise<ProviderSettings> {
  return inTransaction(ctx, async (trx) => {
    const { organisation, bodies } = await organisationForAdministrator(
      trx,
      props.actor,
      props.slug,
    );
    const existing = await findIdentityProvider(trx, organisation.id);
    const { settings, clientSecret } = checkProviderSettings(props, {
      allowHttp: props.allowHttp,
      hasSecret: existing !== undefined,
    });
    const slugs = new Set(bodies.map((b) => b.slug));
    const unknown = settings.roleMappings.filter((m) => m.body !== null && !slugs.has(m.body));
    if (unknown.length)
      throw invalid('The provider could not be registered.', [
        {
          path: 'roleMappings',
          message: `No body of ${organisation.name} has the address ${unknown.map((m) => m.body).join(', ')}.`,
        },
      ]);
    const at = isoNow(ctx);
    await saveIdentityProvider(trx, organisation.id, settings, clientSecret, at);
    await appendAudit(trx, {
      organisationId: organisation.id,
      actorPersonId: props.actor?.personId ?? null,
      action: existing ? 'identity-provider.changed' : 'identity-provider.registered',
      subject: `organisation:${organisation.id}`,
      data: {
        name: settings.name,
        issuer: settings.issuer,
        clientId: settings.clientId,
        secretChanged: clientSecret !== null,
        matchBy: settings.matchBy,
        memberNumberClaim: settings.memberNumberClaim,
        groupsClaim: settings.groupsClaim,
        roleMappings: settings.roleMappings.map((m) => ({ ...m })),
        passwordSignIn: settings.passwordSignIn,
      },
      at,
    });
    return settings;
  });
}
