import type { Actor } from '../../domain/organisations/policy.ts';
import { listApiTokensOfPerson } from '../../db/queries/api-tokens.ts';
import type { AppContext } from '../common/context.ts';

/** The person's tokens, newest first, in force or revoked (never their secrets). */
export async function listApiTokens(ctx: AppContext, props: { actor: Actor }) {
  const rows = await listApiTokensOfPerson(ctx.db, props.actor.personId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}
export type ApiTokenView = Awaited<ReturnType<typeof listApiTokens>>[number];
