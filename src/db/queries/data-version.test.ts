import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/databases.ts';
import { openDatabase } from '../database.ts';
import { dataVersion } from './data-version.ts';
import { insertOutboxMessage } from './outbox.ts';

const message = (id: string) => ({
  id,
  to: 'reader@example.org',
  subject: 'A notice',
  text: 'The meeting is on Tuesday.',
  created_at: '2026-07-01T12:00:00.000Z',
  next_attempt_at: '2026-07-01T12:00:00.000Z',
  list_unsubscribe: null,
});

for (const dialect of DIALECTS) {
  describe(`the database's version [${dialect}]`, () => {
    it('changes when a write is committed through this handle or by another connection to the same database', async () => {
      const open = await freshDatabase(dialect, { onDisk: true });
      const other = openDatabase(
        dialect === 'sqlite'
          ? { kind: 'sqlite', file: open.env.SQLITE_FILE! }
          : { kind: 'postgres', url: open.env.DATABASE_URL! },
      );
      try {
        const before = await dataVersion(open.db);
        await insertOutboxMessage(open.db, message('00000000-0000-4000-8000-000000000001'));
        const afterOwn = await dataVersion(open.db);
        expect(afterOwn).not.toBe(before);
        await insertOutboxMessage(other.db, message('00000000-0000-4000-8000-000000000002'));
        expect(await dataVersion(open.db)).not.toBe(afterOwn);
      } finally {
        await other.close();
        await open.close();
      }
    });
  });
}

// On PostgreSQL the version is the whole cluster's snapshot, which any other database's work
// (other test files run beside this one) moves on: that it holds still is checked on SQLite.
describe("the database's version [sqlite]", () => {
  it('stays the same while only reads are made', async () => {
    const open = await freshDatabase('sqlite');
    try {
      const before = await dataVersion(open.db);
      await open.db.selectFrom('outbox').selectAll().execute();
      await dataVersion(open.db);
      expect(await dataVersion(open.db)).toBe(before);
    } finally {
      await open.close();
    }
  });
});
