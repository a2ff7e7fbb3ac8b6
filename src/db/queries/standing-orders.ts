import {
  standingOrdersSchema,
  type StandingOrders,
} from '../../domain/organisations/standing-orders.ts';
import type { Db } from '../database.ts';
import { readJson } from '../json.ts';
import { upsert } from '../rows.ts';
import type { StandingOrdersTable } from '../schema.ts';

/** A body's stored standing orders, their rules read and validated against the domain's schema. */
export type StandingOrdersRow = Omit<StandingOrdersTable, 'rules'> & { rules: StandingOrders };

export const upsertStandingOrders = (db: Db, row: StandingOrdersTable) =>
  upsert(db, 'standing_orders', 'body_id', row, ['preset', 'rules', 'updated_at']);

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
