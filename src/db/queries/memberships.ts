import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../database.ts';
import type { Role } from '../../domain/organisations/policy.ts';
import { insertInChunks, updateById } from '../rows.ts';
import type { Database, MembershipTable } from '../schema.ts';

export type MembershipRow = MembershipTable;

/** A membership that still holds on `today`: not left on or before it. */
export const notLeftBy = (today: string) => (eb: ExpressionBuilder<Database, 'memberships'>) =>
  eb.or([eb('memberships.left_on', 'is', null), eb('memberships.left_on', '>', today)]);

/**
 * The current members of a body: its member rows not left on or before `today`. The one
 * definition of who is a member now, for the register, notice, quorum and the electorate;
 * callers join and choose the columns.
 */
export const currentMembershipsOf = (db: Db, bodyId: string, today: string) =>
  db
    .selectFrom('memberships')
    .where('memberships.body_id', '=', bodyId)
    .where('memberships.role', '=', 'member')
    .where(notLeftBy(today));

export const insertMembership = (db: Db, row: MembershipRow) =>
  db.insertInto('memberships').values(row).execute();

/** Inserts many memberships in statements of 1,000 rows. */
export const insertMemberships = (
  db: Db,
  rows: readonly MembershipRow[],
  onChunk?: (n: number) => void,
) => insertInChunks(db, 'memberships', rows, onChunk);

export const updateMembership = updateById<
  'memberships',
  'member_number' | 'joined_on' | 'left_on' | 'vote_weight'
>('memberships');

export const deleteMembership = (db: Db, id: string) =>
  db.deleteFrom('memberships').where('id', '=', id).execute();

/** A person's memberships, each with its body. */
const membershipsOfPersonWithBodies = (db: Db, personId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .where('memberships.person_id', '=', personId);

/** A person's current memberships (not left on or before `today`), with each body's organisation. */
export const listActiveMembershipsOfPerson = (db: Db, personId: string, today: string) =>
  membershipsOfPersonWithBodies(db, personId)
    .select(['memberships.body_id', 'memberships.role', 'bodies.organisation_id'])
    .where(notLeftBy(today))
    .execute();

/** A membership's terms as the register and a person's data export show them. */
const membershipTerms = [
  'memberships.role',
  'memberships.member_number',
  'memberships.joined_on',
  'memberships.left_on',
  'memberships.vote_weight',
] as const;

/** Every membership of a person, with body and organisation names (for their data export). */
export const listMembershipsOfPerson = (db: Db, personId: string) =>
  membershipsOfPersonWithBodies(db, personId)
    .innerJoin('organisations', 'organisations.id', 'bodies.organisation_id')
    .select([
      'memberships.id',
      ...membershipTerms,
      'memberships.created_at',
      'bodies.name as body_name',
      'organisations.name as organisation_name',
    ])
    .orderBy('organisations.name')
    .orderBy('bodies.name')
    .execute();

/** The register of some bodies: memberships of one role, with the person and account flag. */
export const listRegister = (db: Db, bodyIds: readonly string[], role: Role = 'member') =>
  db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .leftJoin('accounts', 'accounts.person_id', 'people.id')
    .select([
      'memberships.id as membership_id',
      'memberships.body_id',
      ...membershipTerms,
      'people.id as person_id',
      'people.name',
      'people.email',
      'accounts.person_id as account_person_id',
    ])
    .where('memberships.body_id', 'in', bodyIds.length ? bodyIds : [''])
    .where('memberships.role', '=', role)
    .orderBy('people.name')
    .orderBy('people.email')
    .execute();

/**
 * A body's memberships not yet left, with their people: whom its officers and secretaries are
 * read from (an office is held until it is left, never ended ahead of time).
 */
export const officeHoldersNow = (db: Db, bodyId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .where('memberships.body_id', '=', bodyId)
    .where('memberships.left_on', 'is', null);

/** Officers (every role but plain member) of a body. */
export const listOfficers = (db: Db, bodyId: string) =>
  officeHoldersNow(db, bodyId)
    .select(['memberships.id', 'memberships.role', 'people.id as person_id', 'people.name'])
    .where('memberships.role', '!=', 'member')
    .orderBy('memberships.role')
    .orderBy('people.name')
    .execute();

export const findMembership = (db: Db, bodyId: string, personId: string, role: Role) =>
  db
    .selectFrom('memberships')
    .selectAll()
    .where('body_id', '=', bodyId)
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .executeTakeFirst();

export async function countMembers(db: Db, bodyId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('body_id', '=', bodyId)
    .where('role', '=', 'member')
    .where('left_on', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A current member of a body, found by member number or email. */
export const findMemberOfBody = (db: Db, bodyId: string, ref: string, today: string) =>
  currentMembershipsOf(db, bodyId, today)
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id as person_id', 'people.name'])
    .where((eb) =>
      eb.or([
        eb('memberships.member_number', '=', ref),
        eb('people.email', '=', ref.toLowerCase()),
      ]),
    )
    .executeTakeFirst();

/** Whether a person is a current member of a body. */
export const isCurrentMember = async (db: Db, bodyId: string, personId: string, today: string) =>
  !!(await currentMembershipsOf(db, bodyId, today)
    .select('memberships.id')
    .where('memberships.person_id', '=', personId)
    .executeTakeFirst());
