/**
 * Issue 14, "done when": after an end-to-end ballot, no file of either database holds a choice in
 * the clear. Voters cast through the HTTP API with choices the test knows, and the test reads what
 * the engine keeps: every file of SQLite (the database, its -wal and -shm, before and after each
 * checkpoint) and every page of every PostgreSQL relation (pageinspect, dead tuples included).
 *
 * What the check is. A choice can be read from stored bytes only if (1) it is written in the
 * clear, (2) the randomness of its ciphertext is written (anyone then opens it with the public
 * key), (3) enough key shares are written, or (4) the ciphertext is degenerate (randomness 0:
 * α the identity and β = m·G, which is 0·G or 1·G for a choice, readable at sight). So:
 * - (1) each voter's cast, isolated as the audit of issue 14 isolated it (on PostgreSQL the
 *   tuples carrying the transaction id of the voter's roll row, `t_xmin`; on SQLite the bytes
 *   that the voter's commit changed in the WAL, against the page's previous version), holds no
 *   label of a choice, nor does any tuple naming the voter; and the labels are written no more
 *   often in the SQLite file once every ballot is in than before the first. The same detector run
 *   on a plain secret ballot, open, finds every voter's choice: it would fail on a leak.
 * - (2), (3): no file or page holds any ciphertext's randomness, a trustee's key or share, in hex
 *   or as raw bytes; (4) no stored ciphertext has an identity component or β ∈ {0·G, 1·G}, and
 *   the encoding of G appears nowhere.
 * Not read: PostgreSQL's own WAL segments (pg_wal), which need the server's file system; they
 * hold the same tuples as the pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  databaseOfItsOwn,
  freshDatabase,
  pageinspectOrSkip,
} from '../../../test/databases.ts';
import { addMembers, sessionFor, testContext } from '../../../test/factories.ts';
import { northfield } from '../../../test/story.ts';
import type { AppContext } from '../common/context.ts';
import {
  encryptBallot,
  makePolynomial,
  makeTrusteeKey,
  openShares,
  partialDecrypt,
  type Board,
  type Ciphertext,
  type TrusteeKeyPayload,
  type TrusteePolynomialPayload,
} from '../../domain/e2e/index.ts';
import { G, Point } from '../../domain/e2e/group.ts';
import type { OpenDatabase } from '../../db/database.ts';
import { createHttpApp } from '../../http/app.tsx';

const OPTIONS = ['for', 'against', 'abstain'];
/** Voter i chooses for, against, abstain by turns. */
const choiceOf = (i: number) => i % 3;
const VOTERS = 6;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  known.length = 0;
});

type Caller = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

async function setUp(ctx: AppContext) {
  const story = await northfield(ctx);
  const app = createHttpApp({ ctx, secureCookies: false, signInAttemptsPer15Min: 10 });
  const callerFor =
    (token: string): Caller =>
    async (method, path, body) => {
      const res = await app.request(`http://seconded.test/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie: `seconded_session=${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300)
        throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(answer)}`);
      return answer;
    };
  const admin = callerFor(await sessionFor(ctx, story.adminId));
  // Two trustees, six voters of the end-to-end ballot, six of the plain one.
  const people = (await addMembers(ctx, story.camdenId, 2 + 2 * VOTERS)).map((m) => ({
    personId: m.personId,
    call: callerFor(m.token),
  }));
  return {
    camdenId: story.camdenId,
    admin,
    trustees: people.slice(0, 2),
    e2eVoters: people.slice(2, 2 + VOTERS),
    plainVoters: people.slice(2 + VOTERS),
  };
}

type World = Awaited<ReturnType<typeof setUp>>;

interface State {
  setupHash: string;
  keys: TrusteeKeyPayload[];
  polynomials: TrusteePolynomialPayload[];
  openHash: string | null;
  electionKey: string | null;
  shape: { choices: number; min: number; max: number };
  totals: Ciphertext[] | null;
  me: { pseudonym: string | null };
}

/** The plain secret ballot, the control: drafted, opened, and each voter's choice cast. */
async function plainBallotVoted(w: World) {
  const drafted = await w.admin('POST', `/bodies/${w.camdenId}/ballots`, {
    question: 'That this branch affiliates to the federation.',
    secret: true,
  });
  const ballotId = drafted['ballotId'] as string;
  await w.admin('POST', `/ballots/${ballotId}/open`);
  return { ballotId, cast: () => castPlain(w, ballotId) };
}

async function castPlain(w: World, ballotId: string) {
  for (const [i, v] of w.plainVoters.entries())
    await v.call('POST', `/ballots/${ballotId}/votes`, { choice: OPTIONS[choiceOf(i)] });
}

/** The end-to-end ballot up to its opening, the trustees' devices making the keys. */
async function e2eBallotOpened(w: World) {
  const drafted = await w.admin('POST', `/bodies/${w.camdenId}/verifiable-ballots`, {
    question: 'That this branch has no confidence in the Leader.',
    trustees: w.trustees.map((t) => t.personId),
  });
  const base = `/ballots/${drafted['ballotId'] as string}`;
  const state = async (who: { call: Caller }) =>
    (await who.call('GET', `${base}/verifiable`)) as unknown as State;
  const first = await state(w.trustees[0]!);
  const secrets: string[] = [];
  for (const [i, t] of w.trustees.entries()) {
    const { secret, payload } = makeTrusteeKey(first.setupHash, i + 1);
    secrets.push(secret);
    await t.call('POST', `${base}/verifiable/key`, { payload });
  }
  const { keys } = await state(w.trustees[0]!);
  for (const [i, t] of w.trustees.entries())
    await t.call('POST', `${base}/verifiable/polynomial`, {
      payload: makePolynomial(first.setupHash, i + 1, 2, keys),
    });
  const shares: string[] = [];
  for (const [i, t] of w.trustees.entries()) {
    const opened = openShares(first.setupHash, i + 1, secrets[i]!, (await state(t)).polynomials);
    shares.push(opened.share);
    await t.call('POST', `${base}/verifiable/verification`, { payload: opened.payload });
  }
  await w.admin('POST', `${base}/verifiable/open`);
  return {
    ballotId: drafted['ballotId'] as string,
    base,
    state,
    secrets: [...secrets, ...shares],
    shares,
  };
}

/** Each voter's device seals their choice and casts it through the API. */
async function castE2e(w: World, e2e: Awaited<ReturnType<typeof e2eBallotOpened>>) {
  const randomness: string[] = [];
  const voters = [];
  for (const [i, v] of w.e2eVoters.entries()) {
    const s = await e2e.state(v);
    const sealed = encryptBallot(
      s.openHash!,
      s.electionKey!,
      s.shape,
      s.me.pseudonym!,
      OPTIONS.map((_, k) => (k === choiceOf(i) ? 1 : 0)),
    );
    randomness.push(...sealed.randomness);
    const cast = await v.call('POST', `${e2e.base}/verifiable/ballots`, { ballot: sealed.ballot });
    known.push(s.me.pseudonym!, cast['tracker'] as string);
    voters.push({
      personId: v.personId,
      ids: [v.personId, s.me.pseudonym!, cast['tracker'] as string],
    });
  }
  return { randomness, voters };
}

async function countE2e(w: World, e2e: Awaited<ReturnType<typeof e2eBallotOpened>>) {
  await w.admin('POST', `${e2e.base}/verifiable/close`);
  let last: Record<string, unknown> = {};
  for (const [i, t] of w.trustees.entries()) {
    const s = await e2e.state(t);
    const payload = partialDecrypt(s.openHash!, i + 1, e2e.shares[i]!, s.totals!);
    last = await t.call('POST', `${e2e.base}/verifiable/decryption`, { payload });
  }
  // Two voters for each: the count is right, so the ballots held the known choices.
  expect(last['result']).toMatchObject({ for: 2, against: 2, abstain: 2 });
  return (await w.admin('GET', `${e2e.base}/board`)) as unknown as Board;
}

const hexBytes = (hex: string) => Buffer.from(hex, 'hex');
const IDENTITY = '00'.repeat(32);

/** (2), (3), (4): the secrets that would open a ballot, and G, are nowhere in `bytes`. */
function expectNoOpening(bytes: Buffer, secrets: readonly string[], what: string) {
  for (const hex of [...secrets, G.toHex()]) {
    expect(bytes.includes(hex), `${what}: ${hex} in hex`).toBe(false);
    expect(bytes.includes(hexBytes(hex)), `${what}: ${hex} as bytes`).toBe(false);
  }
}

/** (4): every ciphertext on the board has randomness: α not the identity, β not 0·G nor 1·G. */
function expectNoDegenerateBallot(board: Board) {
  const ballots = board.events.filter((e) => e.type === 'ballot');
  expect(ballots).toHaveLength(VOTERS);
  for (const e of ballots)
    for (const c of (e.payload as { ballot: { choices: Ciphertext[] } }).ballot.choices) {
      expect(c.alpha).not.toBe(IDENTITY);
      expect([IDENTITY, G.toHex(), Point.ZERO.toHex()]).not.toContain(c.beta);
    }
}

/**
 * Where `label` is written as a word: not followed by a lower-case letter and not preceded by a
 * letter, `_` or `-` other than a hex digit (a column before it may end in one: SQLite writes a
 * record's columns with nothing between them), so that `format` or `platform` is not taken for
 * `for`. The base64url strings that could hold `for` by chance (pseudonyms and trackers) are
 * blanked first (`scrubbed`).
 */
function countOf(bytes: Buffer, label: string) {
  const word = (b: number | undefined) =>
    b !== undefined && /[g-zA-Z_-]/.test(String.fromCharCode(b));
  const lower = (b: number | undefined) => b !== undefined && b >= 0x61 && b <= 0x7a;
  let n = 0;
  for (let at = bytes.indexOf(label); at >= 0; at = bytes.indexOf(label, at + 1))
    if (!word(bytes[at - 1]) && !lower(bytes[at + label.length])) n++;
  return n;
}
const labelsIn = (bytes: Buffer) => OPTIONS.filter((label) => countOf(scrubbed(bytes), label) > 0);

/** The pseudonyms and trackers of the end-to-end ballot, known once its voters have cast. */
const known: string[] = [];
function scrubbed(bytes: Buffer) {
  const copy = Buffer.from(bytes);
  for (const id of known)
    for (let at = copy.indexOf(id); at >= 0; at = copy.indexOf(id, at + 1))
      copy.fill(0, at, at + id.length);
  return copy;
}

/**
 * The WAL's commits, each as the bytes it changed: every frame's page compared with that page's
 * previous version (in an earlier frame, else in `base`, the database file as the WAL began).
 * SQLite's WAL format: a 32-byte header (page size at offset 8, salts at 16), then frames of a
 * 24-byte header (page number, the database size on a commit frame, the salts) and a page.
 */
function walCommits(wal: Buffer, base: Buffer): Buffer[] {
  const pageSize = wal.readUInt32BE(8);
  const salt = wal.subarray(16, 24);
  const pages = new Map<number, Buffer>();
  const commits: Buffer[] = [];
  let changed: Buffer[] = [];
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (!wal.subarray(at + 8, at + 16).equals(salt)) break;
    const number = wal.readUInt32BE(at);
    const page = wal.subarray(at + 24, at + 24 + pageSize);
    // A page beyond the file's end is new: every byte of it is compared with nothing.
    const before = pages.get(number) ?? base.subarray((number - 1) * pageSize, number * pageSize);
    // Runs of changed bytes, joined across gaps of under 8 unchanged bytes.
    let start = -1;
    let lastChange = -1;
    for (let i = 0; i <= pageSize; i++) {
      const differs = i < pageSize && page[i] !== before[i];
      if (differs) {
        if (start < 0) start = i;
        lastChange = i;
      } else if (start >= 0 && (i === pageSize || i - lastChange >= 8)) {
        changed.push(Buffer.from(page.subarray(start, lastChange + 1)), Buffer.from([0]));
        start = -1;
      }
    }
    pages.set(number, Buffer.from(page));
    if (wal.readUInt32BE(at + 4) !== 0) {
      commits.push(Buffer.concat(changed));
      changed = [];
    }
  }
  return commits;
}

/** (1) on SQLite: the commits that wrote `personId`, and the labels among the bytes they wrote. */
const sqliteLinks = (commits: readonly Buffer[], personId: string) =>
  commits.filter((c) => c.includes(personId)).flatMap(labelsIn);

describe('an end-to-end ballot leaves no choice in the clear [sqlite]', () => {
  it('in the database file, its -wal and -shm, before and after each checkpoint', async () => {
    const open = await freshDatabase('sqlite', { onDisk: true });
    closers.push(() => open.close());
    const file = open.env.SQLITE_FILE!;
    const ctx = testContext(open);
    const files = () =>
      [file, `${file}-wal`, `${file}-shm`]
        .filter(existsSync)
        .map((f) => ({ f, bytes: readFileSync(f) }));
    const checkpoint = (mode: string) => sql.raw(`pragma wal_checkpoint(${mode})`).execute(ctx.db);
    const w = await setUp(ctx);

    // The control: a plain secret ballot, each voter's commit caught with their choice in it.
    const plain = await plainBallotVoted(w);
    await checkpoint('TRUNCATE');
    let base = readFileSync(file);
    await plain.cast();
    let commits = walCommits(readFileSync(`${file}-wal`), base);
    for (const [i, v] of w.plainVoters.entries())
      expect(sqliteLinks(commits, v.personId), 'the plain ballot').toContain(OPTIONS[choiceOf(i)]);

    const e2e = await e2eBallotOpened(w);
    await checkpoint('TRUNCATE');
    base = readFileSync(file);
    const written = OPTIONS.map((label) => countOf(scrubbed(base), label));
    const { randomness, voters } = await castE2e(w, e2e);
    const secrets = [...randomness, ...e2e.secrets];

    // Before the checkpoint: each voter's commit wrote no label, and nothing opens a ballot.
    commits = walCommits(readFileSync(`${file}-wal`), base);
    expect(commits.length).toBeGreaterThanOrEqual(VOTERS);
    for (const v of voters) {
      // Each cast is found (the commit writes the roll row and the ballot, its tracker), and what
      // it links the voter to holds no choice.
      expect(commits.some((c) => c.includes(v.personId) && c.includes(v.ids[2]!))).toBe(true);
      for (const id of v.ids) expect(sqliteLinks(commits, id), `voter ${id}`).toEqual([]);
    }
    for (const { f, bytes } of files())
      expectNoOpening(bytes, secrets, `${f}, before the checkpoint`);
    // After it, the database file holds each label as often as before the first ballot.
    await checkpoint('PASSIVE');
    for (const { f, bytes } of files())
      expectNoOpening(bytes, secrets, `${f}, after the checkpoint`);
    expect(OPTIONS.map((label) => countOf(scrubbed(readFileSync(file)), label))).toEqual(written);

    // The close and the count, before and after their checkpoint.
    const board = await countE2e(w, e2e);
    expectNoDegenerateBallot(board);
    for (const { f, bytes } of files()) expectNoOpening(bytes, secrets, `${f}, after the count`);
    await checkpoint('TRUNCATE');
    for (const { f, bytes } of files())
      expectNoOpening(bytes, secrets, `${f}, after the count's checkpoint`);
  }, 180_000);
});

/** Every tuple of every table and TOAST table, live or dead, as pageinspect reads the pages. */
async function tuples(open: OpenDatabase) {
  const rows = await sql<{ rel: string; xmin: string | null; data: Buffer | null }>`
    select c.oid::regclass::text as rel, t.t_xmin::text as xmin, t.t_data as data
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace,
    lateral generate_series(0, (pg_relation_size(c.oid) / current_setting('block_size')::int) - 1) as blk,
    lateral public.heap_page_items(public.get_raw_page(c.oid::regclass::text, blk::int)) as t
    where c.relkind in ('r', 't') and n.nspname in ('public', 'pg_toast')`.execute(open.db);
  return rows.rows.map((r) => ({ ...r, data: r.data ?? Buffer.alloc(0) }));
}

/** Every page of every relation with storage (tables, TOAST, indexes), as raw bytes. */
async function allPages(open: OpenDatabase) {
  const rows = await sql<{ page: Buffer }>`
    select public.get_raw_page(c.oid::regclass::text, blk::int) as page
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace,
    lateral generate_series(0, (pg_relation_size(c.oid) / current_setting('block_size')::int) - 1) as blk
    where c.relkind in ('r', 't', 'i', 'm') and n.nspname in ('public', 'pg_toast')`.execute(
    open.db,
  );
  return Buffer.concat(rows.rows.map((r) => r.page));
}

/** (1) on PostgreSQL: the labels in the tuples of the voter's cast (by xmin) or naming them. */
async function postgresLinks(
  open: OpenDatabase,
  ballotId: string,
  voters: readonly { ids: readonly string[] }[],
) {
  const all = await tuples(open);
  const links = [];
  for (const { ids } of voters) {
    const roll = await sql<{ xmin: string }>`select xmin::text as xmin from ballot_roll
      where ballot_id = ${ballotId} and person_id = ${ids[0]!}`.execute(open.db);
    const xmin = roll.rows[0]!.xmin;
    // The outbox names every elector in the notices all of them get alike (the opening, the
    // reminder, the result), written by the opening or the close, not by a cast: a mail written
    // by the cast itself is still read, by its xmin.
    const cast = all.filter(
      (t) => t.xmin === xmin || (t.rel !== 'outbox' && ids.some((id) => t.data.includes(id))),
    );
    links.push({
      tables: new Set(cast.map((t) => t.rel)),
      labels: cast.flatMap((t) => labelsIn(t.data).map((label) => `${t.rel}: ${label}`)),
    });
  }
  return links;
}

/**
 * Each cast is found (its roll row and its ballot on the board share a transaction id), and what
 * it links the voter to holds no choice.
 */
async function expectCastsHoldNoChoice(
  open: OpenDatabase,
  ballotId: string,
  voters: readonly { ids: readonly string[] }[],
) {
  for (const { tables, labels } of await postgresLinks(open, ballotId, voters)) {
    expect(tables).toContain('ballot_board');
    expect(labels).toEqual([]);
  }
}

describe.runIf(DIALECTS.includes('postgres'))(
  'an end-to-end ballot leaves no choice in the clear [postgres]',
  () => {
    it('in any tuple of any page, live or dead, of any table, TOAST table or index', async (test) => {
      const open = await databaseOfItsOwn();
      closers.push(() => open.close());
      await pageinspectOrSkip(
        open.db,
        test,
        'the PostgreSQL check of an end-to-end ballot’s pages',
      );
      const ctx = testContext(open);
      const w = await setUp(ctx);

      const plain = await plainBallotVoted(w);
      await plain.cast();
      const plainLinks = await postgresLinks(
        open,
        plain.ballotId,
        w.plainVoters.map((v) => ({ ids: [v.personId] })),
      );
      for (const [i, { labels }] of plainLinks.entries())
        expect(labels.join(), 'the plain ballot').toContain(OPTIONS[choiceOf(i)]);

      const e2e = await e2eBallotOpened(w);
      const { randomness, voters } = await castE2e(w, e2e);
      const secrets = [...randomness, ...e2e.secrets];
      await expectCastsHoldNoChoice(open, e2e.ballotId, voters);
      expectNoOpening(await allPages(open), secrets, 'the pages, the ballot open');
      await sql`checkpoint`.execute(open.db);

      const board = await countE2e(w, e2e);
      expectNoDegenerateBallot(board);
      await expectCastsHoldNoChoice(open, e2e.ballotId, voters);
      expectNoOpening(await allPages(open), secrets, 'the pages, after the count');
    }, 180_000);
  },
);
