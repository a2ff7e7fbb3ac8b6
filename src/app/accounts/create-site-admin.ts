import { DomainError, invalid } from '../../domain/errors.ts';
import { normaliseEmail, normaliseName } from '../../domain/names.ts';
import {
  findAccount,
  findPersonByEmail,
  insertAccount,
  insertPerson,
  updatePerson,
} from '../../db/queries/people.ts';
import type { Db } from '../../db/database.ts';
import { type AppContext, inTransaction, isoNow } from '../common/context.ts';
import { hashPassword, newId } from '../common/secrets.ts';

export interface NewAccountProps {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Checks a name, email and password for a new account; returns them cleaned. */
export function checkNewAccount(props: NewAccountProps) {
  const name = normaliseName(props.name);
  const email = normaliseEmail(props.email);
  const problems = [];
  if (!name) problems.push({ path: 'name', message: 'Enter your name.' });
  if (name.length > 200)
    problems.push({ path: 'name', message: 'A name can be at most 200 characters.' });
  if (!email) problems.push({ path: 'email', message: 'Enter a valid email address.' });
  if (props.password.length < MIN_PASSWORD_LENGTH) {
    problems.push({
      path: 'password',
      message: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
    });
  }
  if (props.password.length > 1000)
    problems.push({ path: 'password', message: 'That password is too long.' });
  if (problems.length || !email) throw invalid('Some details need correcting.', problems);
  return { name, email, password: props.password };
}

/**
 * Gives a person an account (creating the person if their email is new), inside a transaction
 * the caller holds. Refuses if they already have one.
 */
export async function createAccountIn(
  trx: Db,
  at: string,
  props: NewAccountProps & { isSiteAdmin: boolean },
): Promise<{ personId: string }> {
  const { name, email, password } = checkNewAccount(props);
  const passwordHash = await hashPassword(password);
  const existing = await findPersonByEmail(trx, email);
  const personId = existing?.id ?? newId();
  if (existing) {
    if (await findAccount(trx, existing.id)) {
      throw new DomainError(
        'ALREADY_EXISTS',
        'There is already an account with that email address.',
      );
    }
    await updatePerson(trx, existing.id, { name });
  } else {
    await insertPerson(trx, { id: personId, name, email, created_at: at });
  }
  await insertAccount(trx, {
    person_id: personId,
    password_hash: passwordHash,
    is_site_admin: props.isSiteAdmin ? 1 : 0,
    created_at: at,
  });
  return { personId };
}

/** Creates a site administrator (`seconded create-admin`): they can set up organisations. */
export function createSiteAdmin(
  ctx: AppContext,
  props: NewAccountProps,
): Promise<{ personId: string }> {
  return inTransaction(ctx, (trx) =>
    createAccountIn(trx, isoNow(ctx), { ...props, isSiteAdmin: true }),
  );
}
