import { DomainError } from '../../domain/errors.ts';
import { normaliseEmail } from '../../domain/names.ts';
import type { Db } from '../../db/database.ts';
import { insertSession } from '../../db/queries/auth.ts';
import { findAccountByEmail } from '../../db/queries/people.ts';
import { type AppContext, inTransaction } from '../shared/context.ts';
import { hashPassword, hashSecret, newSecret, verifyPassword } from '../shared/secrets.ts';

export const SESSION_DAYS = 14;

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  readonly token: string;
  readonly personId: string;
  readonly expiresAt: Date;
}

/** Starts a session for a person inside the caller's transaction. */
export async function startSession(trx: Db, now: Date, personId: string): Promise<StartedSession> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(trx, {
    id_hash: hashSecret(token),
    person_id: personId,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { token, personId, expiresAt };
}

// Verifying against a real hash when the email is unknown keeps the answer time the same, so
// timing does not tell who has an account.
let dummyHash: Promise<string> | undefined;

/** Checks an email and password and starts a session. Rate limiting is the caller's. */
export async function signIn(
  ctx: AppContext,
  props: { email: string; password: string },
): Promise<StartedSession> {
  const email = normaliseEmail(props.email) ?? '';
  const account = email ? await findAccountByEmail(ctx.db, email) : undefined;
  dummyHash ??= hashPassword('not a real password, only for equal timing');
  const ok = await verifyPassword(account?.password_hash ?? (await dummyHash), props.password);
  if (!account || !ok) {
    throw new DomainError('BAD_CREDENTIALS', 'That email and password do not match an account.');
  }
  return inTransaction(ctx, (trx) => startSession(trx, ctx.now(), account.id));
}
