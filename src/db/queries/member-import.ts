import { ENTRY_COLUMNS } from './register.ts';
import { sql } from 'kysely';
import { dialectOf, type Db } from '../database.ts';
import type { MembershipRow } from './memberships.ts';
import type { NewPerson } from './people.ts';

/**
 * The queries of a streamed member import (app/organisations/import-members.ts): a batch of
 * the file's rows is looked up, then written, thousands at a time, inside the import's one
 * transaction.
 */

/** Bound parameters per statement: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const PER_STATEMENT = 5000;

function* chunks<T>(items: readonly T[], size: number) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Who holds each of these emails on this server (email → person id). */
export async function ownersOfEmails(db: Db, emails: readonly string[]) {
  const owners = new Map<string, string>();
  for (const chunk of chunks(emails, PER_STATEMENT)) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'email'])
      .where('email', 'in', chunk)
      .execute();
    for (const row of rows) owners.set(row.email, row.id);
  }
  return owners;
}

/** Whether any of these bodies has a member on its register (lapsed ones included). */
export async function hasRegister(db: Db, bodyIds: readonly string[]) {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('body_id', 'in', bodyIds.length ? bodyIds : [''])
    .where('role', '=', 'member')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The registered members of these bodies holding any of these emails or member numbers: the
 * only ones a batch of rows can match, so the register is never read whole.
 */
export async function registerEntriesMatching(
  db: Db,
  bodyIds: readonly string[],
  emails: readonly string[],
  numbers: readonly string[],
) {
  const select = () =>
    db
      .selectFrom('memberships')
      .innerJoin('people', 'people.id', 'memberships.person_id')
      .leftJoin('accounts', 'accounts.person_id', 'people.id')
      .select(ENTRY_COLUMNS)
      .where('memberships.body_id', 'in', bodyIds.length ? bodyIds : [''])
      .where('memberships.role', '=', 'member');
  const found = [];
  for (const chunk of chunks(emails, PER_STATEMENT))
    found.push(...(await select().where('people.email', 'in', chunk).execute()));
  for (const chunk of chunks(numbers, PER_STATEMENT))
    found.push(...(await select().where('memberships.member_number', 'in', chunk).execute()));
  return found;
}

/**
 * Writes new people and their memberships. On PostgreSQL each table takes one statement per
 * batch, its columns sent as arrays and spread into rows by `unnest` (a handful of bound
 * parameters however many rows, and no statement text that grows with them: close to COPY's
 * speed without a COPY client, which node-postgres does not ship). SQLite takes the rows as one
 * JSON array spread by `json_each`: a short statement, where a multi-row INSERT of 1,000 rows
 * has 9,000 parameters, and each such statement, prepared anew, holds megabytes of native
 * memory until the garbage collector finalises it (a million rows grew the process by
 * hundreds of megabytes).
 */
export async function insertImported(
  db: Db,
  people: readonly NewPerson[],
  memberships: readonly MembershipRow[],
) {
  if (dialectOf(db) === 'sqlite') {
    const item = (i: number) => sql.raw(`json_extract(value, '$[${i}]')`);
    if (people.length)
      await sql`insert into people (id, name, email, created_at)
        select ${item(0)}, ${item(1)}, ${item(2)}, ${item(3)}
        from json_each(${JSON.stringify(people.map((p) => [p.id, p.name, p.email, p.created_at]))})`.execute(
        db,
      );
    if (memberships.length)
      await sql`insert into memberships
          (id, body_id, person_id, role, member_number, joined_on, left_on, vote_weight, created_at)
        select ${item(0)}, ${item(1)}, ${item(2)}, ${item(3)}, ${item(4)}, ${item(5)}, ${item(6)},
          ${item(7)}, ${item(8)}
        from json_each(${JSON.stringify(
          memberships.map((m) => [
            m.id,
            m.body_id,
            m.person_id,
            m.role,
            m.member_number,
            m.joined_on,
            m.left_on,
            m.vote_weight,
            m.created_at,
          ]),
        )})`.execute(db);
    return;
  }
  const column = <T, K extends keyof T>(rows: readonly T[], key: K) => rows.map((r) => r[key]);
  if (people.length)
    await sql`insert into people (id, name, email, created_at)
      select * from unnest(${column(people, 'id')}::text[], ${column(people, 'name')}::text[],
        ${column(people, 'email')}::text[], ${column(people, 'created_at')}::text[])`.execute(db);
  if (memberships.length)
    await sql`insert into memberships
        (id, body_id, person_id, role, member_number, joined_on, left_on, vote_weight, created_at)
      select * from unnest(${column(memberships, 'id')}::text[],
        ${column(memberships, 'body_id')}::text[], ${column(memberships, 'person_id')}::text[],
        ${column(memberships, 'role')}::text[], ${column(memberships, 'member_number')}::text[],
        ${column(memberships, 'joined_on')}::text[], ${column(memberships, 'left_on')}::text[],
        ${column(memberships, 'vote_weight')}::integer[],
        ${column(memberships, 'created_at')}::text[])`.execute(db);
}
