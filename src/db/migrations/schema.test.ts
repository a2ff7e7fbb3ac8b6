import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases.ts';
import type { Db } from '../database.ts';

/**
 * The schema a fresh database gets, pinned: installations already ran these migrations, and the
 * migrations are built from shared pieces (support.ts), so a change to one of those pieces must
 * not change what an old migration creates. A new migration updates the golden files
 * (`npx vitest run src/db/migrations/schema.test.ts -u`), and the diff shows what it adds.
 */
describeEachDatabase('the migrated schema', (current) => {
  it('is the one every installation has', async () => {
    const { db, dialect } = current();
    const text = dialect === 'sqlite' ? await sqliteSchema(db) : await postgresSchema(db);
    await expect(text).toMatchFileSnapshot(`./__golden__/schema.${dialect}.txt`);
  });
});

/** SQLite keeps each table's and index's creating statement, as written. */
async function sqliteSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master order by name`.execute(db);
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql}\n`).join('');
}

/** PostgreSQL: each column, constraint and index of the current schema (named per test). */
async function postgresSchema(db: Db): Promise<string> {
  const columns = await sql<{ line: string }>`
    select table_name || '.' || column_name || ' ' || data_type
      || case when is_nullable = 'NO' then ' not null' else '' end
      || coalesce(' default ' || column_default, '') as line
    from information_schema.columns where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(db);
  const constraints = await sql<{ line: string }>`
    select cl.relname || ' ' || co.conname || ': ' || pg_get_constraintdef(co.oid) as line
    from pg_constraint co join pg_class cl on cl.oid = co.conrelid
    where cl.relnamespace = current_schema()::regnamespace
    order by cl.relname, co.conname`.execute(db);
  const indexes = await sql<{ line: string }>`
    select tablename || ' ' || indexname || ': '
      || replace(indexdef, current_schema() || '.', '') as line
    from pg_indexes where schemaname = current_schema()
    order by tablename, indexname`.execute(db);
  return [columns, constraints, indexes]
    .flatMap(({ rows }) => [...rows.map((r) => r.line), ''])
    .join('\n');
}
