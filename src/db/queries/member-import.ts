import { ENTRY_COLUMNS } from './register.ts';
import { sql } from 'kysely';
import { copyRows, copyValue } from '../copy.ts';
import { dialectOf, type Db } from '../database.ts';

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

/**
 * Who holds each of these emails on this server (email → person id). The emails travel as one
 * parameter (a JSON array on SQLite, an array on PostgreSQL), each looked up in the email index:
 * a list of thousands of parameters costs more to build and compile than to run.
 */
export async function ownersOfEmails(db: Db, emails: readonly string[]) {
  const owners = new Map<string, string>();
  if (!emails.length) return owners;
  const { rows } =
    dialectOf(db) === 'sqlite'
      ? await sql<{ id: string; email: string }>`select id, email from people
          where email in (select value from json_each(${JSON.stringify(emails)}))`.execute(db)
      : await sql<{ id: string; email: string }>`select id, email from people
          where email = any(${emails}::text[])`.execute(db);
  for (const row of rows) owners.set(row.email, row.id);
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

/** A new person of an import: id, name, email. */
export type ImportedPerson = readonly [id: string, name: string, email: string];

/**
 * A new member row of an import (role `member`, no vote weight): its id, body, person, member
 * number, joining date and, for a member the file gives as lapsed, the day they left.
 */
export type ImportedMember = readonly [
  id: string,
  bodyId: string,
  personId: string,
  memberNumber: string | null,
  joinedOn: string | null,
  leftOn: string | null,
];

/**
 * Writes new people and their member rows, all made at `at`. Each row carries only what
 * differs from the next (a tuple, not an object: one array per row, spread as it is), and what
 * every row shares (the time, the role) is given once.
 *
 * On PostgreSQL each table takes one `COPY … FROM STDIN` per batch (db/copy.ts): no statement,
 * plan or parameter per row, the fastest way in that PostgreSQL has. SQLite takes the rows as
 * one JSON array spread by `json_each`: a short statement, prepared once and reused, where a
 * multi-row INSERT of 1,000 rows has thousands of parameters, and each such statement, prepared
 * anew, holds megabytes of native memory until the garbage collector finalises it (a million
 * rows grew the process by hundreds of megabytes).
 */
export async function insertImported(
  db: Db,
  at: string,
  people: readonly ImportedPerson[],
  members: readonly ImportedMember[],
) {
  if (dialectOf(db) === 'sqlite') {
    if (people.length)
      await sql`insert into people (id, name, email, created_at)
        select value->>0, value->>1, value->>2, ${at}
        from json_each(${JSON.stringify(people)})`.execute(db);
    if (members.length)
      await sql`insert into memberships
          (id, body_id, person_id, role, member_number, joined_on, left_on, vote_weight, created_at)
        select value->>0, value->>1, value->>2, 'member', value->>3, value->>4, value->>5, null, ${at}
        from json_each(${JSON.stringify(members)})`.execute(db);
    return;
  }
  const made = copyValue(at);
  let text = '';
  for (const [id, name, email] of people)
    text += `${copyValue(id)}\t${copyValue(name)}\t${copyValue(email)}\t${made}\n`;
  await copyRows(db, 'people', ['id', 'name', 'email', 'created_at'], text);
  text = '';
  for (const [id, bodyId, personId, number, joinedOn, leftOn] of members)
    text +=
      `${copyValue(id)}\t${copyValue(bodyId)}\t${copyValue(personId)}\tmember\t` +
      `${copyValue(number)}\t${copyValue(joinedOn)}\t${copyValue(leftOn)}\t\\N\t${made}\n`;
  await copyRows(db, 'memberships', MEMBERSHIP_COLUMNS, text);
}

const MEMBERSHIP_COLUMNS = [
  'id',
  'body_id',
  'person_id',
  'role',
  'member_number',
  'joined_on',
  'left_on',
  'vote_weight',
  'created_at',
];
