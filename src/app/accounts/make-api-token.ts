import { API_SCOPES, TOKEN_PREFIX, type ApiScope } from '../../domain/accounts/api-tokens.ts';
import { invalid, type FieldProblem } from '../../domain/errors.ts';
import { countLiveApiTokens, insertApiToken } from '../../db/queries/api-tokens.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { type AppContext, inTransaction } from '../common/context.ts';
import { hashSecret, newId, newSecret } from '../common/secrets.ts';

/** The most tokens in force a person may hold: enough for every tool, few enough to review. */
export const MAX_TOKENS = 20;

/**
 * Makes a personal API token for the signed-in person, named so they know it again, with the
 * scopes it allows. The secret is returned this once; only its hash is kept.
 */
export async function makeApiToken(
  ctx: AppContext,
  props: { actor: Actor; name: string; scopes: readonly string[] },
): Promise<{ id: string; token: string; name: string; scopes: ApiScope[] }> {
  const name = props.name.trim();
  const scopes = API_SCOPES.filter((s) => props.scopes.includes(s));
  const problems: FieldProblem[] = [];
  if (!name || name.length > 100)
    problems.push({ path: 'name', message: 'Give the token a name of up to 100 characters.' });
  if (props.scopes.some((s) => !(API_SCOPES as readonly string[]).includes(s)))
    problems.push({ path: 'scopes', message: `Scopes are ${API_SCOPES.join(', ')}.` });
  if (problems.length) throw invalid('The token cannot be made as it is.', problems);
  // Every token may read: one asked for with no scope is a read-only token.
  const granted: ApiScope[] = scopes.length ? scopes : ['read'];
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const id = newId();
  await inTransaction(ctx, async (trx) => {
    if ((await countLiveApiTokens(trx, props.actor.personId)) >= MAX_TOKENS)
      throw invalid(`You hold ${MAX_TOKENS} tokens already: revoke one you no longer use.`);
    await insertApiToken(trx, {
      id,
      person_id: props.actor.personId,
      name,
      token_hash: hashSecret(token),
      scopes: granted,
      created_at: ctx.now().toISOString(),
      last_used_at: null,
      revoked_at: null,
    });
  });
  return { id, token, name, scopes: granted };
}
