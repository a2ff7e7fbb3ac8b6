import type { Db } from '../database.ts';
import { inOrganisation } from '../rows.ts';
import type { AuditEventTable } from '../schema.ts';

export type AuditEventRow = AuditEventTable;

export const findLastAuditEvent = (db: Db, organisationId: string) =>
  inOrganisation(db, 'audit_events', organisationId)
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The last entry of an organisation's chain, as its published head shows it. */
export const findAuditHead = (db: Db, organisationId: string) =>
  inOrganisation(db, 'audit_events', organisationId)
    .select(['seq', 'hash', 'at'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertAuditEvent = (db: Db, row: AuditEventRow) =>
  db.insertInto('audit_events').values(row).execute();

export const listAuditEvents = (db: Db, organisationId: string) =>
  inOrganisation(db, 'audit_events', organisationId).selectAll().orderBy('seq').execute();

export const listAuditEventsAbout = (db: Db, actorPersonId: string) =>
  db
    .selectFrom('audit_events')
    .select(['organisation_id', 'seq', 'at', 'action', 'subject'])
    .where('actor_person_id', '=', actorPersonId)
    .orderBy('at')
    .execute();

export const listAuditedOrganisationIds = (db: Db) =>
  db.selectFrom('audit_events').select('organisation_id').distinct().execute();

/** The first entry of an organisation's chain with this subject and action. */
export const findAuditEntryAbout = (
  db: Db,
  organisationId: string,
  subject: string,
  action: string,
) =>
  inOrganisation(db, 'audit_events', organisationId)
    .select(['seq', 'hash'])
    .where('subject', '=', subject)
    .where('action', '=', action)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
