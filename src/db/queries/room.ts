import type { Db } from '../database.ts';

/**
 * Counts for the live room: how many members a body has and how many of them are signed in to a
 * meeting, without loading the register (a screen connecting to a meeting of 10,000 members
 * must not read 10,000 rows).
 */
const currentMember = (bodyId: string, today: string) => (db: Db) =>
  db
    .selectFrom('memberships')
    .select('memberships.person_id')
    .where('memberships.body_id', '=', bodyId)
    .where('memberships.role', '=', 'member')
    .where((eb) =>
      eb.or([eb('memberships.left_on', 'is', null), eb('memberships.left_on', '>', today)]),
    );

export async function countCurrentMembers(db: Db, bodyId: string, today: string) {
  const row = await db
    .selectFrom(currentMember(bodyId, today)(db).distinct().as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countPresentMembers(
  db: Db,
  meetingId: string,
  bodyId: string,
  today: string,
) {
  const row = await db
    .selectFrom('attendance')
    .select((eb) => eb.fn.count<number>('attendance.person_id').distinct().as('n'))
    .where('attendance.meeting_id', '=', meetingId)
    .where('attendance.signed_out_at', 'is', null)
    .where('attendance.person_id', 'in', currentMember(bodyId, today)(db))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
