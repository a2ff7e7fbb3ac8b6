import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../db/database.ts';
import { providersRequiredFor } from '../../db/queries/identity-providers.ts';
import { findAccount } from '../../db/queries/people.ts';

/**
 * Refuses a password where an organisation the person belongs to has switched password sign-in
 * off, naming its provider: its members sign in there, so that leaving the organisation's
 * membership system locks them out here too. Site administrators keep their password (they set
 * up every organisation; a provider that is down must not lock the server's owners out). Asked
 * only after the password was found right, so the refusal tells a stranger nothing.
 */
export async function refuseIfPasswordSignInOff(db: Db, personId: string, today: string) {
  const refusal = await passwordSignInRefusal(db, personId, today);
  if (refusal) throw refusal;
}

/** The refusal `refuseIfPasswordSignInOff` throws, or null where a password may be used. */
export async function passwordSignInRefusal(
  db: Db,
  personId: string,
  today: string,
): Promise<DomainError | null> {
  if ((await findAccount(db, personId))?.is_site_admin === 1) return null;
  const providers = await providersRequiredFor(db, personId, today);
  if (!providers.length) return null;
  const names = providers.map((p) => p.name).join(' or ');
  return new DomainError(
    'PASSWORD_SIGN_IN_OFF',
    `Your organisation signs its members in through ${names}: use “Sign in with ${providers[0]!.name}” on the sign-in page.`,
  );
}
