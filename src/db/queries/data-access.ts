import type { Db } from '../database.ts';
import type { DataAccessTable } from '../schema.ts';

export const insertDataAccess = (db: Db, rows: readonly DataAccessTable[]) =>
  rows.length
    ? db
        .insertInto('data_access')
        .values([...rows])
        .execute()
    : Promise.resolve([]);

/**
 * Every look at this person's data by someone else: at their own details, or at the register
 * of a body while they were recorded as a member of it (not before they joined, nor after they
 * left).
 */
export const listDataAccessAbout = (db: Db, personId: string) =>
  db
    .selectFrom('data_access')
    .innerJoin('people as viewer', 'viewer.id', 'data_access.viewer_person_id')
    .leftJoin('bodies', 'bodies.id', 'data_access.body_id')
    .select([
      'data_access.at',
      'data_access.kind',
      'viewer.name as viewer_name',
      'bodies.name as body_name',
    ])
    .where('data_access.viewer_person_id', '!=', personId)
    .where((eb) =>
      eb.or([
        eb('data_access.person_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('memberships')
            .select('memberships.id')
            .whereRef('memberships.body_id', '=', 'data_access.body_id')
            .where('memberships.person_id', '=', personId)
            .where('memberships.role', '=', 'member')
            .whereRef('memberships.created_at', '<=', 'data_access.at')
            .where((m) =>
              m.or([
                m('memberships.left_on', 'is', null),
                m(
                  'memberships.left_on',
                  '>=',
                  m.fn<string>('substr', ['data_access.at', m.val(1), m.val(10)]),
                ),
              ]),
            ),
        ),
      ]),
    )
    .orderBy('data_access.at', 'desc')
    .limit(500)
    .execute();
