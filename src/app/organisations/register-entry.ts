import { DomainError, notFound } from '../../domain/errors.ts';
import type { Db } from '../../db/database.ts';
import { findRegisterEntry, officesHeld } from '../../db/queries/register.ts';

/**
 * What the register's use cases (add, edit, lapse, remove, invite one member) share: the member
 * they act on, found on this body's register or not found at all.
 */

export type RegisterEntry = NonNullable<Awaited<ReturnType<typeof findRegisterEntry>>>;

/** The person's membership of the body, or NOT_FOUND (a person of another body is not found). */
export async function registerEntry(db: Db, bodyId: string, personId: string) {
  const entry = await findRegisterEntry(db, bodyId, personId);
  if (!entry) throw notFound('That member');
  return entry;
}

/**
 * Refuses to lapse or remove someone who holds an office in the body: taking an office away is
 * an admin's decision (`body.manageOfficers`), which a secretary managing the register must not
 * get round by ending the membership under it.
 */
export async function refuseIfOfficeHolder(db: Db, entry: RegisterEntry, doing: string) {
  const offices = await officesHeld(db, entry.body_id, entry.person_id);
  if (offices.length) {
    throw new DomainError(
      'CONFLICT',
      `${entry.name} holds an office here (${offices.join(', ')}). An admin must take it away before the member can be ${doing}.`,
    );
  }
}
