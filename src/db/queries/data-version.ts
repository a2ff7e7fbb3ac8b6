import { sql } from 'kysely';
import { dialectOf, type Db } from '../database.ts';

/**
 * A token that changes whenever a write may have been committed to the database, by this
 * process or any other, and stays the same while nothing was: a page built after reading it can
 * be served again for as long as it reads the same (src/http/caching.ts). It may change without
 * a visible change (a rolled-back write, another database of the same PostgreSQL cluster): that
 * costs a rebuild, never a stale page.
 *
 * - PostgreSQL: the current snapshot (`pg_current_snapshot()`, PostgreSQL 13+). A snapshot is
 *   the set of transactions whose effects are visible: `xmin`, `xmax` and the transactions in
 *   progress between them. Any transaction that completes moves `xmax` past it or drops it from
 *   the list, so two equal snapshots see the same committed data, whichever pooled connection
 *   or server process took them.
 * - SQLite: `total_changes()` counts the rows this connection has inserted, updated or deleted
 *   (every write of this process: Seconded opens one connection and Kysely lends it to one
 *   transaction at a time, so no write is half done when this runs), and `PRAGMA data_version`
 *   changes when another connection (the CLI, another process) commits
 *   (https://sqlite.org/pragma.html#pragma_data_version).
 */
export async function dataVersion(db: Db): Promise<string> {
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(db);
    return rows[0]!.v;
  }
  const { rows } = await sql<{ v: string }>`
    select total_changes() || ':' || (select data_version from pragma_data_version) as v`.execute(
    db,
  );
  return rows[0]!.v;
}

/** Per database handle: the reading being gathered for this turn of the event loop, if any. */
const gathering = new WeakMap<Db, Promise<string>>();

/**
 * `dataVersion`, read once for all the requests that ask in the same turn of the event loop (as
 * sessions are resolved, src/app/accounts/session.ts): under 64 readers that is one query for
 * many pages, not one each. The reading is taken in the check phase, after every request that
 * asked has arrived, so it is never older than any of them: a write committed before a request
 * arrived is seen by it. Inside a transaction it is read at once, on the transaction.
 */
export function recentDataVersion(db: Db): Promise<string> {
  if (db.isTransaction) return dataVersion(db);
  let reading = gathering.get(db);
  if (!reading) {
    reading = new Promise<string>((resolve, reject) => {
      setImmediate(() => {
        gathering.delete(db);
        dataVersion(db).then(resolve, reject);
      });
    });
    gathering.set(db, reading);
  }
  return reading;
}
