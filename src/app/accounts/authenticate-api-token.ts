import { TOKEN_PREFIX, type ApiScope } from '../../domain/accounts/api-tokens.ts';
import { findLiveApiToken, markApiTokenUsed } from '../../db/queries/api-tokens.ts';
import { findPerson } from '../../db/queries/people.ts';
import { loadActor } from '../common/actor.ts';
import { type AppContext, today } from '../common/context.ts';
import { hashSecret } from '../common/secrets.ts';
import type { SignedIn } from './session.ts';

/**
 * The person a bearer token acts for, with its scopes, or null when it is no token in force.
 * Read afresh on every request, as sessions are: a revoked token or a role taken away counts
 * from the next request. The time of last use is kept to the minute, to show on the account
 * page without a write per request.
 */
export async function authenticateApiToken(
  ctx: AppContext,
  token: string,
): Promise<{ signedIn: SignedIn; scopes: readonly ApiScope[] } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await findLiveApiToken(ctx.db, hashSecret(token));
  if (!row) return null;
  const [person, actor] = await Promise.all([
    findPerson(ctx.db, row.person_id),
    loadActor(ctx.db, row.person_id, today(ctx)),
  ]);
  if (!person) return null;
  const now = ctx.now().toISOString();
  if (row.last_used_at?.slice(0, 16) !== now.slice(0, 16))
    await markApiTokenUsed(ctx.db, row.id, now);
  return {
    signedIn: { actor, name: person.name, email: person.email, locale: person.locale },
    scopes: row.scopes,
  };
}
