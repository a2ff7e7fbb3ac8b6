import type { Db } from '../database.ts';
import { currentMembershipsOf } from './memberships.ts';

/**
 * Counts for the live room: how many members a body has and how many of them are signed in to a
 * meeting, without loading the register (a screen connecting to a meeting of 10,000 members
 * must not read 10,000 rows).
 */
const currentMember = (bodyId: string, today: string) => (db: Db) =>
  currentMembershipsOf(db, bodyId, today).select('memberships.person_id');

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
