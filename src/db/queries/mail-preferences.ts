import type { Db } from '../database.ts';

export const findMailPreferences = (db: Db, personId: string) =>
  db
    .selectFrom('mail_preferences')
    .selectAll()
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const findMailPreferencesByToken = (db: Db, token: string) =>
  db.selectFrom('mail_preferences').selectAll().where('token', '=', token).executeTakeFirst();

/** Makes a person's row with no email turned off, unless they have one already. */
export const insertMailPreferences = (
  db: Db,
  row: { person_id: string; token: string; at: string },
) =>
  db
    .insertInto('mail_preferences')
    .values({ person_id: row.person_id, token: row.token, off: '[]', updated_at: row.at })
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute();

export const updateMailKindsOff = (db: Db, personId: string, off: readonly string[], at: string) =>
  db
    .updateTable('mail_preferences')
    .set({ off: JSON.stringify(off), updated_at: at })
    .where('person_id', '=', personId)
    .execute();
