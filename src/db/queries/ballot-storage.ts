import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { dialectOf, type Db } from '../database.ts';

/**
 * What storage keeps of a plain secret ballot's casting, and how the close erases it (DESIGN.md
 * section 5: nobody, an administrator with the database included, links a vote to its voter;
 * issue 14's audit). While a ballot is open, each cast writes its roll row, box row and receipt
 * in one transaction, and the engines keep that together:
 * - PostgreSQL stamps every row with the transaction that wrote it (`xmin`), so `roll.xmin =
 *   box.xmin` pairs a voter with a choice; rows lie in the heap in arrival order; and a deleted
 *   row stays in its page, `xmin` and all, until VACUUM removes it.
 * - SQLite appends each commit's pages to the write-ahead log (`-wal`), where they stay until
 *   overwritten; deleted cells stay in their page unless `secure_delete` is on (it is:
 *   src/db/database.ts); cells are laid out in a page in the order they were inserted.
 *
 * So the close (close-ballot.ts) rewrites the roll, the box and the receipts in its own
 * transaction, and once that has committed, `eraseCastTraces` removes what the old rows left.
 */

/**
 * Rewrites a ballot's roll, box and receipts in the closing transaction, each in an order that
 * says nothing of the cast: the roll by person, the box by choice and a new random id (an old
 * id's index entry, until VACUUM removes it, still points where the row lay in order of arrival),
 * the receipts by fingerprint. On PostgreSQL every rewritten row carries the closing
 * transaction's id instead of its voter's; on SQLite the cells are laid out afresh and the old
 * ones zeroed (`secure_delete`).
 *
 * Cost: every row of the ballot in three tables is deleted and written again (on PostgreSQL
 * each roll and receipt row also checks its foreign key), in the closing transaction, which
 * holds the ballot's lock. Measured on the shared 2-core machine under heavy load, a close of
 * 100,000 votes took about 15 s on PostgreSQL and 5 s on SQLite, where rewriting the box alone
 * took 4 s and 0.2 s; 500,000 votes about 90 s and 45-60 s.
 */
export async function rewriteBallotRows(db: Db, ballotId: string) {
  if (dialectOf(db) === 'postgres') {
    await sql`with moved as (delete from ballot_roll where ballot_id = ${ballotId} returning *)
      insert into ballot_roll (ballot_id, person_id)
      select ballot_id, person_id from moved order by person_id`.execute(db);
    await sql`with moved as (delete from ballot_box where ballot_id = ${ballotId} returning *)
      insert into ballot_box (ballot_id, id, choice, weight, voter_person_id)
      select ballot_id, id, choice, weight, voter_person_id
      from (select ballot_id, gen_random_uuid()::text as id, choice, weight, voter_person_id
            from moved) renamed
      order by choice, id`.execute(db);
    await sql`with moved as (delete from ballot_receipts where ballot_id = ${ballotId} returning *)
      insert into ballot_receipts (ballot_id, fingerprint)
      select ballot_id, fingerprint from moved order by fingerprint`.execute(db);
    return;
  }
  // SQLite: each table's rows of the ballot are copied aside in key order (temporary tables,
  // dropped before the commit, holding nothing the tables themselves do not), deleted (their cells zeroed: `secure_delete`) and written back sorted by key, so
  // cells are laid out in key order; the box under new random ids. Done inside SQLite: fetching
  // the rows into JavaScript and inserting them again took several times longer.
  await sql`create temp table ballot_rewrite_box as
    select choice, weight, voter_person_id from ballot_box where ballot_id = ${ballotId}`.execute(
    db,
  );
  await sql`create temp table ballot_rewrite_roll as
    select person_id from ballot_roll where ballot_id = ${ballotId}`.execute(db);
  await sql`create temp table ballot_rewrite_receipts as
    select fingerprint from ballot_receipts where ballot_id = ${ballotId}`.execute(db);
  for (const table of TABLES)
    await db.deleteFrom(table).where('ballot_id', '=', ballotId).execute();
  await sql`insert into ballot_box (ballot_id, id, choice, weight, voter_person_id)
    select ${ballotId}, id, choice, weight, voter_person_id
    from (select lower(hex(randomblob(16))) as id, choice, weight, voter_person_id
          from temp.ballot_rewrite_box)
    order by id`.execute(db);
  await sql`insert into ballot_roll (ballot_id, person_id)
    select ${ballotId}, person_id from temp.ballot_rewrite_roll order by person_id`.execute(db);
  await sql`insert into ballot_receipts (ballot_id, fingerprint)
    select ${ballotId}, fingerprint from temp.ballot_rewrite_receipts order by fingerprint`.execute(
    db,
  );
  for (const name of ['box', 'roll', 'receipts'])
    await sql.raw(`drop table temp.ballot_rewrite_${name}`).execute(db);
}

const TABLES = ['ballot_roll', 'ballot_box', 'ballot_receipts'] as const;

/** PostgreSQL: the id of the transaction `db` is in (the close), for `eraseCastTraces`. */
export async function transactionIdOf(db: Db): Promise<string | null> {
  if (dialectOf(db) !== 'postgres') return null;
  const { rows } = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(db);
  return rows[0]!.xid;
}

/** What `eraseCastTraces` could not do at once, for the log. */
export interface EraseOutcome {
  /**
   * PostgreSQL: a transaction of this database that began before the close was still running
   * (a backup, a long report; a replica's feedback, a replication slot or a prepared transaction
   * is not seen here), so VACUUM may have left dead pre-close rows; the next close's VACUUM, a
   * VACUUM by the operator or autovacuum (on a big table, only after many more dead rows)
   * removes them. SQLite: another connection was reading, so the WAL could not be emptied; the
   * next checkpoint does it.
   */
  readonly deferred: boolean;
}

/** How long the close waits for older transactions to end before it vacuums anyway. */
const PATIENCE_MS = 5_000;

/**
 * Run after the closing transaction has committed, outside any transaction: removes what the
 * database still keeps of the pre-close rows in its tables. Not within reach: PostgreSQL's own
 * write-ahead log (`pg_wal`, archives, replicas), and the bytes of space VACUUM frees without
 * zeroing, where fragments of dead rows stay until overwritten (README, "Secret ballots").
 *
 * PostgreSQL: VACUUM of the three tables removes the dead pre-close rows from the heap (their
 * tuples and so their `xmin`) and, with INDEX_CLEANUP ON, their index entries. A dead row can be
 * removed only once no transaction that might still see it is running, so it first waits (up
 * to PATIENCE_MS) until every other session's oldest snapshot is newer than the close.
 * Cost on a big database: VACUUM takes a lock that lets casting, counting and reading go on but
 * waits for another VACUUM of the same table (two closes at once take turns); it reads only the
 * heap pages written since the last VACUUM (the visibility map skips the rest), but index
 * cleanup reads each of the three tables' primary-key indexes whole, so a close costs a pass over
 * indexes that grow with every vote ever cast on this server (some hundreds of MB for tens of
 * millions of votes: seconds of I/O). That is paid once per close, not per vote, after
 * the result is committed and announced; the close's answer waits for it (and for the older
 * transactions, up to PATIENCE_MS).
 *
 * SQLite: a TRUNCATE checkpoint copies the latest pages into the database file and empties the
 * `-wal` file, which held every commit's roll and box rows side by side. It writes each page
 * changed since the last checkpoint and syncs the file: 0.3 s after a 500,000-vote close.
 */
export async function eraseCastTraces(db: Db, closedBy: string | null): Promise<EraseOutcome> {
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return { deferred: Number(rows[0]?.busy ?? 0) !== 0 };
  }
  const deferred = closedBy !== null && !(await olderTransactionsEnded(db, closedBy));
  // ballot_proxy_votes too: its rows, like the roll's, were written by the casts (0023).
  await sql`vacuum (index_cleanup on) ballot_roll, ballot_box, ballot_receipts, ballot_proxy_votes`.execute(
    db,
  );
  return { deferred };
}

/**
 * Waits until no other session of this database holds a snapshot or a transaction id as old as
 * the close's (`closedBy`, an xid8): until then VACUUM must keep the rows the close deleted.
 * `age()` counts back from the next transaction id, so an older id has the greater age. Autovacuum
 * workers are left out: their snapshots hold nothing back from another VACUUM. Sessions of other
 * roles show no ids without pg_read_all_stats; those are not waited for.
 */
async function olderTransactionsEnded(db: Db, closedBy: string): Promise<boolean> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and backend_type <> 'autovacuum worker'
        and (age(backend_xmin) >= age(xid(${closedBy}::xid8))
          or age(backend_xid) >= age(xid(${closedBy}::xid8)))`.execute(db);
    if (Number(rows[0]!.n) === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}
