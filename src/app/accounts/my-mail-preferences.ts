import type { Actor } from '../../domain/organisations/policy.ts';
import { signedIn } from '../common/actor.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { mailPreferencesOf } from './mail-preferences-support.ts';

/** The token of the signed-in person's email settings page, made the first time it is asked for. */
export async function myMailPreferencesToken(ctx: AppContext, props: { actor: Actor | null }) {
  const actor = signedIn(props.actor);
  return inTransaction(
    ctx,
    async (trx) => (await mailPreferencesOf(trx, actor.personId, isoNow(ctx))).token,
  );
}
