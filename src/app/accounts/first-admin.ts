import { DomainError } from '../../domain/errors.ts';
import { countAccounts } from '../../db/queries/people.ts';
import { findToken, insertToken, retireTokens, useToken } from '../../db/queries/auth.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { createAccountIn, type NewAccountProps } from './create-site-admin.ts';
import { hashSecret, newSecret } from '../common/secrets.ts';
import { startSession, type StartedSession } from './sign-in.ts';

const SETUP_VALID_HOURS = 24;

/**
 * While nobody has an account, makes a one-time link that creates the first administrator,
 * retiring any earlier one; returns null once an account exists.
 */
export function issueSetupLink(ctx: AppContext): Promise<string | null> {
  return inTransaction(ctx, async (trx) => {
    if ((await countAccounts(trx)) > 0) return null;
    const now = ctx.now();
    await retireTokens(trx, 'setup', now.toISOString());
    const secret = newSecret();
    await insertToken(trx, {
      token_hash: hashSecret(secret),
      purpose: 'setup',
      person_id: null,
      created_by: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SETUP_VALID_HOURS * 3600_000).toISOString(),
      used_at: null,
    });
    return `${ctx.baseUrl}/setup/${secret}`;
  });
}

/** Whether a setup link is still good (to show the form or a clear "used" page). */
export async function checkSetupLink(ctx: AppContext, secret: string): Promise<boolean> {
  const token = await findToken(ctx.db, hashSecret(secret), 'setup');
  return !!token && !token.used_at && token.expires_at > isoNow(ctx);
}

/** Uses the one-time setup link to create the first administrator and sign them in. */
export function createFirstAdmin(
  ctx: AppContext,
  props: NewAccountProps & { secret: string },
): Promise<StartedSession> {
  return inTransaction(ctx, async (trx) => {
    const at = isoNow(ctx);
    const tokenHash = hashSecret(props.secret);
    const token = await findToken(trx, tokenHash, 'setup');
    if (!token || token.used_at || token.expires_at <= at) {
      throw new DomainError(
        'TOKEN_INVALID',
        'This setup link has been used or has expired. Restart Seconded for a new one if nobody has set it up yet.',
      );
    }
    if ((await countAccounts(trx)) > 0) {
      throw new DomainError(
        'ALREADY_SET_UP',
        'Seconded already has an administrator. Sign in instead.',
      );
    }
    const { personId } = await createAccountIn(trx, at, { ...props, isSiteAdmin: true });
    if (!(await useToken(trx, tokenHash, at))) {
      throw new DomainError('TOKEN_INVALID', 'This setup link has just been used.');
    }
    return startSession(trx, ctx.now(), personId);
  });
}
