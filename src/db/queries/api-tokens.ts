import type { Db } from '../database.ts';
import { readJson } from '../json.ts';
import { updateById } from '../rows.ts';
import type { ApiTokenTable } from '../schema.ts';
import type { ApiScope } from '../../domain/accounts/api-tokens.ts';

export type ApiTokenRow = Omit<ApiTokenTable, 'scopes'> & { scopes: ApiScope[] };

const toRow = (row: ApiTokenTable): ApiTokenRow => ({
  ...row,
  scopes: readJson<ApiScope[]>(row.scopes),
});

export const insertApiToken = (db: Db, row: ApiTokenRow) =>
  db
    .insertInto('api_tokens')
    .values({ ...row, scopes: JSON.stringify(row.scopes) })
    .execute();

export const listApiTokensOfPerson = async (db: Db, personId: string) =>
  (
    await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
  ).map(toRow);

export async function countLiveApiTokens(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A token still in force with this hash, if any. */
export const findLiveApiToken = async (db: Db, tokenHash: string) => {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && toRow(row);
};

const updateApiToken = updateById<'api_tokens', 'last_used_at'>('api_tokens');
export const markApiTokenUsed = (db: Db, id: string, at: string) =>
  updateApiToken(db, id, { last_used_at: at });

/** Revokes one of the person's tokens; false when they have no such token in force. */
export async function revokeApiToken(db: Db, personId: string, id: string, at: string) {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
