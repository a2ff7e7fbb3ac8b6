import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import { revokeApiToken as revoke } from '../../db/queries/api-tokens.ts';
import type { AppContext } from '../common/context.ts';

/** Revokes one of the person's own tokens: from the next request on, it opens nothing. */
export async function revokeApiToken(ctx: AppContext, props: { actor: Actor; tokenId: string }) {
  const done = await revoke(ctx.db, props.actor.personId, props.tokenId, ctx.now().toISOString());
  if (!done) throw notFound('That token');
}
