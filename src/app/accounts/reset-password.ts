import { invalid } from '../../domain/errors.ts';
import { normaliseEmail } from '../../domain/names.ts';
import { deleteSessionsOfPerson } from '../../db/queries/auth.ts';
import { findAccountByEmail, setPasswordHash } from '../../db/queries/people.ts';
import { mailTextsFor } from '../../mail/texts.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { MIN_PASSWORD_LENGTH } from './create-site-admin.ts';
import { enqueueMail, mailQueued } from '../common/enqueue-mail.ts';
import { issueOneTimeLink, redeemOneTimeLink } from './one-time-links.ts';
import { hashPassword } from '../common/secrets.ts';
import { refuseIfPasswordSignInOff } from './password-sign-in.ts';
import { startSession, type StartedSession } from './sign-in.ts';

const RESET_VALID_MINUTES = 60;

/**
 * Emails a password reset link, in the account's language, if the address has an account. The
 * answer is the same either way, so the form cannot be used to find out who is a member.
 */
export async function requestPasswordReset(
  ctx: AppContext,
  props: { email: string },
): Promise<void> {
  const email = normaliseEmail(props.email);
  if (!email)
    throw invalid('Enter a valid email address.', [
      { path: 'email', message: 'Enter a valid email address.' },
    ]);
  const queued = await inTransaction(ctx, async (trx): Promise<boolean> => {
    const account = await findAccountByEmail(trx, email);
    if (!account) return false;
    const secret = await issueOneTimeLink(trx, {
      purpose: 'reset',
      personId: account.id,
      createdBy: account.id,
      now: ctx.now(),
      validForMs: RESET_VALID_MINUTES * 60_000,
    });
    await enqueueMail(
      trx,
      {
        to: account.email,
        ...mailTextsFor(account.locale).passwordReset({
          name: account.name,
          link: `${ctx.baseUrl}/reset/${secret}`,
          validMinutes: RESET_VALID_MINUTES,
        }),
      },
      ctx.now(),
    );
    return true;
  });
  // The mail is sent later by the outbox, so a failing mail server cannot reveal either that
  // the address has an account.
  if (queued) mailQueued(ctx);
}

/** Sets a new password from a reset link, signs out every other session, and signs in. */
export function resetPassword(
  ctx: AppContext,
  props: { secret: string; password: string },
): Promise<StartedSession> {
  if (props.password.length < MIN_PASSWORD_LENGTH || props.password.length > 1000) {
    throw invalid('Choose a better password.', [
      {
        path: 'password',
        message: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
      },
    ]);
  }
  return inTransaction(ctx, async (trx) => {
    const token = await redeemOneTimeLink(trx, props.secret, 'reset', isoNow(ctx));
    await refuseIfPasswordSignInOff(trx, token.person_id, isoNow(ctx).slice(0, 10));
    await setPasswordHash(trx, token.person_id, await hashPassword(props.password));
    await deleteSessionsOfPerson(trx, token.person_id);
    return startSession(trx, ctx.now(), token.person_id);
  });
}
