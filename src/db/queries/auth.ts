import type { Db } from '../database.ts';
import type { SessionTable, TokenTable } from '../schema.ts';
import { notLeftBy } from './memberships.ts';

export type SessionRow = SessionTable;
export type TokenRow = TokenTable;

export const insertSession = (db: Db, row: SessionRow) =>
  db.insertInto('sessions').values(row).execute();

export const findSession = (db: Db, idHash: string) =>
  db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();

export const deleteSession = (db: Db, idHash: string) =>
  db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();

export const deleteSessionsOfPerson = (db: Db, personId: string) =>
  db.deleteFrom('sessions').where('person_id', '=', personId).execute();

export const deleteExpiredSessions = (db: Db, now: string) =>
  db.deleteFrom('sessions').where('expires_at', '<=', now).execute();

export const insertToken = (db: Db, row: TokenRow) => db.insertInto('tokens').values(row).execute();

export const findToken = (db: Db, tokenHash: string, purpose: string) =>
  db
    .selectFrom('tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();

/** Marks a token used, only if it still is unused: returns false when another request won. */
export async function useToken(db: Db, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Retires the unused tokens of one purpose (and, if given, one person). */
export const retireTokens = (db: Db, purpose: string, now: string, personId?: string) => {
  let q = db
    .updateTable('tokens')
    .set({ used_at: now })
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null);
  if (personId !== undefined) q = q.where('person_id', '=', personId);
  return q.execute();
};

export const listTokensOfPerson = (db: Db, personId: string) =>
  db
    .selectFrom('tokens')
    .select(['purpose', 'created_at', 'expires_at', 'used_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();

/**
 * Live sessions with their people, account flags and current memberships (not left on or
 * before `today`, each with its body's organisation), in one query: a row per membership, or
 * one with null membership columns. It runs for every request, so the requests that arrive
 * together ask together.
 */
export const findSessionPeople = (
  db: Db,
  idHashes: readonly string[],
  now: string,
  today: string,
) =>
  db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    // Joined directly, not through a subquery: SQLite would build the subquery for everyone.
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.person_id', '=', 'people.id').on(notLeftBy(today)),
    )
    .leftJoin('bodies', 'bodies.id', 'memberships.body_id')
    .select([
      'sessions.id_hash',
      'people.id',
      'people.name',
      'people.email',
      'people.locale',
      'accounts.is_site_admin',
      'memberships.body_id',
      'memberships.role',
      'bodies.organisation_id',
    ])
    .where('sessions.id_hash', 'in', idHashes)
    .where('sessions.expires_at', '>', now)
    .execute();
