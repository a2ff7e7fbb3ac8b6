import type { Db } from '../database.ts';
import { findById, insertInChunks, updateById } from '../rows.ts';
import type { AccountTable, PersonTable } from '../schema.ts';

export type PersonRow = PersonTable;
export type AccountRow = AccountTable;
/** A new person: their language is unset until they choose one. */
export type NewPerson = Omit<PersonRow, 'locale'> & { locale?: string | null };

export const insertPerson = (db: Db, row: NewPerson) =>
  db.insertInto('people').values(row).execute();

/** Inserts many people in statements of 1,000 rows (well under both databases' parameter limits). */
export const insertPeople = (db: Db, rows: readonly NewPerson[], onChunk?: (n: number) => void) =>
  insertInChunks(db, 'people', rows, onChunk);

export const findPerson = (db: Db, id: string) => findById(db, 'people', id);

export const findPersonByEmail = (db: Db, email: string) =>
  db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();

/** People holding any of these emails, in chunks to stay under bound-parameter limits. */
export async function findPeopleByEmails(db: Db, emails: readonly string[]) {
  const rows: PersonRow[] = [];
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    if (chunk.length)
      rows.push(
        ...(await db.selectFrom('people').selectAll().where('email', 'in', chunk).execute()),
      );
  }
  return rows;
}

export const updatePerson = updateById<'people', 'name' | 'email'>('people');

export const insertAccount = (db: Db, row: AccountRow) =>
  db.insertInto('accounts').values(row).execute();

export const findAccount = (db: Db, personId: string) =>
  db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();

export const setPasswordHash = (db: Db, personId: string, passwordHash: string) =>
  db
    .updateTable('accounts')
    .set({ password_hash: passwordHash })
    .where('person_id', '=', personId)
    .execute();

export async function countAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Account and person together, for signing in and for mailing a reset link in their language. */
export const findAccountByEmail = (db: Db, email: string) =>
  db
    .selectFrom('people')
    .innerJoin('accounts', 'accounts.person_id', 'people.id')
    .select([
      'people.id',
      'people.name',
      'people.email',
      'people.locale',
      'accounts.password_hash',
      'accounts.is_site_admin',
    ])
    .where('people.email', '=', email)
    .executeTakeFirst();

/** Sets the language a person reads Seconded in; null follows their browser again. */
export const setPersonLocale = (db: Db, id: string, locale: string | null) =>
  db.updateTable('people').set({ locale }).where('id', '=', id).execute();
