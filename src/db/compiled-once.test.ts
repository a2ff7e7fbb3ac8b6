import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../test/databases.ts';
import { compiledOnce } from './compiled-once.ts';

const person = (id: string, name: string) => ({
  id,
  name,
  email: `${id}@example.org`,
  created_at: '2026-07-01T12:00:00.000Z',
  locale: null,
});

for (const dialect of DIALECTS) {
  describe(`a query compiled once [${dialect}]`, () => {
    it('answers each call for its own arguments, in a transaction too', async () => {
      const open = await freshDatabase(dialect);
      try {
        await open.db
          .insertInto('people')
          .values([person('p1', 'Ada'), person('p2', 'Bea')])
          .execute();
        const named = compiledOnce((db, { id, name }: { id: string; name: string }) =>
          db
            .selectFrom('people')
            .select(['id', 'name'])
            .where('id', '=', id)
            .where((eb) => eb.or([eb('name', '=', name), eb('name', '=', 'nobody')])),
        );
        expect(await named(open.db, { id: 'p1', name: 'Ada' })).toEqual([
          { id: 'p1', name: 'Ada' },
        ]);
        expect(await named(open.db, { id: 'p2', name: 'Bea' })).toEqual([
          { id: 'p2', name: 'Bea' },
        ]);
        expect(await named(open.db, { id: 'p2', name: 'Ada' })).toEqual([]);
        await open.db.transaction().execute(async (trx) => {
          await trx.insertInto('people').values(person('p3', 'Cy')).execute();
          expect(await named(trx, { id: 'p3', name: 'Cy' })).toEqual([{ id: 'p3', name: 'Cy' }]);
        });
      } finally {
        await open.close();
      }
    });

    it('refuses an argument written into the SQL instead of bound', async () => {
      const open = await freshDatabase(dialect);
      try {
        const inlined = compiledOnce((db, { id }: { id: string }) =>
          db
            .selectFrom('people')
            .select('id')
            .where(sql.raw(`id = '${id}'`) as never),
        );
        await expect(inlined(open.db, { id: 'p1' })).rejects.toThrow(/not a parameter/);
      } finally {
        await open.close();
      }
    });
  });
}
