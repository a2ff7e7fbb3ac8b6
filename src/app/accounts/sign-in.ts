import { DomainError } from '../../domain/errors.ts';
import { normaliseEmail } from '../../domain/names.ts';
import type { Db } from '../../db/database.ts';
import { insertSession } from '../../db/queries/auth.ts';
import { findAccountByEmail } from '../../db/queries/people.ts';
import {
  addFailure,
  clearFailures,
  findFailureCounts,
  forgetFailuresBefore,
  forgiveFailures,
} from '../../db/queries/sign-in-failures.ts';
import {
  type Allowance,
  type FailureCount,
  FORGET_AFTER_MS,
  PER_ACCOUNT_AND_ADDRESS,
  PER_ADDRESS,
  addressGroup,
  heldUntil,
  isForgotten,
} from '../../domain/accounts/sign-in-throttle.ts';
import { type AppContext, inTransaction, today } from '../common/context.ts';
import { hashPassword, hashSecret, newSecret, verifyPassword } from '../common/secrets.ts';
import { passwordSignInRefusal } from './password-sign-in.ts';

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

/**
 * Checks an email and password and starts a session. `address` is the client's address as the
 * HTTP layer resolved it (through TRUST_PROXY): failures are throttled per account and address
 * and per address (src/domain/accounts/sign-in-throttle.ts); successes never count.
 */
export async function signIn(
  ctx: AppContext,
  props: { email: string; password: string; address: string },
): Promise<StartedSession> {
  const email = normaliseEmail(props.email) ?? '';
  const keys = throttleKeys(email || props.email.trim().toLowerCase(), props.address);
  await countAttempt(ctx, keys, ctx.now());
  const account = email ? await findAccountByEmail(ctx.db, email) : undefined;
  dummyHash ??= hashPassword('not a real password, only for equal timing');
  const ok = await verifyPassword(account?.password_hash ?? (await dummyHash), props.password);
  if (!account || !ok) {
    throw new DomainError('BAD_CREDENTIALS', 'That email and password do not match an account.');
  }
  const session = await inTransaction(ctx, async (trx) => {
    // The attempt was counted as a failure ahead of time; it was not one. A success from an
    // address also forgives one earlier failure there: a venue's members signing in keep its
    // count low, while a list of guessed accounts rarely succeeds.
    await clearFailures(trx, keys.accountAndAddress);
    await forgiveFailures(trx, keys.address, 2);
    // The right password, refused all the same: it is no failure, so the counts above stand.
    const refusal = await passwordSignInRefusal(trx, account.id, today(ctx));
    return refusal ?? startSession(trx, ctx.now(), account.id);
  });
  if (session instanceof DomainError) throw session;
  return session;
}

interface ThrottleKeys {
  readonly accountAndAddress: string;
  readonly address: string;
}

const LIMITS: readonly [keyof ThrottleKeys, Allowance][] = [
  ['accountAndAddress', PER_ACCOUNT_AND_ADDRESS],
  ['address', PER_ADDRESS],
];

/** Hashed, so the table of failures holds no email or IP address. */
function throttleKeys(email: string, address: string): ThrottleKeys {
  const group = addressGroup(address);
  return {
    accountAndAddress: hashSecret(`account and address\n${email}\n${group}`),
    address: hashSecret(`address\n${group}`),
  };
}

/**
 * Refuses an attempt that must still wait, else counts it as a failure before the password is
 * checked: attempts sent side by side (a password list fired in parallel) then each see the ones
 * before them, on every process, instead of all passing the check before any failure is stored.
 */
async function countAttempt(ctx: AppContext, keys: ThrottleKeys, now: Date): Promise<void> {
  const before = await findFailureCounts(ctx.db, Object.values(keys));
  for (const [name, allowance] of LIMITS) refuseIfHeld(before.get(keys[name]), allowance, now);
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  const after = await inTransaction(ctx, async (trx) => {
    await forgetFailuresBefore(trx, forgetBefore);
    const counted = new Map<keyof ThrottleKeys, FailureCount>();
    for (const [name] of LIMITS) {
      counted.set(name, await addFailure(trx, keys[name], now.toISOString(), forgetBefore));
    }
    return counted;
  });
  for (const [name, allowance] of LIMITS) {
    const earlier = before.get(keys[name]);
    const seen = earlier && !isForgotten(earlier, now) ? earlier.failures : 0;
    const failures = after.get(name)!.failures;
    // Attempts racing this one were counted in between: the hold they set applies here too.
    if (failures > seen + 1)
      refuseIfHeld({ failures: failures - 1, lastFailureAt: now }, allowance, now);
  }
}

function refuseIfHeld(count: FailureCount | undefined, allowance: Allowance, now: Date): void {
  const until = heldUntil(count, allowance, now);
  if (!until) return;
  const seconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  throw new DomainError(
    'SIGN_IN_DELAYED',
    `Too many failed sign-ins from here. Wait ${seconds} s, then try again, or reset your password.`,
    [],
    { seconds },
  );
}
