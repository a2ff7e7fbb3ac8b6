import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../database.ts';
import type { Database } from '../schema.ts';
import { notLeftBy } from './memberships.ts';

/**
 * The member register read a page at a time. Its order is the sort name (the name in lower case)
 * then the person's id, then the membership's: a total order, so a page starts exactly after the
 * last row of the one before (keyset paging), and the index `people_sort_name` (migration 0017)
 * walks it without sorting the register, however long it is.
 */

/** What a register entry reads: the membership, the person, and whether they have an account. */
export const ENTRY_COLUMNS = [
  'memberships.id as membership_id',
  'memberships.body_id',
  'memberships.member_number',
  'memberships.joined_on',
  'memberships.left_on',
  'people.id as person_id',
  'people.name',
  'people.email',
  'accounts.person_id as account_person_id',
] as const;

/** Whose memberships are shown: current ones (the default), lapsed ones, or every one. */
export type RegisterStatus = 'current' | 'lapsed' | 'all';

/** Where a page starts: after the row with these keys (as the previous page's last gave them). */
export interface RegisterKey {
  readonly sortName: string;
  readonly personId: string;
  readonly membershipId: string;
}

export interface RegisterPageQuery {
  readonly bodyIds: readonly string[];
  readonly today: string;
  readonly status: RegisterStatus;
  /** Lower-cased already; matched anywhere in the name, the email or the member number. */
  readonly search?: string | undefined;
  /** The page after this row; or, with `before`, the page before it (rows come back last first). */
  readonly after?: RegisterKey | undefined;
  readonly before?: RegisterKey | undefined;
  readonly limit: number;
}

const sortName = sql<string>`lower(${sql.ref('people.name')})`;

/** `%text%` for LIKE, its own % and _ taken literally (escaped with a backslash). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type RegisterEb = ExpressionBuilder<Database, 'memberships' | 'people'>;

/** Lapsed: left on or before today (the complement of `notLeftBy`). */
const lapsedBy = (today: string) => (eb: RegisterEb) =>
  eb.and([eb('memberships.left_on', 'is not', null), eb('memberships.left_on', '<=', today)]);

function matches(eb: RegisterEb, search: string) {
  const like = containing(search);
  const contains = (column: ReturnType<typeof sql.ref>) =>
    sql<boolean>`lower(${column}) like ${like} escape '\\'`;
  return eb.or([
    contains(sql.ref('people.name')),
    contains(sql.ref('people.email')),
    contains(sql.ref('memberships.member_number')),
  ]);
}

/**
 * One page of the register (`limit` rows, and one more to tell whether another page follows).
 * `large` says the register is long (see `countRegister`): its page is then read by walking the
 * people in sort-name order from the cursor and keeping those on the register (a CROSS JOIN,
 * which SQLite takes as "people first"; PostgreSQL plans by its statistics either way), which
 * reads a page's worth of rows instead of sorting the whole register at each page. A short
 * register is read the other way, from its memberships, which is quicker when the people of
 * the whole server far outnumber it.
 */
export function pageRegister(db: Db, q: RegisterPageQuery & { large?: boolean }) {
  const from = q.large
    ? db
        .selectFrom('people')
        .crossJoin('memberships')
        .whereRef('memberships.person_id', '=', 'people.id')
    : db.selectFrom('people').innerJoin('memberships', 'memberships.person_id', 'people.id');
  let query = from
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .select([...ENTRY_COLUMNS, sortName.as('sort_name')])
    .where('memberships.body_id', 'in', q.bodyIds.length ? q.bodyIds : [''])
    .where('memberships.role', '=', 'member');
  if (q.status === 'current') query = query.where(notLeftBy(q.today));
  if (q.status === 'lapsed') query = query.where(lapsedBy(q.today));
  const search = q.search;
  if (search) query = query.where((eb) => matches(eb, search));
  const start = q.before ?? q.after;
  const direction = q.before ? 'desc' : 'asc';
  if (start) {
    // The sort name alone first: the bound an index range can start from (a row value that
    // spans two tables cannot be one); then the whole key, to start exactly after the row.
    query = query
      .where(sortName, q.before ? '<=' : '>=', start.sortName)
      .where((eb) =>
        eb(
          eb.refTuple(sortName, 'people.id', 'memberships.id'),
          q.before ? '<' : '>',
          eb.tuple(start.sortName, start.personId, start.membershipId),
        ),
      );
  }
  return query
    .orderBy(sortName, direction)
    .orderBy('people.id', direction)
    .orderBy('memberships.id', direction)
    .limit(q.limit + 1)
    .execute();
}

/**
 * How many rows the register shows for a body and status (the page's heading), counted up to
 * `cap` and no further: counting 100,000 memberships at every page would cost more than the
 * page itself. Returns `cap` when there are at least that many.
 */
export async function countRegister(
  db: Db,
  q: Pick<RegisterPageQuery, 'bodyIds' | 'today' | 'status'>,
  cap: number,
) {
  let query = db
    .selectFrom('memberships')
    .select('memberships.id')
    .where('memberships.body_id', 'in', q.bodyIds.length ? q.bodyIds : [''])
    .where('memberships.role', '=', 'member');
  if (q.status === 'current') query = query.where(notLeftBy(q.today));
  if (q.status === 'lapsed')
    query = query
      .where('memberships.left_on', 'is not', null)
      .where('memberships.left_on', '<=', q.today);
  const row = await db
    .selectFrom(query.limit(cap).as('shown'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One member of a body's register (role member), with the person and whether they signed up. */
export const findRegisterEntry = (db: Db, bodyId: string, personId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .select(ENTRY_COLUMNS)
    .where('memberships.body_id', '=', bodyId)
    .where('memberships.person_id', '=', personId)
    .where('memberships.role', '=', 'member')
    .executeTakeFirst();

/** Another member of the same body already holding this member number, if any. */
export const findMemberNumberHolder = (
  db: Db,
  bodyId: string,
  memberNumber: string,
  exceptPersonId: string | null,
) =>
  db
    .selectFrom('memberships')
    .select('person_id')
    .where('body_id', '=', bodyId)
    .where('role', '=', 'member')
    .where('member_number', '=', memberNumber)
    .where('person_id', '!=', exceptPersonId ?? '')
    .executeTakeFirst();

/** The offices (every role but member) a person holds in a body now. */
export const officesHeld = async (db: Db, bodyId: string, personId: string) =>
  (
    await db
      .selectFrom('memberships')
      .select('role')
      .where('body_id', '=', bodyId)
      .where('person_id', '=', personId)
      .where('role', '!=', 'member')
      .where('left_on', 'is', null)
      .execute()
  ).map((r) => r.role);
