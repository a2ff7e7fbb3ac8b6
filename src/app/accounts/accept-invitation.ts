import { findPerson } from '../../db/queries/people.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { createAccountIn } from './create-site-admin.ts';
import { peekOneTimeLink, redeemOneTimeLink } from './one-time-links.ts';
import { refuseIfPasswordSignInOff } from './password-sign-in.ts';
import { startSession, type StartedSession } from './sign-in.ts';

/** Who an invitation link is for, or null if it is used or expired (to show the right page). */
export async function checkInvitation(ctx: AppContext, secret: string) {
  const token = await peekOneTimeLink(ctx.db, secret, 'invite', isoNow(ctx));
  const person = token?.person_id ? await findPerson(ctx.db, token.person_id) : undefined;
  return person ? { name: person.name, email: person.email } : null;
}

/** Sets the invited member's password, creating their account, and signs them in. */
export function acceptInvitation(
  ctx: AppContext,
  props: { secret: string; name: string; password: string },
): Promise<StartedSession> {
  return inTransaction(ctx, async (trx) => {
    const at = isoNow(ctx);
    const token = await redeemOneTimeLink(trx, props.secret, 'invite', at);
    if (token.person_id) await refuseIfPasswordSignInOff(trx, token.person_id, at.slice(0, 10));
    const person = await findPerson(trx, token.person_id);
    const { personId } = await createAccountIn(trx, at, {
      name: props.name || person?.name || '',
      email: person?.email ?? '',
      password: props.password,
      isSiteAdmin: false,
    });
    return startSession(trx, ctx.now(), personId);
  });
}
