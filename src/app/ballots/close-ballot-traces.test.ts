/**
 * Issue 14's audit of plain secret ballots: what the database engine itself keeps of each cast
 * (PostgreSQL's transaction ids in the heap pages, SQLite's write-ahead log) must be gone once
 * the ballot is closed (src/db/queries/ballot-storage.ts). Each test first shows that the trace
 * was there while the ballot was open, so that it would fail on code that left it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  databaseOfItsOwn,
  freshDatabase,
  pageinspectOrSkip,
} from '../../../test/databases.ts';
import { testContext } from '../../../test/factories.ts';
import { camdenWithMembers } from '../../../test/story.ts';
import type { OpenDatabase } from '../../db/database.ts';
import type { AppContext, Logger } from '../common/context.ts';
import { castBallot } from './cast-ballot.ts';
import { closeBallot } from './close-ballot.ts';
import { createBallot } from './create-ballot.ts';
import { openBallot } from './open-ballot.ts';

/** A context whose log keeps what it is told, so a failure says what the close reported. */
function recordingContext(open: OpenDatabase) {
  const heard: string[] = [];
  const log: Logger = {
    info: () => {},
    warn: (message) => heard.push(`warn: ${message}`),
    error: (message, error) => heard.push(`error: ${message}: ${String(error)}`),
  };
  return { ctx: testContext(open, { log }), heard };
}

/** Camden's 38 members vote on a secret question one at a time, each in a commit of its own. */
async function ballotCastOneByOne(ctx: AppContext) {
  const story = await camdenWithMembers(ctx);
  const { members } = story;
  const { ballotId } = await createBallot(ctx, {
    actor: story.admin,
    bodyId: story.camdenId,
    question: 'That this branch has no confidence in the Leader.',
    options: { kind: 'yes-no' },
    secret: true,
  });
  await openBallot(ctx, { actor: story.admin, ballotId });
  for (const [i, m] of members.entries())
    await castBallot(ctx, { actor: m, ballotId, choice: i % 2 ? 'for' : 'against' });
  return { admin: story.admin, members, ballotId };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const TABLES = ['ballot_roll', 'ballot_box', 'ballot_receipts'] as const;

describe.runIf(DIALECTS.includes('postgres'))('closing a plain secret ballot [postgres]', () => {
  it('leaves no tuple in any page of the roll, box or receipts holding a cast’s transaction id', async (test) => {
    const open = await databaseOfItsOwn();
    closers.push(() => open.close());
    const { ctx, heard } = recordingContext(open);
    await pageinspectOrSkip(
      ctx.db,
      test,
      'the PostgreSQL check of dead tuples after a secret ballot’s close',
    );
    const { admin, ballotId } = await ballotCastOneByOne(ctx);

    const xminsOf = async (table: (typeof TABLES)[number]) =>
      (
        await sql<{ xmin: string }>`select xmin::text as xmin from ${sql.table(table)}
          where ballot_id = ${ballotId}`.execute(ctx.db)
      ).rows.map((r) => r.xmin);
    const cast = new Set(await xminsOf('ballot_roll'));
    // One commit per voter: 38 transaction ids, and while the ballot is open each box row and
    // each receipt carries its voter's (the audit's `roll.xmin = box.xmin`).
    expect(cast.size).toBe(38);
    expect(new Set(await xminsOf('ballot_box'))).toEqual(cast);
    expect(new Set(await xminsOf('ballot_receipts'))).toEqual(cast);

    /** Every line pointer of every page of a table, as pageinspect reads it off the page. */
    const tuplesOf = async (table: string) =>
      (
        await sql<{ xmin: string | null; flags: number }>`
          select t.t_xmin::text as xmin, t.lp_flags as flags
          from generate_series(
                 0, (pg_relation_size(${table}::regclass) / current_setting('block_size')::int) - 1
               ) as blk,
               lateral public.heap_page_items(public.get_raw_page(${table}::text, blk::int)) as t`.execute(
          ctx.db,
        )
      ).rows;
    // The page reader sees what the audit saw: the cast ids, in every table's pages.
    for (const table of TABLES)
      expect((await tuplesOf(table)).filter((t) => t.xmin && cast.has(t.xmin))).toHaveLength(38);

    // The box's key index pairs each id with the place its row was written, in order of arrival.
    const castIds = (
      await ctx.db.selectFrom('ballot_box').select('id').where('ballot_id', '=', ballotId).execute()
    ).map((r) => Buffer.from(r.id).toString('hex'));
    const indexKeys = async () =>
      (
        await sql<{ data: string }>`
          select replace(i.data, ' ', '') as data
          from generate_series(1, (pg_relation_size('ballot_box_pk') / current_setting('block_size')::int) - 1) as blk,
               lateral public.bt_page_items('ballot_box_pk', blk::int) as i`.execute(ctx.db)
      ).rows.map((r) => r.data);
    const indexedBefore = await indexKeys();
    expect(castIds.filter((id) => indexedBefore.some((d) => d.includes(id)))).toHaveLength(38);

    await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });

    expect(heard).toEqual([]);
    // No index entry is left for an id given at the cast (new ids, dead entries vacuumed).
    const indexedAfter = await indexKeys();
    expect(indexedAfter.length).toBeGreaterThanOrEqual(38);
    expect(castIds.filter((id) => indexedAfter.some((d) => d.includes(id)))).toEqual([]);
    for (const table of TABLES) {
      const tuples = await tuplesOf(table);
      // Live tuples are there (38 rows rewritten by the close), none with a cast's id, and no
      // dead one left with its id either.
      expect(tuples.filter((t) => t.xmin !== null)).toHaveLength(38);
      expect(
        tuples.filter((t) => t.xmin && cast.has(t.xmin)),
        table,
      ).toEqual([]);
    }
    // The count still reads the rewritten box.
    const box = await ctx.db
      .selectFrom('ballot_box')
      .select((eb) => ['choice', eb.fn.countAll<string>().as('n')])
      .where('ballot_id', '=', ballotId)
      .groupBy('choice')
      .orderBy('choice')
      .execute();
    expect(box.map((r) => [r.choice, Number(r.n)])).toEqual([
      ['against', 19],
      ['for', 19],
    ]);
  });
});

describe('closing a plain secret ballot [sqlite]', () => {
  it('turns secure_delete on, empties the WAL and leaves no byte of the pre-close box', async () => {
    const open = await freshDatabase('sqlite', { onDisk: true });
    closers.push(() => open.close());
    const file = open.env.SQLITE_FILE!;
    const { ctx, heard } = recordingContext(open);
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(ctx.db)).rows[0] as object)[0];
    expect(await pragma('secure_delete')).toBe(1);
    const { admin, members, ballotId } = await ballotCastOneByOne(ctx);

    const before = await ctx.db
      .selectFrom('ballot_box')
      .select('id')
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(before).toHaveLength(38);
    // While the ballot is open the WAL holds each commit's pages: every voter's roll row and
    // every box row are in it (the audit read them side by side).
    const wal = readFileSync(`${file}-wal`);
    for (const { id } of before) expect(wal.includes(id)).toBe(true);
    for (const m of members) expect(wal.includes(m.personId)).toBe(true);

    // As SQLite does of itself every 1,000 pages on a busy ballot: the cast-time pages go into
    // the database file too, where only the rewrite and secure_delete can clear them.
    await sql`pragma wal_checkpoint(PASSIVE)`.execute(ctx.db);
    expect(before.every(({ id }) => readFileSync(file).includes(id))).toBe(true);

    await closeBallot(ctx, { actor: admin, ballotId, confirmed: true });

    expect(heard).toEqual([]);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    // The box was rewritten under new ids and the old rows zeroed, so none of the ids written
    // at the cast, in their arrival pages, is anywhere in the database file.
    const stored = readFileSync(file);
    for (const { id } of before) expect(stored.includes(id)).toBe(false);
    const after = await ctx.db
      .selectFrom('ballot_box')
      .select('id')
      .where('ballot_id', '=', ballotId)
      .execute();
    expect(after).toHaveLength(38);
    for (const { id } of after) expect(stored.includes(id)).toBe(true);
  });
});
