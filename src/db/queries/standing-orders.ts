import type { Db } from '../database.ts';
import type { StandingOrdersTable } from '../schema.ts';

export const upsertStandingOrders = async (db: Db, row: StandingOrdersTable) => {
  await db
    .insertInto('standing_orders')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('body_id')
        .doUpdateSet({ preset: row.preset, rules: row.rules, updated_at: row.updated_at }),
    )
    .execute();
};

export const findStandingOrders = (db: Db, bodyId: string) =>
  db.selectFrom('standing_orders').selectAll().where('body_id', '=', bodyId).executeTakeFirst();
