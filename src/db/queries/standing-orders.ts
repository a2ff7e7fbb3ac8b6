import {
  standingOrdersSchema,
  type StandingOrders,
} from '../../domain/organisations/standing-orders.ts';
import type { Db } from '../database.ts';
import { readJson } from '../json.ts';
import type { StandingOrdersTable } from '../schema.ts';

/** A body's stored standing orders, their rules read and validated against the domain's schema. */
export type StandingOrdersRow = Omit<StandingOrdersTable, 'rules'> & { rules: StandingOrders };

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

export async function findStandingOrders(
  db: Db,
  bodyId: string,
): Promise<StandingOrdersRow | undefined> {
  const row = await db
    .selectFrom('standing_orders')
    .selectAll()
    .where('body_id', '=', bodyId)
    .executeTakeFirst();
  return row && { ...row, rules: readJson(row.rules, standingOrdersSchema) };
}
