import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { compiledPerRowCount } from './compiled-rows.ts';

const person = (id: string, name: string, locale: string | null = null) => ({
  id,
  name,
  email: `${id}@example.org`,
  created_at: '2026-07-01T12:00:00.000Z',
  locale,
});
type Person = ReturnType<typeof person>;
const COLUMNS = ['id', 'name', 'email', 'created_at', 'locale'] as const;

for (const dialect of DIALECTS) {
  describe(`an insert compiled once per number of rows [${dialect}]`, () => {
    it('writes each call’s rows, whatever their number, nulls included', async () => {
      const open = await freshDatabase(dialect);
      try {
        const insert = compiledPerRowCount(COLUMNS, (db, rows: Person[]) =>
          db.insertInto('people').values(rows).returning(['id', 'name', 'locale']),
        );
        expect(await insert(open.db, [person('p1', 'Ada', 'fr'), person('p2', 'Bea')])).toEqual([
          { id: 'p1', name: 'Ada', locale: 'fr' },
          { id: 'p2', name: 'Bea', locale: null },
        ]);
        await insert(open.db, [person('p3', 'Cy')]);
        await open.db.transaction().execute(async (trx) => {
          await insert(trx, [person('p4', 'Di', 'en'), person('p5', 'Ed')]);
        });
        const stored = await open.db
          .selectFrom('people')
          .select(['id', 'name', 'email', 'locale'])
          .orderBy('id')
          .execute();
        expect(stored).toEqual([
          { id: 'p1', name: 'Ada', email: 'p1@example.org', locale: 'fr' },
          { id: 'p2', name: 'Bea', email: 'p2@example.org', locale: null },
          { id: 'p3', name: 'Cy', email: 'p3@example.org', locale: null },
          { id: 'p4', name: 'Di', email: 'p4@example.org', locale: 'en' },
          { id: 'p5', name: 'Ed', email: 'p5@example.org', locale: null },
        ]);
      } finally {
        await open.close();
      }
    });

    it('refuses a value written into the SQL, and a row without one of its columns', async () => {
      const open = await freshDatabase(dialect);
      try {
        const inlined = compiledPerRowCount(COLUMNS, (db, rows: Person[]) =>
          db
            .insertInto('people')
            .values(rows.map((r) => ({ ...r, name: sql.raw(`'${r.name}'`) as never }))),
        );
        await expect(inlined(open.db, [person('p1', 'Ada')])).rejects.toThrow(/not/);
        const insert = compiledPerRowCount(COLUMNS, (db, rows: Person[]) =>
          db.insertInto('people').values(rows),
        );
        const missing = { ...person('p2', 'Bea'), locale: undefined } as unknown as Person;
        await expect(insert(open.db, [missing])).rejects.toThrow(/no locale/);
        expect(await open.db.selectFrom('people').select('id').execute()).toEqual([]);
      } finally {
        await open.close();
      }
    });
  });
}
