import {
  canonicalAuditText,
  GENESIS_HASH,
  verifyAuditChain,
  type ChainBreak,
} from '../domain/audit.ts';
import type { Db, DialectName } from '../db/database.ts';
import {
  findLastAuditEvent,
  insertAuditEvent,
  listAuditEvents,
  listAuditedOrganisationIds,
} from '../db/queries/audit.ts';
import { lockOrganisation } from '../db/queries/organisations.ts';
import { sha256Hex } from './secrets.ts';

export interface AuditAppend {
  readonly organisationId: string;
  readonly actorPersonId: string | null;
  /** What happened, as a dotted verb: `member.imported`, `body.created`. */
  readonly action: string;
  /** What it happened to: `body:<id>`, `person:<id>`. */
  readonly subject: string;
  readonly data?: Record<string, unknown>;
  readonly at: string;
}

/**
 * Appends one event to the organisation's hash chain, inside the caller's transaction. On
 * PostgreSQL the organisation row is locked first, so concurrent writers take turns; the
 * (organisation, seq) key refuses a second writer of the same link in any case.
 */
export async function appendAudit(
  trx: Db,
  dialect: DialectName,
  event: AuditAppend,
): Promise<void> {
  await lockOrganisation(trx, event.organisationId, dialect);
  const last = await findLastAuditEvent(trx, event.organisationId);
  const entry = {
    organisationId: event.organisationId,
    seq: (last?.seq ?? 0) + 1,
    at: event.at,
    actorPersonId: event.actorPersonId,
    action: event.action,
    subject: event.subject,
    data: JSON.stringify(event.data ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await insertAuditEvent(trx, {
    organisation_id: entry.organisationId,
    seq: entry.seq,
    at: entry.at,
    actor_person_id: entry.actorPersonId,
    action: entry.action,
    subject: entry.subject,
    data: entry.data,
    prev_hash: prevHash,
    hash: sha256Hex(canonicalAuditText(prevHash, entry)),
  });
}

export interface ChainReport {
  readonly organisationId: string;
  readonly entries: number;
  readonly broken: ChainBreak | null;
}

/** Recomputes the chain of every organisation (or one). */
export async function verifyAuditChains(db: Db, organisationId?: string): Promise<ChainReport[]> {
  const ids = organisationId
    ? [organisationId]
    : (await listAuditedOrganisationIds(db)).map((r) => r.organisation_id);
  const reports: ChainReport[] = [];
  for (const id of ids) {
    const rows = await listAuditEvents(db, id);
    const entries = rows.map((r) => ({
      organisationId: r.organisation_id,
      seq: Number(r.seq),
      at: r.at,
      actorPersonId: r.actor_person_id,
      action: r.action,
      subject: r.subject,
      data: r.data,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    reports.push({
      organisationId: id,
      entries: entries.length,
      broken: verifyAuditChain(entries, sha256Hex),
    });
  }
  return reports;
}
