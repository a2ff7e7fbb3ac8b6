import { dialectOf, type Db } from '../database.ts';
import { findById, findBySlug, inOrganisation } from '../rows.ts';
import type { BodyTable, OrganisationTable } from '../schema.ts';

export type OrganisationRow = OrganisationTable;
export type BodyRow = BodyTable;

export const insertOrganisation = (db: Db, row: OrganisationRow) =>
  db.insertInto('organisations').values(row).execute();

export const findOrganisationBySlug = (db: Db, slug: string) =>
  db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();

export const findOrganisation = (db: Db, id: string) => findById(db, 'organisations', id);

export const listOrganisations = (db: Db) =>
  db.selectFrom('organisations').selectAll().orderBy('name').execute();

/**
 * Takes the organisation's row lock on PostgreSQL, serialising writers of its audit chain.
 * (SQLite has one writer at a time already.)
 */
export async function lockOrganisation(db: Db, id: string) {
  if (dialectOf(db) === 'postgres') {
    await db.selectFrom('organisations').select('id').where('id', '=', id).forUpdate().execute();
  }
}

export const insertBody = (db: Db, row: BodyRow) => db.insertInto('bodies').values(row).execute();

export const findBody = (db: Db, id: string) => findById(db, 'bodies', id);

export const findBodyBySlug = (db: Db, organisationId: string, slug: string) =>
  findBySlug(db, 'bodies', organisationId, slug);

/** Every body of the organisation; trees are small (hundreds of branches), so load them whole. */
export const listBodies = (db: Db, organisationId: string) =>
  inOrganisation(db, 'bodies', organisationId).selectAll().orderBy('name').execute();
