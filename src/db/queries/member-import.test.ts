import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import { isUniqueViolation } from '../database.ts';
import { insertImported } from './member-import.ts';

describeEachDatabase('writing imported members', (database) => {
  const at = '2026-01-01T00:00:00.000Z';
  it('keeps backslashes, tabs, line breaks and missing values exactly as given', async () => {
    const { db } = database();
    const awkward = 'O\\Brien\tthe\nsecond\r\\N';
    await insertImported(db, at, [['p1', awkward, 'o\\b@example.org']], []);
    const row = await db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', 'p1')
      .executeTakeFirstOrThrow();
    expect([row.name, row.email, row.locale]).toEqual([awkward, 'o\\b@example.org', null]);
  });

  it('refuses a row whose email is taken, and the connection goes on working', async () => {
    const { db } = database();
    const person = (id: string) => [id, 'A', 'a@example.org'] as const;
    await insertImported(db, at, [person('p1')], []);
    const error = await insertImported(db, at, [person('p2')], []).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    const rows = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'a@example.org')
      .execute();
    expect(rows).toEqual([{ id: 'p1' }]);
  });

  it("writes on the transaction's own connection, taken back with it", async () => {
    const { db } = database();
    const person = ['p1', 'A', 'a@example.org'] as const;
    const inside = await db
      .transaction()
      .execute(async (trx) => {
        await insertImported(trx, at, [person], []);
        const seen = await trx.selectFrom('people').select('id').where('id', '=', 'p1').execute();
        throw Object.assign(new Error('roll back'), { seen });
      })
      .catch((e: { seen?: unknown }) => e.seen);
    expect(inside).toEqual([{ id: 'p1' }]);
    expect(await db.selectFrom('people').select('id').where('id', '=', 'p1').execute()).toEqual([]);
  });
});
