import {
  canonicalAuditText,
  GENESIS_HASH,
  verifyAuditChain,
  type ChainBreak,
  type ChainedAuditEntry,
} from '../../domain/audit.ts';
import type { Actor } from '../../domain/organisations/policy.ts';
import type { Db } from '../../db/database.ts';
import {
  findAuditEntryAbout,
  findLastAuditEvent,
  insertAuditEvent,
  listAuditEvents,
  listAuditedOrganisationIds,
} from '../../db/queries/audit.ts';
import { findBallotSealed } from '../../db/queries/ballots.ts';
import { findQuestion } from '../../db/queries/meetings.ts';
import { findResolutionSealed } from '../../db/queries/resolutions.ts';
import { lockOrganisation } from '../../db/queries/organisations.ts';
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
  event: AuditAppend,
): Promise<{ seq: number; hash: string }> {
  await lockOrganisation(trx, event.organisationId);
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
  const hash = sha256Hex(canonicalAuditText(prevHash, entry));
  await insertAuditEvent(trx, {
    organisation_id: entry.organisationId,
    seq: entry.seq,
    at: entry.at,
    actor_person_id: entry.actorPersonId,
    action: entry.action,
    subject: entry.subject,
    data: entry.data,
    prev_hash: prevHash,
    hash,
  });
  return { seq: entry.seq, hash };
}

/**
 * Appends what someone did to one record of an organisation (a ballot, a meeting, a body): the
 * event joins that record's organisation chain with the subject `kind:id`. A null actor is the
 * system itself (the command line, a ballot closing at its set time).
 */
export function auditAction(
  trx: Db,
  actor: Pick<Actor, 'personId'> | null,
  action: string,
  [kind, record]: readonly [kind: string, record: { id: string; organisation_id: string }],
  at: string,
  data: Record<string, unknown>,
) {
  return appendAudit(trx, {
    organisationId: record.organisation_id,
    actorPersonId: actor?.personId ?? null,
    action,
    subject: `${kind}:${record.id}`,
    data,
    at,
  });
}

export interface ChainReport {
  readonly organisationId: string;
  readonly entries: number;
  readonly broken: ChainBreak | null;
}

/** Told how far a long check has gone: entries checked of the chain's total. */
export type OnProgress = (done: number, total: number) => void;

/** Recomputes the chain of every organisation (or one), and checks every result it sealed. */
export async function verifyAuditChains(
  db: Db,
  organisationId?: string,
  onProgress?: OnProgress,
): Promise<ChainReport[]> {
  const ids = organisationId
    ? [organisationId]
    : (await listAuditedOrganisationIds(db)).map((r) => r.organisation_id);
  const reports: ChainReport[] = [];
  for (const id of ids) {
    const { entries, broken } = await checkOrganisationChain(db, id, onProgress);
    reports.push({ organisationId: id, entries: entries.length, broken });
  }
  return reports;
}

/**
 * One organisation's chain as stored, in order, and its first broken link, whether in the chain
 * itself or in a record it sealed (null when all hold).
 */
export async function checkOrganisationChain(
  db: Db,
  organisationId: string,
  onProgress?: OnProgress,
): Promise<{ entries: ChainedAuditEntry[]; broken: ChainBreak | null }> {
  const rows = await listAuditEvents(db, organisationId);
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
  const breaks = [
    verifyAuditChain(entries, sha256Hex),
    await checkSeals(db, entries, onProgress),
  ].filter((b): b is ChainBreak => b !== null);
  return { entries, broken: breaks.sort((a, b) => a.seq - b.seq)[0] ?? null };
}

/**
 * Published results are sealed: the audit entry that publishes one carries
 * `seal: { kind, id, digest }`, the SHA-256 of the result exactly as stored, and the stored
 * result carries that entry's hash (shown beside it on its page). `seconded verify` reads each
 * seal from the chain and compares it with the stored row, so a result edited in the database
 * afterwards is found even though the chain itself is intact.
 */
export type SealKind = 'ballot' | 'question' | 'resolution';

export interface Seal {
  readonly kind: SealKind;
  readonly id: string;
  readonly digest: string;
}

/** The text of a declared question that its seal covers: counts, named votes, result, wording. */
export const questionSealText = (q: {
  counts: string | null;
  record: string | null;
  result: string | null;
  declared: string | null;
}) => JSON.stringify([q.counts, q.record, q.result, q.declared]);

/** The text of a published resolution that its seal covers: title, clauses, result. */
export const resolutionSealText = (r: {
  title: string;
  text: string;
  declared: string;
  result: string;
}) => JSON.stringify([r.title, r.text, r.declared, r.result]);

export const sealOf = (kind: SealKind, id: string, text: string): Seal => ({
  kind,
  id,
  digest: sha256Hex(text),
});

/**
 * The stored text and published hash of a sealed record, or undefined when it is gone. A
 * resolution keeps no copy of its hash: its page reads it from the chain (findSealHash).
 */
async function loadSealed(
  db: Db,
  seal: Seal,
): Promise<{ text: string; hash: string | null | false } | undefined> {
  if (seal.kind === 'resolution') {
    const row = await findResolutionSealed(db, seal.id);
    return row && { text: resolutionSealText(row), hash: false };
  }
  if (seal.kind === 'ballot') {
    const row = await findBallotSealed(db, seal.id);
    return row && { text: row.result ?? '', hash: row.result_hash };
  }
  const row = await findQuestion(db, seal.id);
  return row && { text: questionSealText(row), hash: row.result_hash };
}

async function checkSeals(
  db: Db,
  entries: readonly { seq: number; action: string; data: string; hash: string }[],
  onProgress?: OnProgress,
): Promise<ChainBreak | null> {
  for (const [i, e] of entries.entries()) {
    // Reading each sealed record is the slow part of a check: a long chain reports as it goes.
    if (i % 100 === 0) onProgress?.(i, entries.length);
    const seal = (JSON.parse(e.data) as { seal?: Seal }).seal;
    if (!seal) continue;
    const stored = await loadSealed(db, seal);
    const what = `the ${seal.kind} ${seal.id} sealed by entry ${e.seq} (${e.action})`;
    if (!stored) return { seq: e.seq, reason: `${what} is missing from the database` };
    if (sha256Hex(stored.text) !== seal.digest)
      return { seq: e.seq, reason: `${what} was changed after it was published` };
    if (stored.hash !== false && stored.hash !== e.hash)
      return { seq: e.seq, reason: `${what} shows a chain hash that is not its entry's` };
  }
  onProgress?.(entries.length, entries.length);
  return null;
}

/** The hash of the audit entry that published something (`resolution:<id>`), if any. */
export const findSealHash = async (
  db: Db,
  organisationId: string,
  subject: string,
  action: string,
) => (await findAuditEntryAbout(db, organisationId, subject, action))?.hash ?? null;
